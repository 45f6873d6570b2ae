import type { Logger } from "../../log/logger.js";
import type { PlainValue } from "../../notion/codec.js";
import { utcDate } from "../calendar-date.js";
import type { DesiredRecord } from "../desired-record.js";
import { parseRunbook, type RunbookProblem } from "./runbook.js";
import { isRunbookError, type RunbookFile } from "./runbook-files.js";

/** Runbook Library property names (schema/databases.ts). */
export const RUNBOOK_PROPERTIES = {
  title: "Title",
  key: "Runbook Key",
  category: "Category",
  tags: "Tags",
  contentHash: "Content Hash",
  lastUpdated: "Last Updated",
} as const;

export interface RunbookRecordsOptions {
  /** The run's clock: Last Updated is this date (UTC) for new and changed runbooks. */
  now: Date;
  /** What Notion holds now, by Runbook Key (the planner's existing index `byKey`). */
  existing?: ReadonlyMap<string, { values: Readonly<Record<string, PlainValue>> }>;
  /** Problems and conversion warnings are logged here, located at the file (and line). */
  logger?: Logger;
}

export interface RunbookRecords {
  records: DesiredRecord[];
  /** Files that gave no record (unreadable, invalid front matter), each with its key and reason. */
  problems: RunbookProblem[];
}

/**
 * Runbook files → desired Runbook Library records. `Last Updated` is set only when the content
 * hash differs from the one in Notion (or the page is new), so an unchanged file never produces
 * a write; `children` is the page body, used to create the page or rewrite it (rewriteRunbook).
 */
export function runbookRecords(
  files: readonly RunbookFile[],
  options: RunbookRecordsOptions,
): RunbookRecords {
  const records: DesiredRecord[] = [];
  const problems: RunbookProblem[] = [];
  const today = utcDate(options.now);
  for (const file of files) {
    if (isRunbookError(file)) {
      problems.push({ key: file.key, message: file.error });
      options.logger?.warn(`Runbook ${file.key}: ${file.error}; skipped`, {
        file: file.key,
        title: "Runbook skipped",
      });
      continue;
    }
    const parsed = parseRunbook(file);
    if (!parsed.ok) {
      const { problem } = parsed;
      problems.push(problem);
      options.logger?.warn(`Runbook ${problem.key}:${problem.line ?? 1}: ${problem.message}; skipped`, {
        file: problem.key,
        ...(problem.line === undefined ? {} : { line: problem.line }),
        title: "Runbook skipped",
      });
      continue;
    }
    const { runbook } = parsed;
    for (const warning of runbook.warnings) {
      options.logger?.warn(`Runbook ${runbook.key}: ${warning}`, { file: runbook.key });
    }
    const storedHash = options.existing?.get(runbook.key)?.values[RUNBOOK_PROPERTIES.contentHash];
    const changed = storedHash !== runbook.contentHash;
    records.push({
      key: runbook.key,
      values: {
        [RUNBOOK_PROPERTIES.title]: runbook.title,
        [RUNBOOK_PROPERTIES.category]: runbook.category,
        [RUNBOOK_PROPERTIES.tags]: runbook.tags,
        [RUNBOOK_PROPERTIES.contentHash]: runbook.contentHash,
        [RUNBOOK_PROPERTIES.lastUpdated]: changed ? today : undefined,
      },
      children: runbook.blocks,
    });
  }
  return { records, problems };
}
