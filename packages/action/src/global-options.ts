import { type ParseArgsOptionsConfig, parseArgs } from "node:util";

/** Options every command takes, before or after the command's words. */
export const GLOBAL_OPTIONS = {
  config: { type: "string" },
  json: { type: "boolean" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "V" },
} as const satisfies ParseArgsOptionsConfig;

/** A first, lenient read of argv: the global options and the words that name the command. */
export function probeArguments(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: GLOBAL_OPTIONS, allowPositionals: true, strict: false });
}
