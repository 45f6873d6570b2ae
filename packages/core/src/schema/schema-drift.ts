import type { DatabaseDefinition, PropertyDefinition } from "./definition.js";
import type { LiveProperty, LiveSchema } from "./live-schema.js";
import {
  type PropertyConfiguration,
  propertyConfiguration,
  type RelationTargets,
} from "./property-config.js";

export type DriftKind =
  | "missing_property"
  | "wrong_type"
  | "missing_options"
  | "wrong_relation"
  | "extra_property";

/** One difference between a data source's schema and its definition. */
export interface Drift {
  kind: DriftKind;
  property: string;
  /** What a user reads: the difference and what to do about it. */
  message: string;
  /** `doctor --repair` can fix it (adding is all it ever does). */
  repairable: boolean;
  /** Missing select options, by name. */
  options?: string[];
  /** Extra properties are reported, never a problem. */
  severity: "problem" | "info";
}

const sameId = (a: string | undefined, b: string | undefined) =>
  !!a && !!b && a.replace(/-/g, "").toLowerCase() === b.replace(/-/g, "").toLowerCase();

/**
 * Compares a live schema with its definition: missing properties, wrong types, missing select
 * options, relations that point at another data source, and properties the definition does not
 * have (info only). Pure.
 */
export function schemaDrift(
  definition: DatabaseDefinition,
  live: LiveSchema,
  targets: RelationTargets,
): Drift[] {
  const drift: Drift[] = [];
  const liveTitle = Object.values(live).find((p) => p.type === "title");
  for (const property of definition.properties) {
    const actual = live[property.name];
    if (!actual) {
      drift.push(missing(property, liveTitle, targets));
      continue;
    }
    if (actual.type !== property.type) {
      drift.push({
        kind: "wrong_type",
        property: property.name,
        severity: "problem",
        repairable: false,
        message:
          `"${property.name}" is a ${actual.type} property, expected ${property.type}. notion-ops never changes a ` +
          `property's type (it would lose data): change it back in Notion (open the database → click the column ` +
          `header → Edit property → Type), or rename it and run notion-ops doctor --repair to add a new "${property.name}".`,
      });
      continue;
    }
    const absent = missingOptions(property, actual);
    if (absent.length > 0) {
      drift.push({
        kind: "missing_options",
        property: property.name,
        severity: "problem",
        repairable: true,
        options: absent,
        message: `"${property.name}" lacks the option${absent.length === 1 ? "" : "s"} ${absent.map((o) => `"${o}"`).join(", ")}; notion-ops doctor --repair adds ${absent.length === 1 ? "it" : "them"}.`,
      });
    }
    if (property.type === "relation" && property.relation) {
      const expected = targets(property.relation);
      const pointsAt = actual.relation?.data_source_id;
      if (expected && !sameId(expected, pointsAt)) {
        drift.push({
          kind: "wrong_relation",
          property: property.name,
          severity: "problem",
          repairable: false,
          message:
            `"${property.name}" relates to data source ${pointsAt ?? "(unknown)"}, not to the configured ` +
            `${property.relation} data source ${expected}. notion-ops does not re-point relations (existing links ` +
            `would be lost): edit the property in Notion to relate to the right database, or rename it and run ` +
            `notion-ops doctor --repair to add a new "${property.name}".`,
        });
      }
    }
  }
  const defined = new Set(definition.properties.map((p) => p.name));
  for (const [name, actual] of Object.entries(live)) {
    if (defined.has(name) || actual.type === "title") continue;
    drift.push({
      kind: "extra_property",
      property: name,
      severity: "info",
      repairable: false,
      message: `"${name}" (${actual.type}) is not part of the notion-ops schema; it is left alone.`,
    });
  }
  return drift;
}

function missing(
  property: PropertyDefinition,
  liveTitle: LiveProperty | undefined,
  targets: RelationTargets,
): Drift {
  const base = { kind: "missing_property" as const, property: property.name, severity: "problem" as const };
  if (property.type === "title") {
    return {
      ...base,
      repairable: false,
      message: liveTitle
        ? `the title property is named "${liveTitle.name}", expected "${property.name}": rename it back in Notion (a database has exactly one title property, so it cannot be added).`
        : `the title property "${property.name}" is missing.`,
    };
  }
  if (property.type === "relation" && property.relation && !targets(property.relation)) {
    return {
      ...base,
      repairable: false,
      message: `"${property.name}" (relation) is missing, and cannot be added until the ${property.relation} database is configured (run notion-ops setup).`,
    };
  }
  return {
    ...base,
    repairable: true,
    message: `"${property.name}" (${property.type}) is missing; notion-ops doctor --repair adds it.`,
  };
}

function missingOptions(property: PropertyDefinition, actual: LiveProperty): string[] {
  if (property.type !== "select" && property.type !== "multi_select") return [];
  const present = new Set((actual[property.type]?.options ?? []).map((o) => o.name.toLowerCase()));
  return (property.options ?? []).filter((o) => !present.has(o.name.toLowerCase())).map((o) => o.name);
}

/**
 * The `dataSources.update` `properties` that repair the repairable drift: missing properties are
 * added; missing options are added to the existing ones (sent by id, so none is dropped or
 * changed). Nothing is deleted, renamed or retyped. Empty when there is nothing to repair.
 */
export function repairPatch(
  definition: DatabaseDefinition,
  live: LiveSchema,
  drift: readonly Drift[],
  targets: RelationTargets,
): Record<string, PropertyConfiguration> {
  const patch: Record<string, PropertyConfiguration> = {};
  for (const item of drift) {
    if (!item.repairable) continue;
    const property = definition.properties.find((p) => p.name === item.property);
    if (!property) continue;
    if (item.kind === "missing_property") {
      const config = propertyConfiguration(property, targets);
      if (config) patch[property.name] = config;
    } else if (
      item.kind === "missing_options" &&
      (property.type === "select" || property.type === "multi_select")
    ) {
      const kept = (live[property.name]?.[property.type]?.options ?? []).map((o) => ({ id: o.id }));
      const added = (property.options ?? [])
        .filter((o) => item.options?.includes(o.name))
        .map((o) => ({ name: o.name, color: o.color }));
      patch[property.name] = { [property.type]: { options: [...kept, ...added] } };
    }
  }
  return patch;
}
