import { validationError } from "../api-error.js";
import { parseDateValue } from "../dates.js";
import { normalizeId } from "../ids.js";
import { MAX_ARRAY_ITEMS, parseRichText } from "../rich-text.js";
import { nextOptionColor } from "../schema/option-colors.js";
import { checkOptionColor, checkOptionName } from "../schema/select-options.js";
import type {
  DataSourceRecord,
  FileValue,
  PageRecord,
  PropertySchema,
  PropertyValue,
  SelectOption,
  UserRef,
} from "../state.js";
import { findProperty, type Store } from "../store.js";
import { invalid, invalidAt, isObject, requireArray, requireObject, tooLong } from "./json.js";

export const MAX_URL = 2000;
export const MAX_EMAIL = 200;
export const MAX_PHONE = 200;

/** Property types whose values Notion computes; writing them is refused. */
export const READ_ONLY_TYPES = new Set([
  "formula",
  "rollup",
  "created_time",
  "created_by",
  "last_edited_time",
  "last_edited_by",
  "unique_id",
  "button",
  "verification",
  "last_visited_time",
  "location",
  "place",
]);

export interface PropertyWrite {
  /** New values by property id (only the properties the request names). */
  values: Record<string, PropertyValue>;
  /** Select / multi_select options the write introduces; added to the schema as Notion does. */
  newOptions: { propertyId: string; option: SelectOption }[];
}

/**
 * Validates `properties` of a page create/update against the data source schema and converts
 * each value to its stored form. Nothing is changed until `commitPropertyWrite`.
 */
export function parsePropertyValues(
  store: Store,
  ds: DataSourceRecord,
  input: unknown,
  path: string,
): PropertyWrite {
  const props = requireObject(input, path);
  const write: PropertyWrite = { values: {}, newOptions: [] };
  for (const [key, raw] of Object.entries(props)) {
    const prop = findProperty(ds, key);
    if (!prop) throw validationError(`${key} is not a property that exists.`);
    const propPath = `${path}.${key}`;
    if (READ_ONLY_TYPES.has(prop.type)) {
      throw invalidAt(
        propPath,
        `is a \`${prop.type}\` property, which is read-only and cannot be set through the API.`,
      );
    }
    if (
      !isObject(raw) ||
      raw[prop.type] === undefined ||
      (raw.type !== undefined && raw.type !== prop.type)
    ) {
      throw validationError(`${prop.name} is expected to be ${prop.type}.`);
    }
    write.values[prop.id] = parseValue(store, prop, raw[prop.type], `${propPath}.${prop.type}`, write);
  }
  return write;
}

function parseValue(
  store: Store,
  prop: PropertySchema,
  value: unknown,
  path: string,
  write: PropertyWrite,
): PropertyValue {
  switch (prop.type) {
    case "title":
    case "rich_text":
      return parseRichText(value, path);
    case "number":
      if (value !== null && (typeof value !== "number" || !Number.isFinite(value))) {
        throw invalid(path, "should be a number or `null`", value);
      }
      return value;
    case "checkbox":
      if (typeof value !== "boolean") throw invalid(path, "should be a boolean", value);
      return value;
    case "url":
      return parseString(value, path, MAX_URL);
    case "email":
      return parseString(value, path, MAX_EMAIL);
    case "phone_number":
      return parseString(value, path, MAX_PHONE);
    case "date":
      return parseDateValue(value, path);
    case "select":
      return value === null ? null : resolveOption(store, prop, value, path, write, true);
    case "status":
      return value === null ? null : resolveOption(store, prop, value, path, write, false);
    case "multi_select": {
      const items = requireArray(value, path);
      if (items.length > MAX_ARRAY_ITEMS) throw tooLong(path, MAX_ARRAY_ITEMS, items.length);
      const ids = items.map((item, i) => resolveOption(store, prop, item, `${path}[${i}]`, write, true));
      return [...new Set(ids)];
    }
    case "relation":
      return parseRelation(store, prop, value, path);
    case "people":
      return parsePeople(value, path);
    case "files":
      return parseFiles(value, path);
    default:
      throw invalidAt(
        path,
        `cannot be written: \`${prop.type}\` properties are not supported by notion-emulator.`,
      );
  }
}

function parseString(value: unknown, path: string, max: number): string | null {
  if (value === null) return null;
  if (typeof value !== "string") throw invalid(path, "should be a string or `null`", value);
  if (value.length === 0)
    throw invalid(path, "should be a non-empty string or `null` (send `null` to clear it)", value);
  if (value.length > max) throw tooLong(path, max, value.length);
  return value;
}

function resolveOption(
  store: Store,
  prop: PropertySchema,
  value: unknown,
  path: string,
  write: PropertyWrite,
  autoCreate: boolean,
): string {
  const ref = requireObject(value, path);
  const options = prop.options ?? [];
  const pending = write.newOptions.filter((n) => n.propertyId === prop.id).map((n) => n.option);
  if (ref.id !== undefined) {
    const byId = [...options, ...pending].find((o) => o.id === ref.id);
    if (!byId)
      throw invalidAt(
        `${path}.id`,
        `does not match an option of ${prop.type} property ${prop.name}: ${JSON.stringify(ref.id)}.`,
      );
    return byId.id;
  }
  const name = checkOptionName(ref.name, `${path}.name`);
  const color = checkOptionColor(ref.color, `${path}.color`);
  const all = [...options, ...pending];
  const match =
    all.find((o) => o.name === name) ?? all.find((o) => o.name.toLowerCase() === name.toLowerCase());
  if (match) return match.id;
  if (!autoCreate) {
    throw invalidAt(
      `${path}.name`,
      `\`${name}\` is not an option of status property ${prop.name}. Valid options: ${options.map((o) => o.name).join(", ")}.`,
    );
  }
  const option: SelectOption = {
    id: store.ids.uuid(),
    name,
    color: color ?? nextOptionColor(all.length),
    description: null,
  };
  write.newOptions.push({ propertyId: prop.id, option });
  return option.id;
}

function parseRelation(store: Store, prop: PropertySchema, value: unknown, path: string): string[] {
  const items = requireArray(value, path);
  if (items.length > MAX_ARRAY_ITEMS) throw tooLong(path, MAX_ARRAY_ITEMS, items.length);
  const target = prop.relation?.data_source_id;
  const ids = items.map((item, i) => {
    const ref = requireObject(item, `${path}[${i}]`);
    const id = normalizeId(ref.id);
    if (!id) throw invalid(`${path}[${i}].id`, "should be a valid uuid", ref.id);
    const page = store.state.pages[id];
    if (
      !page ||
      !store.isPageShared(page) ||
      page.parent.type !== "data_source_id" ||
      page.parent.data_source_id !== target
    ) {
      throw invalidAt(
        `${path}[${i}].id`,
        `\`${id}\` is not a page of the data source ${target} that relation property ${prop.name} points to.`,
      );
    }
    return id;
  });
  return [...new Set(ids)];
}

function parsePeople(value: unknown, path: string): UserRef[] {
  const items = requireArray(value, path);
  if (items.length > MAX_ARRAY_ITEMS) throw tooLong(path, MAX_ARRAY_ITEMS, items.length);
  return items.map((item, i) => {
    const ref = requireObject(item, `${path}[${i}]`);
    const id = normalizeId(ref.id);
    if (!id) throw invalid(`${path}[${i}].id`, "should be a valid uuid", ref.id);
    return { object: "user", id };
  });
}

function parseFiles(value: unknown, path: string): FileValue[] {
  const items = requireArray(value, path);
  if (items.length > MAX_ARRAY_ITEMS) throw tooLong(path, MAX_ARRAY_ITEMS, items.length);
  return items.map((item, i) => {
    const f = requireObject(item, `${path}[${i}]`);
    if (f.external !== undefined) {
      if (typeof f.name !== "string" || f.name.length === 0)
        throw invalid(`${path}[${i}].name`, "should be a non-empty string", f.name);
      const ext = requireObject(f.external, `${path}[${i}].external`);
      const url = parseString(ext.url, `${path}[${i}].external.url`, MAX_URL);
      if (url === null) throw invalid(`${path}[${i}].external.url`, "should be a string", null);
      return { name: f.name, type: "external", external: { url } };
    }
    if (f.file_upload !== undefined) {
      const up = requireObject(f.file_upload, `${path}[${i}].file_upload`);
      if (typeof up.id !== "string")
        throw invalid(`${path}[${i}].file_upload.id`, "should be a string", up.id);
      return {
        name: typeof f.name === "string" ? f.name : "file",
        type: "file_upload",
        file_upload: { id: up.id },
      };
    }
    throw invalidAt(`${path}[${i}]`, "should have `external` or `file_upload`.");
  });
}

/**
 * Applies a validated write to a page: stores the values, adds new options to the schema, and keeps
 * the synced side of two-way relations in step.
 */
export function commitPropertyWrite(
  store: Store,
  ds: DataSourceRecord,
  page: PageRecord,
  write: PropertyWrite,
): void {
  for (const { propertyId, option } of write.newOptions) {
    const prop = ds.properties.find((p) => p.id === propertyId);
    if (prop && !(prop.options ?? []).some((o) => o.id === option.id))
      prop.options = [...(prop.options ?? []), option];
  }
  if (write.newOptions.length > 0) ds.lastEditedTime = store.now();
  for (const [propertyId, value] of Object.entries(write.values)) {
    const prop = ds.properties.find((p) => p.id === propertyId);
    if (prop?.type === "relation")
      syncRelation(
        store,
        page,
        prop,
        (page.values[propertyId] as string[] | undefined) ?? [],
        value as string[],
      );
    page.values[propertyId] = value;
  }
}

function syncRelation(
  store: Store,
  page: PageRecord,
  prop: PropertySchema,
  before: string[],
  after: string[],
): void {
  const rel = prop.relation;
  if (rel?.type !== "dual_property" || !rel.synced_property_id) return;
  const syncedId = rel.synced_property_id;
  const removed = before.filter((id) => !after.includes(id));
  const added = after.filter((id) => !before.includes(id));
  for (const id of removed) {
    const other = store.state.pages[id];
    if (!other) continue;
    const list = (other.values[syncedId] as string[] | undefined) ?? [];
    other.values[syncedId] = list.filter((x) => x !== page.id);
  }
  for (const id of added) {
    const other = store.state.pages[id];
    if (!other) continue;
    const list = (other.values[syncedId] as string[] | undefined) ?? [];
    if (!list.includes(page.id)) other.values[syncedId] = [...list, page.id];
  }
}
