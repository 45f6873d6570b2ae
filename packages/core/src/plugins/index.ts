export * from "./http-client.js";
export * from "./observations.js";
export type * from "./plugin.js";
export { validateObservations } from "./validate-observations.js";
