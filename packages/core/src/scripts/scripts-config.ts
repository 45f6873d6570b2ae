import { z } from "zod";
import { DURATION_HINT, parseDurationSeconds } from "./duration.js";

/** Twenty-four hours: longer than any hosted runner allows a job to run. */
export const MAX_SCRIPT_TIMEOUT_SECONDS = 86_400;

/** A duration (`"90s"`, `"10m"`, `600`) as seconds, > 0 and at most `max`. */
export function durationSchema(options: { allowZero?: boolean; maxSeconds?: number } = {}) {
  return z.unknown().transform((value, ctx) => {
    const seconds = parseDurationSeconds(value);
    if (seconds === undefined) {
      ctx.addIssue({ code: "custom", message: `must be ${DURATION_HINT} (got ${JSON.stringify(value)})` });
      return z.NEVER;
    }
    if (seconds === 0 && !options.allowZero) {
      ctx.addIssue({ code: "custom", message: "must be greater than 0" });
      return z.NEVER;
    }
    if (options.maxSeconds !== undefined && seconds > options.maxSeconds) {
      ctx.addIssue({ code: "custom", message: `must be at most ${options.maxSeconds} seconds` });
      return z.NEVER;
    }
    return seconds;
  });
}

/**
 * The `scripts:` block of `notion-ops.yml`. Relative `allowedDirs` are resolved against the
 * repository root (the working directory of the run).
 */
export const scriptsConfigSchema = z
  .object({
    allowedDirs: z
      .array(z.string().min(1, "must not be empty"))
      .min(1, "must list at least one directory")
      .default(["scripts"]),
    maxParallel: z.number().int("must be a whole number").min(1).max(64).default(3),
    defaultTimeout: durationSchema({ maxSeconds: MAX_SCRIPT_TIMEOUT_SECONDS }).default(600),
  })
  .strict();

export type ScriptsConfigInput = z.input<typeof scriptsConfigSchema>;
export type ScriptsConfig = z.output<typeof scriptsConfigSchema>;

export const DEFAULT_SCRIPTS_CONFIG: ScriptsConfig = {
  allowedDirs: ["scripts"],
  maxParallel: 3,
  defaultTimeout: 600,
};
