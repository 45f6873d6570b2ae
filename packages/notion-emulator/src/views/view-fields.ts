import type { DataSourceRecord, PropertySchema } from "../state.js";
import { findProperty } from "../store.js";
import { invalid, invalidAt, rejectUnknownKeys, requireArray, requireObject } from "../validation/json.js";

/** Parses one configuration field; returns its stored (normalized) value. */
export type FieldParser = (ds: DataSourceRecord, value: unknown, path: string) => unknown;

/** Response-only convenience fields a client may echo back; accepted and dropped. */
export const RESPONSE_ONLY_FIELDS = new Set([
  "property_name",
  "date_property_name",
  "end_date_property_name",
  "map_by_property_name",
]);

/** Resolves a property given by id or name (an id match wins), optionally of certain types. */
export function resolvePropertyRef(
  ds: DataSourceRecord,
  value: unknown,
  path: string,
  allowedTypes?: readonly string[],
): PropertySchema {
  if (typeof value !== "string" || value.length === 0)
    throw invalid(path, "should be a property id or name", value);
  const prop = findProperty(ds, value);
  if (!prop)
    throw invalidAt(
      path,
      `does not match a property of the data source: Could not find property with name or id: ${value}.`,
    );
  if (allowedTypes && !allowedTypes.includes(prop.type)) {
    throw invalidAt(
      path,
      `should name a property of type ${allowedTypes.map((t) => `\`${t}\``).join(" or ")}, instead ${prop.name} is a \`${prop.type}\` property.`,
    );
  }
  return prop;
}

export function oneOf(values: readonly string[], value: unknown, path: string): string {
  if (typeof value !== "string" || !values.includes(value)) {
    throw invalid(path, `should be one of ${values.map((v) => `\`"${v}"\``).join(", ")}`, value);
  }
  return value;
}

export function checkNumber(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw invalid(path, "should be a number", value);
  return value;
}

export function checkInteger(value: unknown, min: number, path: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw invalid(path, `should be an integer ≥ \`${min}\``, value);
  }
  return value;
}

export const enumField =
  (values: readonly string[]): FieldParser =>
  (_ds, value, path) =>
    oneOf(values, value, path);

export const booleanField: FieldParser = (_ds, value, path) => {
  if (typeof value !== "boolean") throw invalid(path, "should be a boolean", value);
  return value;
};

export const numberField: FieldParser = (_ds, value, path) => checkNumber(value, path);

export const integerField =
  (min: number): FieldParser =>
  (_ds, value, path) =>
    checkInteger(value, min, path);

export const stringField: FieldParser = (_ds, value, path) => {
  if (typeof value !== "string") throw invalid(path, "should be a string", value);
  return value;
};

export const propertyIdField =
  (allowedTypes?: readonly string[]): FieldParser =>
  (ds, value, path) =>
    resolvePropertyRef(ds, value, path, allowedTypes).id;

const PROPERTY_ENTRY_FIELDS: Record<string, FieldParser> = {
  visible: booleanField,
  width: (_ds, value, path) => {
    const n = checkNumber(value, path);
    if (n < 0) throw invalid(path, "should be ≥ `0`", n);
    return n;
  },
  wrap: booleanField,
  status_show_as: enumField(["select", "checkbox"]),
  card_property_width_mode: enumField(["full_line", "inline"]),
  date_format: enumField(["full", "short", "month_day_year", "day_month_year", "year_month_day", "relative"]),
  time_format: enumField(["12_hour", "24_hour", "hidden"]),
};

/** `properties` / `table_properties`: which properties a view shows and how. */
export const propertyEntriesField: FieldParser = (ds, value, path) => {
  const entries = requireArray(value, path);
  const seen = new Set<string>();
  return entries.map((raw, i) => {
    const entryPath = `${path}[${i}]`;
    const entry = requireObject(raw, entryPath);
    rejectUnknownKeys(
      entry,
      ["property_id", ...Object.keys(PROPERTY_ENTRY_FIELDS), "property_name"],
      entryPath,
    );
    const prop = resolvePropertyRef(ds, entry.property_id, `${entryPath}.property_id`);
    if (seen.has(prop.id)) throw invalidAt(`${entryPath}.property_id`, `lists property ${prop.name} twice.`);
    seen.add(prop.id);
    const out: Record<string, unknown> = { property_id: prop.id };
    for (const [key, parse] of Object.entries(PROPERTY_ENTRY_FIELDS)) {
      if (entry[key] !== undefined) out[key] = parse(ds, entry[key], `${entryPath}.${key}`);
    }
    return out;
  });
};

/** Builds a parser for a nested object with a fixed set of fields. */
export function objectField(
  fields: Record<string, FieldParser>,
  required: readonly string[] = [],
): FieldParser {
  return (ds, value, path) => {
    const obj = requireObject(value, path);
    rejectUnknownKeys(obj, [...Object.keys(fields), ...RESPONSE_ONLY_FIELDS], path);
    const out: Record<string, unknown> = {};
    for (const key of required) {
      if (obj[key] === undefined || obj[key] === null)
        throw invalid(`${path}.${key}`, "should be defined", obj[key]);
    }
    for (const [key, parse] of Object.entries(fields)) {
      if (obj[key] === undefined) continue;
      out[key] = obj[key] === null ? null : parse(ds, obj[key], `${path}.${key}`);
    }
    return out;
  };
}
