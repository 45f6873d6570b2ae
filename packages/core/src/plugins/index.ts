export * from "./http-client.js";
export * from "./matching.js";
export * from "./merge-site-facts.js";
export * from "./observations.js";
export type * from "./plugin.js";
export { displaySiteName, normalizeSiteName } from "./site-name.js";
export { validateObservations } from "./validate-observations.js";
export * from "./vendor-text.js";
