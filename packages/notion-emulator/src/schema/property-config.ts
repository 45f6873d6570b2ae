import { objectNotFound, validationError } from "../api-error.js";
import { normalizeId } from "../ids.js";
import { plainText } from "../rich-text.js";
import type { DataSourceRecord, PropertySchema, PropertyType, SelectOption, StatusGroup } from "../state.js";
import { PROPERTY_TYPES } from "../state.js";
import { findProperty, type Store } from "../store.js";
import { invalid, invalidAt, isObject, requireObject } from "../validation/json.js";
import { parseOptions } from "./select-options.js";

export const NUMBER_FORMATS = [
  "number",
  "number_with_commas",
  "percent",
  "dollar",
  "australian_dollar",
  "canadian_dollar",
  "singapore_dollar",
  "euro",
  "pound",
  "yen",
  "ruble",
  "rupee",
  "won",
  "yuan",
  "real",
  "lira",
  "rupiah",
  "franc",
  "hong_kong_dollar",
  "new_zealand_dollar",
  "krona",
  "norwegian_krone",
  "mexican_peso",
  "rand",
  "new_taiwan_dollar",
  "danish_krone",
  "zloty",
  "baht",
  "forint",
  "koruna",
  "shekel",
  "chilean_peso",
  "philippine_peso",
  "dirham",
  "colombian_peso",
  "riyal",
  "ringgit",
  "leu",
  "argentine_peso",
  "uruguayan_peso",
  "peruvian_sol",
] as const;

export const ROLLUP_FUNCTIONS = [
  "count",
  "count_values",
  "empty",
  "not_empty",
  "unique",
  "show_unique",
  "percent_empty",
  "percent_not_empty",
  "sum",
  "average",
  "median",
  "min",
  "max",
  "range",
  "earliest_date",
  "latest_date",
  "date_range",
  "checked",
  "unchecked",
  "percent_checked",
  "percent_unchecked",
  "count_per_group",
  "percent_per_group",
  "show_original",
] as const;

/** Deferred writes to other data sources (the synced side of a dual relation). */
export type SchemaEffect = () => void;

export interface ParsedProperty {
  schema: PropertySchema;
  effects: SchemaEffect[];
}

/** The one property type key of a configuration object, checked against `type` when given. */
export function configuredType(value: Record<string, unknown>, path: string): PropertyType {
  const typeKeys = Object.keys(value).filter((k) => (PROPERTY_TYPES as readonly string[]).includes(k));
  if (value.type !== undefined) {
    if (typeof value.type !== "string" || !(PROPERTY_TYPES as readonly string[]).includes(value.type)) {
      throw invalid(`${path}.type`, "should be a valid property type", value.type);
    }
    if (value[value.type] === undefined) {
      throw invalidAt(`${path}.${value.type}`, "should be defined, since `type` is " + `\`${value.type}\`.`);
    }
    return value.type as PropertyType;
  }
  if (typeKeys.length !== 1) {
    throw invalidAt(
      path,
      `should define exactly one property type (one of ${PROPERTY_TYPES.join(", ")}), instead had ${typeKeys.length}.`,
    );
  }
  return typeKeys[0] as PropertyType;
}

function defaultStatus(store: Store): { options: SelectOption[]; groups: StatusGroup[] } {
  const notStarted = { id: store.ids.uuid(), name: "Not started", color: "default", description: null };
  const inProgress = { id: store.ids.uuid(), name: "In progress", color: "blue", description: null };
  const done = { id: store.ids.uuid(), name: "Done", color: "green", description: null };
  return {
    options: [notStarted, inProgress, done],
    groups: [
      { id: store.ids.uuid(), name: "To-do", color: "gray", option_ids: [notStarted.id] },
      { id: store.ids.uuid(), name: "In progress", color: "blue", option_ids: [inProgress.id] },
      { id: store.ids.uuid(), name: "Complete", color: "green", option_ids: [done.id] },
    ],
  };
}

function statusFromOptions(
  store: Store,
  options: SelectOption[],
): { options: SelectOption[]; groups: StatusGroup[] } {
  return {
    options,
    groups: [
      { id: store.ids.uuid(), name: "To-do", color: "gray", option_ids: options.map((o) => o.id) },
      { id: store.ids.uuid(), name: "In progress", color: "blue", option_ids: [] },
      { id: store.ids.uuid(), name: "Complete", color: "green", option_ids: [] },
    ],
  };
}

function parseDescription(value: unknown, path: string): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === "string") return value;
  if (Array.isArray(value))
    return value.map((v) => (isObject(v) && isObject(v.text) ? String(v.text.content) : "")).join("");
  throw invalid(path, "should be a string, a rich text array or `null`", value);
}

export interface PropertyContext {
  store: Store;
  /** The data source the property belongs to (may not be stored yet). */
  dataSourceId: string;
  dataSourceTitle: string;
  /** Properties already in (or being added to) the schema, for rollups and name clashes. */
  siblings: () => PropertySchema[];
}

/**
 * Parses one property configuration from a create or update request into a stored schema entry.
 * `existing` is the property being changed (same id kept) when updating.
 */
export function parsePropertyConfig(
  name: string,
  value: unknown,
  path: string,
  ctx: PropertyContext,
  existing?: PropertySchema,
): ParsedProperty {
  const cfg = requireObject(value, path);
  const type = configuredType(cfg, path);
  const body = cfg[type];
  const bodyPath = `${path}.${type}`;
  if (!isObject(body)) throw invalid(bodyPath, "should be an object", body);
  const id = existing?.id ?? (type === "title" ? "title" : uniquePropertyId(ctx));
  const description = parseDescription(cfg.description, `${path}.description`);
  const schema: PropertySchema = {
    id,
    name,
    type,
    description: description === undefined ? (existing?.description ?? null) : description,
  };
  const effects: SchemaEffect[] = [];
  const sameType = existing?.type === type;
  switch (type) {
    case "number": {
      const format = body.format ?? (sameType ? existing?.format : undefined) ?? "number";
      if (typeof format !== "string" || !(NUMBER_FORMATS as readonly string[]).includes(format)) {
        throw invalid(`${bodyPath}.format`, "should be a valid number format", format);
      }
      schema.format = format;
      break;
    }
    case "select":
    case "multi_select": {
      const current = sameType ? (existing?.options ?? []) : [];
      schema.options =
        body.options === undefined
          ? current
          : parseOptions(body.options, `${bodyPath}.options`, current, ctx.store.ids);
      break;
    }
    case "status": {
      if (sameType && existing?.options && existing.groups) {
        // Status options can be added or edited through the API; groups are managed in the UI.
        const options = existing.options.map((o) => ({ ...o }));
        const groups = existing.groups.map((g) => ({ ...g, option_ids: [...g.option_ids] }));
        if (body.options !== undefined) {
          const parsed = parseOptions(body.options, `${bodyPath}.options`, existing.options, ctx.store.ids);
          for (const option of parsed) {
            const at = options.findIndex((o) => o.id === option.id);
            if (at >= 0) options[at] = option;
            else {
              options.push(option);
              groups[0]?.option_ids.push(option.id);
            }
          }
        }
        schema.options = options;
        schema.groups = groups;
      } else if (body.options === undefined) {
        Object.assign(schema, defaultStatus(ctx.store));
      } else {
        Object.assign(
          schema,
          statusFromOptions(ctx.store, parseOptions(body.options, `${bodyPath}.options`, [], ctx.store.ids)),
        );
      }
      break;
    }
    case "relation":
      schema.relation = parseRelation(body, bodyPath, name, id, ctx, effects);
      break;
    case "rollup":
      schema.rollup = parseRollup(body, bodyPath, ctx);
      break;
    case "formula":
      if (typeof body.expression !== "string")
        throw invalid(`${bodyPath}.expression`, "should be a string", body.expression);
      schema.expression = body.expression;
      break;
    case "unique_id":
      if (body.prefix !== undefined && body.prefix !== null && typeof body.prefix !== "string") {
        throw invalid(`${bodyPath}.prefix`, "should be a string or `null`", body.prefix);
      }
      schema.prefix = (body.prefix as string | null | undefined) ?? null;
      schema.nextNumber = sameType ? (existing?.nextNumber ?? 1) : 1;
      break;
    default:
      break;
  }
  return { schema, effects };
}

function uniquePropertyId(ctx: PropertyContext): string {
  for (;;) {
    const id = ctx.store.ids.propertyId();
    if (!ctx.siblings().some((p) => p.id === id)) return id;
  }
}

function parseRelation(
  body: Record<string, unknown>,
  path: string,
  propertyName: string,
  propertyId: string,
  ctx: PropertyContext,
  effects: SchemaEffect[],
): PropertySchema["relation"] {
  if (body.database_id !== undefined) {
    throw invalidAt(
      `${path}.database_id`,
      "is not supported in Notion-Version 2025-09-03: a relation must name its target with `data_source_id` only.",
    );
  }
  if (body.data_source_id === undefined)
    throw invalid(`${path}.data_source_id`, "should be defined", undefined);
  const targetId = normalizeId(body.data_source_id);
  if (!targetId) throw invalid(`${path}.data_source_id`, "should be a valid uuid", body.data_source_id);
  const selfTarget = targetId === ctx.dataSourceId;
  if (!selfTarget) ctx.store.accessibleDataSource(targetId, `${path}.data_source_id`);
  const kind = body.type ?? (body.dual_property !== undefined ? "dual_property" : "single_property");
  if (kind !== "single_property" && kind !== "dual_property") {
    throw invalid(`${path}.type`, 'should be `"single_property"` or `"dual_property"`', kind);
  }
  if (kind === "single_property") return { data_source_id: targetId, type: "single_property" };
  const dual =
    body.dual_property === undefined ? {} : requireObject(body.dual_property, `${path}.dual_property`);
  const requested = dual.synced_property_name;
  if (requested !== undefined && typeof requested !== "string") {
    throw invalid(`${path}.dual_property.synced_property_name`, "should be a string", requested);
  }
  const store = ctx.store;
  const target = selfTarget ? undefined : store.state.dataSources[targetId];
  const targetProps = (): PropertySchema[] => (target ? target.properties : ctx.siblings());
  let syncedName = requested ?? `Related to ${ctx.dataSourceTitle || "Untitled"} (${propertyName})`;
  for (let n = 2; targetProps().some((p) => p.name === syncedName); n++) {
    if (requested !== undefined) {
      throw invalidAt(
        `${path}.dual_property.synced_property_name`,
        `clashes with existing property ${JSON.stringify(requested)}.`,
      );
    }
    syncedName = `Related to ${ctx.dataSourceTitle || "Untitled"} (${propertyName}) ${n}`;
  }
  const syncedId = uniquePropertyId({ ...ctx, siblings: () => [...ctx.siblings(), ...targetProps()] });
  effects.push(() => {
    const synced: PropertySchema = {
      id: syncedId,
      name: syncedName,
      type: "relation",
      description: null,
      relation: {
        data_source_id: ctx.dataSourceId,
        type: "dual_property",
        synced_property_id: propertyId,
        synced_property_name: propertyName,
      },
    };
    const owner = store.state.dataSources[targetId];
    if (owner) owner.properties.push(synced);
  });
  return {
    data_source_id: targetId,
    type: "dual_property",
    synced_property_id: syncedId,
    synced_property_name: syncedName,
  };
}

function parseRollup(
  body: Record<string, unknown>,
  path: string,
  ctx: PropertyContext,
): PropertySchema["rollup"] {
  const fn = body.function;
  if (typeof fn !== "string" || !(ROLLUP_FUNCTIONS as readonly string[]).includes(fn)) {
    throw invalid(`${path}.function`, "should be a valid rollup function", fn);
  }
  const relationKey = body.relation_property_id ?? body.relation_property_name;
  if (typeof relationKey !== "string") {
    throw invalid(
      `${path}.relation_property_name`,
      "should be defined (or relation_property_id)",
      relationKey,
    );
  }
  const relation = ctx
    .siblings()
    .find((p) => (p.id === relationKey || p.name === relationKey) && p.type === "relation");
  if (!relation?.relation) {
    throw invalidAt(
      `${path}.relation_property_name`,
      `does not name a relation property: ${JSON.stringify(relationKey)}.`,
    );
  }
  const target = ctx.store.state.dataSources[relation.relation.data_source_id];
  if (!target) throw objectNotFound("data_source", relation.relation.data_source_id);
  const rollupKey = body.rollup_property_id ?? body.rollup_property_name;
  if (typeof rollupKey !== "string") {
    throw invalid(`${path}.rollup_property_name`, "should be defined (or rollup_property_id)", rollupKey);
  }
  const rolled = findProperty(target, rollupKey);
  if (!rolled) {
    throw invalidAt(`${path}.rollup_property_name`, `Could not find property with name or id: ${rollupKey}.`);
  }
  return {
    function: fn,
    relation_property_id: relation.id,
    relation_property_name: relation.name,
    rollup_property_id: rolled.id,
    rollup_property_name: rolled.name,
  };
}

/**
 * Builds the schema of a new data source from `properties` of `initial_data_source` (or
 * `data_sources.create`): exactly one title property is required.
 */
export function parseInitialSchema(
  input: unknown,
  path: string,
  store: Store,
  dataSourceId: string,
  dataSourceTitle: string,
): { properties: PropertySchema[]; effects: SchemaEffect[] } {
  const props = requireObject(input, path);
  const properties: PropertySchema[] = [];
  const effects: SchemaEffect[] = [];
  const ctx: PropertyContext = { store, dataSourceId, dataSourceTitle, siblings: () => properties };
  // Rollups refer to relations, so they are parsed last.
  const entries = Object.entries(props).sort(([, a], [, b]) => Number(isRollup(a)) - Number(isRollup(b)));
  for (const [name, value] of entries) {
    const propPath = `${path}.${name}`;
    if (name.trim().length === 0) throw invalidAt(propPath, "should have a non-empty property name.");
    const parsed = parsePropertyConfig(name, value, propPath, ctx);
    properties.push(parsed.schema);
    effects.push(...parsed.effects);
  }
  const titles = properties.filter((p) => p.type === "title");
  if (titles.length !== 1) {
    throw validationError(
      `body failed validation: ${path} should contain exactly one title property, instead had ${titles.length}.`,
    );
  }
  // Keep the order the request gave (rollups were only parsed last).
  const order = Object.keys(props);
  properties.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  return { properties, effects };
}

function isRollup(value: unknown): boolean {
  return isObject(value) && (value.type === "rollup" || value.rollup !== undefined);
}

export function dataSourceTitleText(ds: DataSourceRecord): string {
  return plainText(ds.title);
}
