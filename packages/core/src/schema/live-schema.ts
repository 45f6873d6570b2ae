/**
 * A data source's schema as Notion returns it (`dataSources.retrieve(...).properties`), narrowed to
 * what setup and doctor read: ids, types, select options and relation targets.
 */
export interface LiveOption {
  id: string;
  name: string;
  color?: string;
}

export interface LiveProperty {
  id: string;
  name: string;
  type: string;
  select?: { options: LiveOption[] };
  multi_select?: { options: LiveOption[] };
  relation?: { data_source_id?: string; database_id?: string };
}

/** Properties keyed by name. */
export type LiveSchema = Readonly<Record<string, LiveProperty>>;

/** Reads the schema out of a `dataSources.retrieve` (or `dataSources.update`) response. */
export function liveSchemaOf(dataSource: unknown): LiveSchema {
  const properties = (dataSource as { properties?: unknown })?.properties;
  if (!properties || typeof properties !== "object") return {};
  const schema: Record<string, LiveProperty> = {};
  for (const [name, value] of Object.entries(properties as Record<string, unknown>)) {
    if (!value || typeof value !== "object") continue;
    const p = value as Record<string, unknown>;
    if (typeof p.id !== "string" || typeof p.type !== "string") continue;
    const property: LiveProperty = {
      id: p.id,
      name: typeof p.name === "string" ? p.name : name,
      type: p.type,
    };
    for (const kind of ["select", "multi_select"] as const) {
      const options = (p[kind] as { options?: unknown } | undefined)?.options;
      if (Array.isArray(options)) property[kind] = { options: options.filter(isOption) };
    }
    if (p.relation && typeof p.relation === "object")
      property.relation = p.relation as LiveProperty["relation"];
    schema[name] = property;
  }
  return schema;
}

function isOption(value: unknown): value is LiveOption {
  const o = value as Record<string, unknown> | null;
  return !!o && typeof o.id === "string" && typeof o.name === "string";
}
