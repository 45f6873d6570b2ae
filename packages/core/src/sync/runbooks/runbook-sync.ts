import type { Logger } from "../../log/logger.js";
import type { RecordError } from "../../plugins/observations.js";
import type { ExistingIndex } from "../existing-records.js";
import type { PlannedUpdate } from "../planner.js";
import type { RunbookSync } from "../run-sync.js";
import { readRunbooks } from "./runbook-files.js";
import { RUNBOOK_PROPERTIES, runbookRecords } from "./runbook-records.js";

export interface RunbookSyncOptions {
  /** `runbooks.dir` from the config. */
  dir: string;
  /** The repository root. */
  cwd: string;
  logger?: Logger;
  now?: () => Date;
}

/** The runbooks sync for `runSync`: reads the files and builds the desired records. */
export function createRunbookSync(options: RunbookSyncOptions): RunbookSync {
  const now = options.now ?? (() => new Date());
  return {
    async desired(existing: ExistingIndex) {
      const files = await readRunbooks({
        dir: options.dir,
        cwd: options.cwd,
        ...(options.logger ? { logger: options.logger } : {}),
      });
      const { records, problems } = runbookRecords(files, {
        now: now(),
        existing: existing.byKey,
        ...(options.logger ? { logger: options.logger } : {}),
      });
      const errors: RecordError[] = problems.map((p) => ({
        source: "runbooks",
        entity: "other",
        id: p.key,
        message: `${p.key}${p.line === undefined ? "" : `:${p.line}`}: ${p.message}`,
      }));
      return { records, errors };
    },
  };
}

/** True when a planned Runbook Library update changes the content, so the body must be rewritten too. */
export function needsBodyRewrite(update: Pick<PlannedUpdate, "changes">): boolean {
  return update.changes.some((c) => c.property === RUNBOOK_PROPERTIES.contentHash);
}
