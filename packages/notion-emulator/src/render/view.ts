import { notionTimestamp } from "../clock.js";
import { compactId } from "../ids.js";
import type { ViewRecord } from "../state.js";
import type { Store } from "../store.js";
import { botRef } from "./user.js";

const NAMED_REFS: Record<string, string> = {
  date_property_id: "date_property_name",
  end_date_property_id: "end_date_property_name",
  map_by: "map_by_property_name",
};
const GROUP_KEYS = new Set(["group_by", "sub_group_by", "x_axis", "stack_by"]);
const ENTRY_KEYS = new Set(["properties", "table_properties"]);

/** Adds the response-only property names next to property ids. */
function withNames(
  config: Record<string, unknown>,
  nameOf: (id: string) => string | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(config);
  for (const [key, value] of Object.entries(out)) {
    const nameKey = NAMED_REFS[key];
    if (nameKey && typeof value === "string") {
      const name = nameOf(value);
      if (name !== undefined) out[nameKey] = name;
    } else if (GROUP_KEYS.has(key) && value && typeof value === "object" && !Array.isArray(value)) {
      const g = value as Record<string, unknown>;
      const name = typeof g.property_id === "string" ? nameOf(g.property_id) : undefined;
      if (name !== undefined) g.property_name = name;
    } else if (ENTRY_KEYS.has(key) && Array.isArray(value)) {
      for (const entry of value as Record<string, unknown>[]) {
        const name = typeof entry.property_id === "string" ? nameOf(entry.property_id) : undefined;
        if (name !== undefined) entry.property_name = name;
      }
    }
  }
  return out;
}

export function viewUrl(view: ViewRecord): string {
  return `https://www.notion.so/${compactId(view.databaseId)}?v=${compactId(view.id)}`;
}

/** A view in read shape (`GET /v1/views/{id}`). */
export function renderView(store: Store, view: ViewRecord): Record<string, unknown> {
  const ds = view.dataSourceId ? store.state.dataSources[view.dataSourceId] : undefined;
  const nameOf = (id: string) => ds?.properties.find((p) => p.id === id)?.name;
  let configuration: Record<string, unknown> | null = null;
  if (view.type === "dashboard") {
    configuration = {
      type: "dashboard",
      rows: (view.rows ?? []).map((r) => ({ id: r.id, widgets: r.widgets.map((w) => ({ ...w })) })),
    };
  } else if (view.configuration) configuration = withNames(view.configuration, nameOf);
  const rendered: Record<string, unknown> = {
    object: "view",
    id: view.id,
    parent: { type: "database_id", database_id: view.databaseId },
    data_source_id: view.type === "dashboard" ? null : view.dataSourceId,
    name: view.name,
    type: view.type,
    filter: view.filter === null || view.filter === undefined ? null : structuredClone(view.filter),
    sorts: view.sorts ? structuredClone(view.sorts) : null,
    quick_filters: view.quickFilters ? structuredClone(view.quickFilters) : null,
    configuration,
    created_time: notionTimestamp(view.createdTime),
    last_edited_time: notionTimestamp(view.lastEditedTime),
    created_by: botRef(store),
    last_edited_by: botRef(store),
    url: viewUrl(view),
  };
  if (view.dashboardViewId) rendered.dashboard_view_id = view.dashboardViewId;
  return rendered;
}
