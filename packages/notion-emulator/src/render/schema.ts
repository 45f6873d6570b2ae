import type { PropertySchema } from "../state.js";
import type { Store } from "../store.js";

/** A data source property in read shape: `{id, name, description, type, [type]: config}`. */
export function renderPropertySchema(store: Store, p: PropertySchema): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    type: p.type,
    [p.type]: renderConfig(store, p),
  };
}

function renderConfig(store: Store, p: PropertySchema): Record<string, unknown> {
  switch (p.type) {
    case "number":
      return { format: p.format ?? "number" };
    case "select":
    case "multi_select":
      return { options: (p.options ?? []).map((o) => ({ ...o })) };
    case "status":
      return {
        options: (p.options ?? []).map((o) => ({ ...o })),
        groups: (p.groups ?? []).map((g) => ({ ...g, option_ids: [...g.option_ids] })),
      };
    case "relation": {
      const rel = p.relation;
      if (!rel) return {};
      const target = store.state.dataSources[rel.data_source_id];
      const base = { database_id: target?.databaseId ?? null, data_source_id: rel.data_source_id };
      return rel.type === "dual_property"
        ? {
            ...base,
            type: "dual_property",
            dual_property: {
              synced_property_id: rel.synced_property_id,
              synced_property_name: rel.synced_property_name,
            },
          }
        : { ...base, type: "single_property", single_property: {} };
    }
    case "rollup":
      return { ...(p.rollup ?? {}) };
    case "formula":
      return { expression: p.expression ?? "" };
    case "unique_id":
      return { prefix: p.prefix ?? null };
    default:
      return {};
  }
}
