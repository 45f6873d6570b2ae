import type { DatabaseKey } from "./database-keys.js";
import type { DatabaseDefinition, PropertyDefinition } from "./definition.js";

/** A property configuration in the request shape of `databases.create` / `dataSources.update`. */
export type PropertyConfiguration = Record<string, unknown>;

/** The data source each relation points at; undefined while that database does not exist yet. */
export type RelationTargets = (key: DatabaseKey) => string | undefined;

/**
 * The request configuration of one property (notion-api.md §7.2). Relations send only
 * `data_source_id`, as Notion-Version 2025-09-03 requires. Returns undefined for a relation whose
 * target data source is unknown.
 */
export function propertyConfiguration(
  property: PropertyDefinition,
  targets: RelationTargets,
): PropertyConfiguration | undefined {
  switch (property.type) {
    case "select":
    case "multi_select":
      return {
        [property.type]: { options: (property.options ?? []).map((o) => ({ name: o.name, color: o.color })) },
      };
    case "number":
      return { number: { format: property.numberFormat ?? "number" } };
    case "relation": {
      const dataSourceId = property.relation ? targets(property.relation) : undefined;
      if (!dataSourceId) return undefined;
      return { relation: { data_source_id: dataSourceId, type: "single_property", single_property: {} } };
    }
    default:
      return { [property.type]: {} };
  }
}

/** `initial_data_source.properties` for a new database; throws when a relation target is unknown. */
export function initialProperties(
  definition: DatabaseDefinition,
  targets: RelationTargets,
): Record<string, PropertyConfiguration> {
  const properties: Record<string, PropertyConfiguration> = {};
  for (const property of definition.properties) {
    const config = propertyConfiguration(property, targets);
    if (!config) {
      throw new Error(
        `${definition.title}: relation "${property.name}" needs the data source of ${property.relation ?? "?"}, which does not exist yet`,
      );
    }
    properties[property.name] = config;
  }
  return properties;
}
