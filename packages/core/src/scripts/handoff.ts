import { formatDuration } from "./duration.js";
import type { ScriptErrorClass } from "./error-classifier.js";
import type { ForbiddenMatch } from "./forbidden-rules.js";
import type { ScriptRunResult, ScriptRunStatus } from "./run-result.js";

/** What the next person needs to pick up a failed, timed-out or blocked run. Plain, masked data. */
export interface Handoff {
  script: string;
  name: string;
  status: ScriptRunStatus;
  /** Shell-quoted, for humans to copy. */
  commandLine: string;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  /** `3.2 s`. */
  duration: string;
  /** ISO 8601. */
  started: string;
  /** null for blocked runs (the policy, not the script, stopped it) and successes. */
  errorClass: ScriptErrorClass | null;
  errorLabel: string | null;
  /** The output line that decided the error class. */
  evidence?: string;
  blockedBy: ForbiddenMatch[];
  nextSteps: string[];
  /** The end of the captured output, cut at a line boundary. */
  outputTail: string;
  /** Everything the script wrote, in bytes. */
  outputTotalBytes: number;
  /** True when `outputTail` is not the whole output. */
  outputTruncated: boolean;
}

export interface HandoffOptions {
  /** Applied to every string (the result is already masked; this is a second net). */
  mask?: (text: string) => string;
  /** How much of the output's end to keep (default 10,000 characters). */
  tailChars?: number;
}

export const DEFAULT_HANDOFF_TAIL_CHARS = 10_000;

export function buildHandoff(result: ScriptRunResult, options: HandoffOptions = {}): Handoff {
  const mask = options.mask ?? ((text: string) => text);
  const tail = tailOf(result.output.text, options.tailChars ?? DEFAULT_HANDOFF_TAIL_CHARS);
  const blocked = result.status === "blocked";
  const nextSteps = blocked ? blockedNextSteps(result) : (result.failure?.nextSteps ?? []);
  return {
    script: mask(result.script),
    name: mask(result.name),
    status: result.status,
    commandLine: mask(result.commandLine),
    exitCode: result.exitCode,
    signal: result.signal,
    durationMs: result.durationMs,
    duration: formatDuration(result.durationMs),
    started: result.started.toISOString(),
    errorClass: blocked ? null : (result.failure?.errorClass ?? null),
    errorLabel: blocked ? null : (result.failure?.label ?? null),
    ...(result.failure?.evidence && !blocked ? { evidence: mask(result.failure.evidence) } : {}),
    blockedBy: result.blockedBy.map((match) => ({ ...match, excerpt: mask(match.excerpt) })),
    nextSteps: nextSteps.map(mask),
    outputTail: mask(tail.text),
    outputTotalBytes: result.output.totalBytes,
    outputTruncated: tail.cut || result.output.omittedBytes > 0,
  };
}

function blockedNextSteps(result: ScriptRunResult): string[] {
  const ids = [...new Set(result.blockedBy.map((match) => match.ruleId))];
  return [
    ...result.blockedBy.map(
      (match) =>
        `Line ${match.line} matches rule ${match.ruleId} (${match.description}): remove or rewrite it.`,
    ),
    `If it is intended, allow it for this entry only: \`allowForbidden: [${ids.join(", ")}]\` in the manifest.`,
  ];
}

function tailOf(text: string, maxChars: number): { text: string; cut: boolean } {
  if (text.length <= maxChars) return { text, cut: false };
  let slice = text.slice(text.length - maxChars);
  if (/^[\udc00-\udfff]/.test(slice)) slice = slice.slice(1);
  const newline = slice.indexOf("\n");
  return { text: newline !== -1 && newline < maxChars / 2 ? slice.slice(newline + 1) : slice, cut: true };
}
