import { NotionOpsError } from "../errors.js";

/** One problem in health weights or thresholds, located by key path inside the `health` block. */
export interface HealthConfigIssue {
  /** Key path inside `health`, e.g. `weights.backup` (`weights` for a problem with the whole object). */
  path: string;
  message: string;
}

/**
 * Weights or thresholds handed to the health functions in code are invalid. (In `notion-ops.yml`
 * the same rules are reported by the config loader as a ConfigError with file and line.)
 */
export class HealthConfigError extends NotionOpsError {
  readonly issues: HealthConfigIssue[];

  constructor(issues: HealthConfigIssue[]) {
    const lines = issues.map((issue) => `health.${issue.path}: ${issue.message}`);
    super(
      "config_invalid",
      lines.length === 1 ? lines[0]! : `invalid health settings:\n  ${lines.join("\n  ")}`,
      {
        details: { issues },
      },
    );
    this.issues = issues;
  }

  static override is(error: unknown): error is HealthConfigError {
    return error instanceof HealthConfigError;
  }
}

/** Turns a zod failure of a sub-schema mounted at `prefix` (e.g. `weights`) into a HealthConfigError. */
export function healthConfigErrorFrom(
  prefix: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): HealthConfigError {
  return new HealthConfigError(
    issues.map((issue) => ({
      path: [prefix, ...issue.path.map(String)].join("."),
      message: issue.message,
    })),
  );
}
