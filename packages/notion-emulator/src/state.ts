/**
 * The emulated workspace as plain, JSON-serializable records. This is exactly what persistence
 * writes to the state file; rendering into Notion's response shapes happens in render/.
 */
export interface Annotations {
  bold: boolean;
  italic: boolean;
  strikethrough: boolean;
  underline: boolean;
  code: boolean;
  color: string;
}

/** A rich text item stored in its read shape (what Notion returns). */
export interface RichTextItem {
  type: "text" | "mention" | "equation";
  text?: { content: string; link: { url: string } | null };
  mention?: Record<string, unknown>;
  equation?: { expression: string };
  annotations: Annotations;
  plain_text: string;
  href: string | null;
}

export const PROPERTY_TYPES = [
  "title",
  "rich_text",
  "number",
  "select",
  "multi_select",
  "status",
  "date",
  "checkbox",
  "url",
  "email",
  "phone_number",
  "people",
  "files",
  "relation",
  "rollup",
  "formula",
  "unique_id",
  "created_time",
  "created_by",
  "last_edited_time",
  "last_edited_by",
  "button",
  "verification",
  "location",
  "place",
  "last_visited_time",
] as const;

export type PropertyType = (typeof PROPERTY_TYPES)[number];

export interface SelectOption {
  id: string;
  name: string;
  color: string;
  description: string | null;
}

export interface StatusGroup {
  id: string;
  name: string;
  color: string;
  option_ids: string[];
}

export interface RelationConfig {
  data_source_id: string;
  type: "single_property" | "dual_property";
  synced_property_id?: string;
  synced_property_name?: string;
}

export interface RollupConfig {
  function: string;
  relation_property_id: string;
  relation_property_name: string;
  rollup_property_id: string;
  rollup_property_name: string;
}

export interface PropertySchema {
  id: string;
  name: string;
  type: PropertyType;
  description: string | null;
  options?: SelectOption[];
  groups?: StatusGroup[];
  format?: string;
  relation?: RelationConfig;
  rollup?: RollupConfig;
  expression?: string;
  prefix?: string | null;
  /** unique_id: the next number to hand out. */
  nextNumber?: number;
}

export interface DateValue {
  start: string;
  end: string | null;
  time_zone: string | null;
}

export interface UserRef {
  object: "user";
  id: string;
}

export type FileValue =
  | { name: string; type: "external"; external: { url: string } }
  | { name: string; type: "file_upload"; file_upload: { id: string } };

/**
 * A page property value, keyed by property id. Its meaning depends on the property type:
 * title/rich_text → RichTextItem[]; number → number|null; select/status → option id|null;
 * multi_select → option ids; date → DateValue|null; checkbox → boolean; url/email/phone_number →
 * string|null; relation → page ids; people → UserRef[]; files → FileValue[]; unique_id → number.
 */
export type PropertyValue =
  | RichTextItem[]
  | number
  | string
  | boolean
  | null
  | string[]
  | DateValue
  | UserRef[]
  | FileValue[];

export type PageParent =
  | { type: "data_source_id"; data_source_id: string }
  | { type: "page_id"; page_id: string }
  | { type: "workspace"; workspace: true };

export interface PageRecord {
  id: string;
  parent: PageParent;
  values: Record<string, PropertyValue>;
  inTrash: boolean;
  isLocked: boolean;
  icon: unknown;
  cover: unknown;
  createdTime: number;
  lastEditedTime: number;
  /** Creation order, used to break ties between equal timestamps. */
  seq: number;
  /** Explicit sharing; undefined inherits from the parent. */
  shared?: boolean;
  childIds: string[];
}

export interface BlockRecord {
  id: string;
  parent: { type: "page_id"; page_id: string } | { type: "block_id"; block_id: string };
  type: string;
  content: Record<string, unknown>;
  childIds: string[];
  inTrash: boolean;
  createdTime: number;
  lastEditedTime: number;
}

export interface DatabaseRecord {
  id: string;
  parent: { type: "page_id"; page_id: string } | { type: "workspace"; workspace: true };
  title: RichTextItem[];
  description: RichTextItem[];
  isInline: boolean;
  inTrash: boolean;
  isLocked: boolean;
  icon: unknown;
  cover: unknown;
  dataSourceIds: string[];
  /** Views shown as tabs, in tab order (dashboard widgets are not tabs). */
  viewIds: string[];
  createdTime: number;
  lastEditedTime: number;
  shared?: boolean;
  /** Set for linked-database containers created by `views.create` with `create_database`. */
  linked?: boolean;
}

export interface DataSourceRecord {
  id: string;
  databaseId: string;
  title: RichTextItem[];
  description: RichTextItem[];
  properties: PropertySchema[];
  inTrash: boolean;
  icon: unknown;
  createdTime: number;
  lastEditedTime: number;
}

export const VIEW_TYPES = [
  "table",
  "board",
  "list",
  "calendar",
  "timeline",
  "gallery",
  "form",
  "chart",
  "map",
  "dashboard",
] as const;

export type ViewType = (typeof VIEW_TYPES)[number];

export interface DashboardWidget {
  id: string;
  view_id: string;
  width: number;
  row_index: number;
}

export interface DashboardRow {
  id: string;
  widgets: DashboardWidget[];
}

export interface ViewRecord {
  id: string;
  databaseId: string;
  /** null for dashboards. */
  dataSourceId: string | null;
  name: string;
  type: ViewType;
  filter: unknown;
  sorts: unknown[] | null;
  quickFilters: Record<string, unknown> | null;
  /** Stored with property ids; null when nothing custom is set. */
  configuration: Record<string, unknown> | null;
  /** Dashboards only. */
  rows?: DashboardRow[];
  /** Widgets only. */
  dashboardViewId?: string;
  createdTime: number;
  lastEditedTime: number;
}

export interface ViewQueryRecord {
  id: string;
  viewId: string;
  pageIds: string[];
  totalCount: number;
  incomplete: boolean;
  expiresAt: number;
}

export interface WorkspaceState {
  version: 1;
  workspaceId: string;
  botId: string;
  idGeneratorState: number;
  nextSeq: number;
  pages: Record<string, PageRecord>;
  blocks: Record<string, BlockRecord>;
  databases: Record<string, DatabaseRecord>;
  dataSources: Record<string, DataSourceRecord>;
  views: Record<string, ViewRecord>;
  viewQueries: Record<string, ViewQueryRecord>;
}
