import type { CreateViewParameters } from "@notionhq/client";
import type { DatabaseKey } from "./database-keys.js";

/** View types notion-ops creates (the Views API knows more: list, gallery, timeline, form, map). */
export type ViewType = "table" | "board" | "calendar" | "chart" | "dashboard";

/**
 * A view configuration in the Views API's own request shape, except that every `property_id`
 * (and `date_property_id`, …) holds a property NAME: names are resolved to the ids of the data
 * source's schema when the view is created, so definitions read like the workspace they describe.
 */
export type ViewConfiguration = NonNullable<CreateViewParameters["configuration"]>;

/** A view filter in the data-source query shape, with property names. */
export type ViewFilter =
  | { property: string; select: { equals: string } | { does_not_equal: string } }
  | { property: string; number: { less_than: number } | { greater_than: number } | { equals: number } }
  | { property: string; checkbox: { equals: boolean } }
  | { or: ViewFilter[] }
  | { and: ViewFilter[] };

export interface ViewSort {
  property: string;
  direction: "ascending" | "descending";
}

interface ViewBody {
  /** Stable identifier, e.g. `customerSites.healthBoard` (results, docs, tests). */
  key: string;
  /** The view's name in Notion; how setup and doctor find it again. */
  name: string;
  /** The question the view answers (docs/workspace.md, dry-run output). */
  purpose: string;
  filter?: ViewFilter;
  sorts?: readonly ViewSort[];
}

/** A tab on one of the seven databases, over that database's data source. */
export interface TabViewDefinition extends ViewBody {
  database: DatabaseKey;
  type: Exclude<ViewType, "dashboard">;
  configuration?: ViewConfiguration;
}

/** A widget inside a dashboard; `source` is the database whose data source it shows. */
export interface WidgetDefinition extends ViewBody {
  source: DatabaseKey;
  type: Exclude<ViewType, "dashboard">;
  configuration?: ViewConfiguration;
  /** Dashboard row (0-based); widgets of one row sit side by side (at most 4 per row). */
  row: number;
}

/** A dashboard tab on `database`; its widgets are created after it, row by row. */
export interface DashboardDefinition extends ViewBody {
  database: DatabaseKey;
  type: "dashboard";
  widgets: readonly WidgetDefinition[];
}

export type ViewDefinition = TabViewDefinition | DashboardDefinition;

export function isDashboard(definition: ViewDefinition): definition is DashboardDefinition {
  return definition.type === "dashboard";
}

/**
 * Why a view type may be refused by the workspace's plan (Notion help centre): dashboards need a
 * Business or Enterprise plan; the Free plan allows one chart per workspace.
 */
export function planGate(type: ViewType): string | undefined {
  if (type === "dashboard") return "dashboards need a Business or Enterprise plan";
  if (type === "chart") return "the Free plan allows one chart per workspace";
  return undefined;
}
