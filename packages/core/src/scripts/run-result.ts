import type { ScriptFailureClassification } from "./error-classifier.js";
import type { ForbiddenMatch } from "./forbidden-rules.js";
import type { ScriptInterpreterName } from "./interpreter.js";
import type { CapturedOutput } from "./output-capture.js";

/** The Status select of Script Runs (SPEC §4). */
export const SCRIPT_RUN_STATUSES = ["success", "failed", "timeout", "blocked", "skipped"] as const;
export type ScriptRunStatus = (typeof SCRIPT_RUN_STATUSES)[number];

/** Everything a Script Runs record and its handoff need about one manifest entry's run. */
export interface ScriptRunResult {
  /** Position in the manifest. */
  index: number;
  /** The normalised manifest path (`scripts/backup.sh`): the Script property. */
  script: string;
  /** `name` from the manifest, else the script path. */
  name: string;
  /** The entry's `trigger` override, if any. */
  trigger?: string;
  status: ScriptRunStatus;
  /** null when killed by a signal, not started, blocked or skipped. */
  exitCode: number | null;
  signal: string | null;
  started: Date;
  finished: Date;
  /** 0 for blocked and skipped. */
  durationMs: number;
  /** sha256 of the file content, hex: the Content Hash property and the cooldown key. */
  contentHash: string;
  interpreter: ScriptInterpreterName;
  /** For humans, shell-quoted: `bash scripts/backup.sh --full`. */
  commandLine: string;
  timeoutSeconds: number;
  cooldownSeconds?: number;
  /** Captured output (masked); empty for blocked and skipped runs. */
  output: CapturedOutput;
  /** Why a `blocked` run was blocked. */
  blockedBy: ForbiddenMatch[];
  /** Set for `skipped`: the unchanged script's last successful run was inside its cooldown. */
  skipped?: { lastSuccessfulRun: Date; cooldownSeconds: number; eligibleAgain: Date };
  /** Set for `failed` and `timeout`. */
  failure?: ScriptFailureClassification;
}

/** True for the runs whose Script Runs page carries a handoff. */
export function needsHandoff(result: Pick<ScriptRunResult, "status">): boolean {
  return result.status === "failed" || result.status === "timeout" || result.status === "blocked";
}
