export {
  type DatabaseFacts,
  databaseFacts,
  findTaggedDatabases,
  retrieveDatabase,
  type TaggedDatabases,
} from "./database-discovery.js";
export { DATABASE_KEYS, type DatabaseKey } from "./database-keys.js";
export {
  type DatabaseTag,
  formatTag,
  initialDescription,
  readTag,
  replaceDescriptionLine,
  TAG_PREFIX,
  withTag,
} from "./database-tag.js";
export { DATABASES } from "./databases.js";
export {
  type DatabaseDefinition,
  type OptionColor,
  type PropertyDefinition,
  type PropertyType,
  propertyOf,
  relationTargets,
  type SelectOption,
} from "./definition.js";
export {
  type CheckStatus,
  type DoctorCheck,
  type DoctorOptions,
  type DoctorResult,
  doctorTable,
  runDoctor,
} from "./doctor.js";
export { type LiveOption, type LiveProperty, type LiveSchema, liveSchemaOf } from "./live-schema.js";
export { parsePageReference } from "./page-reference.js";
export { planRefusalReason } from "./plan-refusal.js";
export {
  initialProperties,
  type PropertyConfiguration,
  propertyConfiguration,
  type RelationTargets,
} from "./property-config.js";
export type { ReportTable } from "./report-table.js";
export { type Drift, type DriftKind, repairPatch, schemaDrift } from "./schema-drift.js";
export {
  type DatabaseSetupOutcome,
  type DatabaseSetupStatus,
  runSetup,
  type SetupOptions,
  type SetupResult,
  setupTables,
} from "./setup.js";
export {
  type DashboardDefinition,
  isDashboard,
  planGate,
  type TabViewDefinition,
  type ViewConfiguration,
  type ViewDefinition,
  type ViewFilter,
  type ViewSort,
  type ViewType,
  type WidgetDefinition,
} from "./view-definition.js";
export { type LiveView, liveViewOf } from "./view-inventory.js";
export type { ViewMode, ViewOutcome, ViewStatus } from "./view-reconcile.js";
export {
  type DatabaseIds,
  dashboardRequest,
  type ResolvedView,
  tabViewRequest,
  type WidgetPlacement,
  widgetRequest,
} from "./view-request.js";
export { VIEWS, viewsOf } from "./views.js";
