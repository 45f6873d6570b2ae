export * from "./errors.js";
export * from "./log/index.js";
