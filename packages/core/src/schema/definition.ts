import type { DatabaseKey } from "./database-keys.js";

export type PropertyType =
  | "title"
  | "rich_text"
  | "number"
  | "select"
  | "multi_select"
  | "date"
  | "checkbox"
  | "url"
  | "relation";

export type OptionColor =
  | "default"
  | "gray"
  | "brown"
  | "orange"
  | "yellow"
  | "green"
  | "blue"
  | "purple"
  | "pink"
  | "red";

export interface SelectOption {
  name: string;
  color: OptionColor;
}

export interface PropertyDefinition {
  name: string;
  type: PropertyType;
  /** Options setup creates (select/multi_select); values outside them are added by Notion on write. */
  options?: readonly SelectOption[];
  /** For relations: the database whose data source this property points at. */
  relation?: DatabaseKey;
  /** For numbers: Notion's number format. */
  numberFormat?: "number" | "percent";
}

export interface DatabaseDefinition {
  key: DatabaseKey;
  title: string;
  /** The property that identifies a record; every write is keyed on it. */
  keyProperty: string;
  /** What the database is for (shown as its description, before the freshness line). */
  purpose: string;
  properties: readonly PropertyDefinition[];
}

/** The keys of the databases `definition` relates to (its dependencies). */
export function relationTargets(definition: DatabaseDefinition): DatabaseKey[] {
  return [
    ...new Set(
      definition.properties.flatMap((p) => (p.relation && p.relation !== definition.key ? [p.relation] : [])),
    ),
  ];
}

export function propertyOf(definition: DatabaseDefinition, name: string): PropertyDefinition {
  const property = definition.properties.find((p) => p.name === name);
  if (!property) throw new Error(`${definition.title} has no property "${name}"`);
  return property;
}
