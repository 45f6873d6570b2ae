export * from "./errors.js";
export * from "./log/index.js";
export { parseBaseUrl } from "./config/base-url.js";
export * from "./plugins/index.js";
