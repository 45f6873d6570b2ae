import { formatDuration } from "./duration.js";
import { SCRIPT_RUN_STATUSES, type ScriptRunResult, type ScriptRunStatus } from "./run-result.js";

/** What a dry run would do with a script. */
export type ScriptDryRunAction = "would run" | "would skip" | "would block";

export interface ScriptSummaryRow {
  script: string;
  status: ScriptRunStatus | ScriptDryRunAction;
  exitCode: number | null;
  /** null in a dry run. */
  durationMs: number | null;
  /** `3.2 s`, or "" when there is no duration. */
  duration: string;
  /** Why it was blocked or skipped, or the error class of a failure. */
  note: string;
}

export const SCRIPT_SUMMARY_COLUMNS = ["Script", "Status", "Exit code", "Duration"] as const;

/** The model of the summary table (job summary, CLI): one row per manifest entry, in manifest order. */
export interface ScriptRunsSummary {
  columns: typeof SCRIPT_SUMMARY_COLUMNS;
  rows: ScriptSummaryRow[];
  counts: Record<ScriptRunStatus, number>;
}

export function summarizeScriptRuns(results: readonly ScriptRunResult[]): ScriptRunsSummary {
  const counts = emptyCounts();
  const rows = results.map((result): ScriptSummaryRow => {
    counts[result.status]++;
    return {
      script: result.name,
      status: result.status,
      exitCode: result.exitCode,
      durationMs: result.durationMs,
      duration:
        result.status === "blocked" || result.status === "skipped" ? "" : formatDuration(result.durationMs),
      note: noteFor(result),
    };
  });
  return { columns: SCRIPT_SUMMARY_COLUMNS, rows, counts };
}

export function emptyCounts(): Record<ScriptRunStatus, number> {
  return Object.fromEntries(SCRIPT_RUN_STATUSES.map((status) => [status, 0])) as Record<
    ScriptRunStatus,
    number
  >;
}

function noteFor(result: ScriptRunResult): string {
  if (result.status === "blocked") {
    return result.blockedBy.map((match) => `${match.ruleId} (line ${match.line})`).join(", ");
  }
  if (result.status === "skipped" && result.skipped) {
    return `unchanged; last success ${result.skipped.lastSuccessfulRun.toISOString()}`;
  }
  return result.failure ? result.failure.label : "";
}
