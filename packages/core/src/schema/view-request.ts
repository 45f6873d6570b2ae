import type { CreateViewParameters } from "@notionhq/client";
import type { LiveSchema } from "./live-schema.js";
import type { DashboardDefinition, TabViewDefinition, WidgetDefinition } from "./view-definition.js";

export interface DatabaseIds {
  databaseId: string;
  dataSourceId: string;
}

/** A view request ready to send, or the property names it needs that the data source lacks. */
export type ResolvedView =
  | { ok: true; request: CreateViewParameters }
  | { ok: false; missingProperties: string[] };

export type WidgetPlacement =
  | { type: "new_row"; row_index?: number }
  | { type: "existing_row"; row_index: number };

/** `POST /v1/views` for a tab on its database. */
export function tabViewRequest(
  definition: TabViewDefinition,
  ids: DatabaseIds,
  schema: LiveSchema,
): ResolvedView {
  return withResolvedParts(definition, schema, (parts) => ({
    database_id: ids.databaseId,
    data_source_id: ids.dataSourceId,
    name: definition.name,
    type: definition.type,
    ...parts,
  }));
}

/** `POST /v1/views` for a dashboard tab (dashboards take no configuration). */
export function dashboardRequest(definition: DashboardDefinition, ids: DatabaseIds): CreateViewParameters {
  return {
    database_id: ids.databaseId,
    data_source_id: ids.dataSourceId,
    name: definition.name,
    type: "dashboard",
  };
}

/** `POST /v1/views` for a widget inside the dashboard `dashboardViewId`. */
export function widgetRequest(
  definition: WidgetDefinition,
  dashboardViewId: string,
  sourceDataSourceId: string,
  schema: LiveSchema,
  placement: WidgetPlacement,
): ResolvedView {
  return withResolvedParts(definition, schema, (parts) => ({
    view_id: dashboardViewId,
    data_source_id: sourceDataSourceId,
    name: definition.name,
    type: definition.type,
    ...parts,
    placement,
  }));
}

type Parts = Pick<CreateViewParameters, "filter" | "sorts" | "configuration">;

function withResolvedParts(
  definition: TabViewDefinition | WidgetDefinition,
  schema: LiveSchema,
  build: (parts: Parts) => CreateViewParameters,
): ResolvedView {
  const missing = new Set<string>();
  const resolve = (name: string): string => {
    const property = schema[name];
    if (!property) {
      missing.add(name);
      return name;
    }
    return property.id;
  };
  const parts: Record<string, unknown> = {};
  if (definition.filter) parts.filter = resolveNames(definition.filter, resolve, PROPERTY_KEY);
  if (definition.sorts) parts.sorts = resolveNames(definition.sorts, resolve, PROPERTY_KEY);
  if (definition.configuration)
    parts.configuration = resolveNames(definition.configuration, resolve, PROPERTY_ID_KEY);
  if (missing.size > 0) return { ok: false, missingProperties: [...missing] };
  return { ok: true, request: build(parts as Parts) };
}

/** Filters and sorts name their property in `property`. */
const PROPERTY_KEY = /^property$/;
/** Configurations in `property_id`, `date_property_id`, `x_axis_property_id`, … */
const PROPERTY_ID_KEY = /^(?:\w+_)?property_id$/;

/** A deep copy of `value` with every string under a key matching `keys` passed through `resolve`. */
export function resolveNames<T>(value: T, resolve: (name: string) => string, keys: RegExp): T {
  if (Array.isArray(value)) return value.map((item) => resolveNames(item, resolve, keys)) as T;
  if (!value || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] =
      typeof item === "string" && keys.test(key) ? resolve(item) : resolveNames(item, resolve, keys);
  }
  return copy as T;
}
