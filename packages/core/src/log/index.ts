export { createActionsSink } from "./actions-sink.js";
export { type CliSinkOptions, createCliSink } from "./cli-sink.js";
export { createLogger, type Logger, type LogLevel, type LogLocation, type LogSink } from "./logger.js";
export { createMemorySink, type LoggedLine, teeSinks } from "./memory-sink.js";
export { SecretMasker } from "./secret-masker.js";

import { createLogger, type Logger } from "./logger.js";

/** A logger that writes nowhere (library callers that pass none). */
export function silentLogger(): Logger {
  return createLogger({ write() {}, startGroup() {}, endGroup() {} });
}
