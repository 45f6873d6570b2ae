export { NotionApiError, type NotionErrorCode } from "./api-error.js";
export type { Now } from "./clock.js";
export {
  EmulatorUsageError,
  type InternalErrorRecord,
  type NotionEmulator,
  startNotionEmulator,
} from "./emulator.js";
export {
  AMBIGUOUS_OUTCOMES,
  type AmbiguousOutcome,
  FAULT_KINDS,
  type FaultKind,
  type FaultMatcher,
  type FaultOptions,
  type ScriptedFault,
} from "./faults.js";
export { DEFAULT_HOST, DEFAULT_RATE_LIMIT, DEFAULT_TOKEN, type NotionEmulatorOptions } from "./options.js";
export { StateFileError } from "./persistence.js";
export { DEFAULT_QUERY_RESULT_LIMIT } from "./query/data-source-query.js";
export type { PageObject, PagePropertyValue } from "./render/page.js";
export { MAX_BODY_BYTES, NOTION_VERSION } from "./server.js";
export { NOTION_PLANS, type NotionPlan } from "./settings.js";
export type { PropertyType, ViewType, WorkspaceState } from "./state.js";
export type { EmulatorStats, EndpointStats, RequestLogEntry } from "./stats.js";
export { MAX_WIDGETS_PER_DASHBOARD, MAX_WIDGETS_PER_ROW } from "./views/dashboard-layout.js";
