export {
  type ChangeEntry,
  changeEntries,
  changeId,
  describeCommit,
  type UnmappedFile,
} from "./change-entries.js";
export type { CommitSource } from "./commit-source.js";
export { logManualChange, type ManualChange } from "./log-change.js";
export { type LogChangesResult, logChanges } from "./log-changes.js";
export { type ChangedCommit, type PushEvent, pushEventSchema } from "./push-event.js";
export type { WriteChangesResult } from "./write-change-entries.js";
