export { utcDate } from "./calendar-date.js";
export type { DesiredRecord, ExistingRecord } from "./desired-record.js";
export type { DatabaseResult, RecordFailure } from "./executor.js";
export { type ExistingIndex, readExistingRecords } from "./existing-records.js";
export { customerSitesFreshness, freshnessLine } from "./freshness.js";
export { type DatabasePlan, planDatabase } from "./planner.js";
export {
  type FreshnessFacts,
  type PlanSummary,
  type RunbookSync,
  runSync,
  type SiteRow,
  type SyncOptions,
  type SyncResult,
} from "./run-sync.js";
export * from "./runbooks/index.js";
export { SYNC_HEAP, startSyncWorker } from "./sync-heap.js";
export { SYNC_NAMES, type SyncName } from "./sync-names.js";
