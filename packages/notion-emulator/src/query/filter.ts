import { validationError } from "../api-error.js";
import { roundDownToMinute } from "../clock.js";
import { calendarDay, dateInstant, isDateOnly, normalizeDateString, utcDay } from "../dates.js";
import { normalizeId } from "../ids.js";
import { plainText } from "../rich-text.js";
import type {
  DataSourceRecord,
  DateValue,
  PageRecord,
  PropertySchema,
  RichTextItem,
  UserRef,
} from "../state.js";
import { findProperty } from "../store.js";
import { invalid, invalidAt, isObject, requireArray, requireObject } from "../validation/json.js";

export type PagePredicate = (page: PageRecord) => boolean;

export interface FilterOptions {
  /** Views validate select/status values against the schema (status also accepts group names). */
  strictOptionValues?: boolean;
  now: number;
  botId: string;
}

/** Compound filters may nest at most this deep. */
export const MAX_FILTER_DEPTH = 2;

const FILTER_KEYS = [
  "title",
  "rich_text",
  "number",
  "checkbox",
  "select",
  "multi_select",
  "status",
  "date",
  "people",
  "files",
  "url",
  "email",
  "phone_number",
  "relation",
  "created_by",
  "created_time",
  "last_edited_by",
  "last_edited_time",
  "formula",
  "unique_id",
  "rollup",
  "verification",
] as const;

const TEXT_TYPES = new Set(["title", "rich_text", "url", "email", "phone_number"]);
const RELATIVE_DATES = [
  "today",
  "tomorrow",
  "yesterday",
  "one_week_ago",
  "one_week_from_now",
  "one_month_ago",
  "one_month_from_now",
] as const;
const DATE_RANGES = [
  "past_week",
  "past_month",
  "past_year",
  "next_week",
  "next_month",
  "next_year",
  "this_week",
];

/**
 * Validates a data-source query filter against the schema and compiles it into a predicate.
 * Supports property filters for every writable type, `created_time` / `last_edited_time`
 * timestamp filters, and `and` / `or` compounds nested at most two levels.
 */
export function compileFilter(
  ds: DataSourceRecord,
  filter: unknown,
  path: string,
  options: FilterOptions,
): PagePredicate {
  return compileNode(ds, filter, path, options, 0);
}

function compileNode(
  ds: DataSourceRecord,
  node: unknown,
  path: string,
  opts: FilterOptions,
  depth: number,
): PagePredicate {
  const f = requireObject(node, path);
  if ("and" in f || "or" in f) {
    const op = "and" in f ? "and" : "or";
    if (Object.keys(f).length !== 1) throw invalidAt(path, "should have exactly one of `and` or `or`.");
    if (depth + 1 > MAX_FILTER_DEPTH) {
      throw invalidAt(`${path}.${op}`, `nests compound filters more than ${MAX_FILTER_DEPTH} levels deep.`);
    }
    const children = requireArray(f[op], `${path}.${op}`);
    if (children.length > 100)
      throw invalid(`${path}.${op}`, "should have at most `100` items", children.length);
    const preds = children.map((c, i) => compileNode(ds, c, `${path}.${op}[${i}]`, opts, depth + 1));
    return op === "and" ? (p) => preds.every((pred) => pred(p)) : (p) => preds.some((pred) => pred(p));
  }
  if (f.timestamp !== undefined) return compileTimestamp(f, path, opts);
  if (typeof f.property !== "string") throw invalid(`${path}.property`, "should be a string", f.property);
  const prop = findProperty(ds, f.property);
  if (!prop) throw validationError(`Could not find property with name or id: ${f.property}`);
  const key = filterKey(f, path);
  if (key !== prop.type) {
    throw invalidAt(
      `${path}.${key}`,
      `cannot filter property ${prop.name}: it is a \`${prop.type}\` property, so the filter must use \`${prop.type}\`.`,
    );
  }
  return compileCondition(prop, f[key], `${path}.${key}`, opts);
}

function filterKey(f: Record<string, unknown>, path: string): string {
  if (typeof f.type === "string") return f.type;
  const keys = Object.keys(f).filter((k) => (FILTER_KEYS as readonly string[]).includes(k));
  if (keys.length !== 1)
    throw invalidAt(path, "should have exactly one property filter condition (e.g. `rich_text`, `select`).");
  return keys[0] as string;
}

/** Compiles a condition without its `property` (also used for view quick filters). */
export function compileCondition(
  prop: PropertySchema,
  raw: unknown,
  path: string,
  opts: FilterOptions,
): PagePredicate {
  const cond = requireObject(raw, path);
  const ops = Object.keys(cond);
  if (ops.length !== 1) throw invalidAt(path, "should have exactly one filter operator.");
  const op = ops[0] as string;
  const value = cond[op];
  const opPath = `${path}.${op}`;
  if (op === "is_empty" || op === "is_not_empty") {
    if (value !== true) throw invalid(opPath, "should be `true`", value);
    const empty = (p: PageRecord) => isEmpty(prop, p);
    return op === "is_empty" ? empty : (p) => !empty(p);
  }
  if (TEXT_TYPES.has(prop.type)) return textCondition(prop, op, value, opPath);
  switch (prop.type) {
    case "number":
    case "unique_id":
      return numberCondition(prop, op, value, opPath);
    case "checkbox": {
      if (op !== "equals" && op !== "does_not_equal") throw unknownOperator(opPath, op);
      if (typeof value !== "boolean") throw invalid(opPath, "should be a boolean", value);
      return (p) => (p.values[prop.id] === true) === (op === "equals" ? value : !value);
    }
    case "select":
    case "status":
      return optionCondition(prop, op, value, opPath, opts);
    case "multi_select":
      return multiSelectCondition(prop, op, value, opPath, opts);
    case "date":
      return dateCondition(op, value, opPath, opts, (p) => {
        const v = p.values[prop.id] as DateValue | null | undefined;
        return v ? v.start : undefined;
      });
    case "created_time":
    case "last_edited_time":
      return dateCondition(op, value, opPath, opts, (p) => timestampOf(p, prop.type as "created_time"));
    case "relation":
      return idListCondition(op, value, opPath, (p) => (p.values[prop.id] as string[] | undefined) ?? []);
    case "people":
      return idListCondition(
        op,
        value,
        opPath,
        (p) => ((p.values[prop.id] as UserRef[] | undefined) ?? []).map((u) => u.id),
        opts.botId,
      );
    case "created_by":
    case "last_edited_by":
      return idListCondition(op, value, opPath, () => [opts.botId], opts.botId);
    default:
      throw invalidAt(path, `filters on \`${prop.type}\` properties are not supported by notion-emulator.`);
  }
}

function unknownOperator(path: string, op: string) {
  return invalidAt(path, `is not a valid filter operator here: ${JSON.stringify(op)}.`);
}

function isEmpty(prop: PropertySchema, page: PageRecord): boolean {
  const v = page.values[prop.id];
  if (v === undefined || v === null)
    return !["created_time", "last_edited_time", "created_by", "last_edited_by"].includes(prop.type);
  if (Array.isArray(v))
    return prop.type === "title" || prop.type === "rich_text"
      ? plainText(v as RichTextItem[]) === ""
      : v.length === 0;
  if (typeof v === "string") return v === "";
  return false;
}

function textOf(prop: PropertySchema, page: PageRecord): string {
  const v = page.values[prop.id];
  if (prop.type === "title" || prop.type === "rich_text")
    return plainText((v as RichTextItem[] | undefined) ?? []);
  return typeof v === "string" ? v : "";
}

function textCondition(prop: PropertySchema, op: string, value: unknown, path: string): PagePredicate {
  if (typeof value !== "string") throw invalid(path, "should be a string", value);
  const needle = value.toLowerCase();
  switch (op) {
    case "equals":
      return (p) => textOf(prop, p) === value;
    case "does_not_equal":
      return (p) => textOf(prop, p) !== value;
    case "contains":
      return (p) => textOf(prop, p).toLowerCase().includes(needle);
    case "does_not_contain":
      return (p) => !textOf(prop, p).toLowerCase().includes(needle);
    case "starts_with":
      return (p) => textOf(prop, p).toLowerCase().startsWith(needle);
    case "ends_with":
      return (p) => textOf(prop, p).toLowerCase().endsWith(needle);
    default:
      throw unknownOperator(path, op);
  }
}

function numberCondition(prop: PropertySchema, op: string, value: unknown, path: string): PagePredicate {
  if (typeof value !== "number" || !Number.isFinite(value)) throw invalid(path, "should be a number", value);
  const get = (p: PageRecord): number | null => {
    const v = p.values[prop.id];
    return typeof v === "number" ? v : null;
  };
  const cmp: Record<string, (a: number) => boolean> = {
    equals: (a) => a === value,
    does_not_equal: (a) => a !== value,
    greater_than: (a) => a > value,
    less_than: (a) => a < value,
    greater_than_or_equal_to: (a) => a >= value,
    less_than_or_equal_to: (a) => a <= value,
  };
  const test = cmp[op];
  if (!test) throw unknownOperator(path, op);
  return (p) => {
    const v = get(p);
    return v === null ? op === "does_not_equal" : test(v);
  };
}

function stringOrStrings(value: unknown, path: string): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string"))
    return value as string[];
  throw invalid(path, "should be a string or a non-empty array of strings", value);
}

function checkOptionValues(prop: PropertySchema, names: string[], path: string, opts: FilterOptions): void {
  if (!opts.strictOptionValues) return;
  const valid = [...(prop.options ?? []).map((o) => o.name), ...(prop.groups ?? []).map((g) => g.name)];
  for (const name of names) {
    if (!valid.includes(name)) {
      throw invalidAt(
        path,
        `\`${name}\` is not a valid value for ${prop.type} property ${prop.name}. Valid values: ${valid.join(", ")}.`,
      );
    }
  }
}

/** Option ids a filter value names: option names, or (status) group names. */
function optionIdsFor(prop: PropertySchema, names: string[]): Set<string> {
  const ids = new Set<string>();
  for (const name of names) {
    for (const o of prop.options ?? []) if (o.name === name) ids.add(o.id);
    for (const g of prop.groups ?? []) if (g.name === name) for (const id of g.option_ids) ids.add(id);
  }
  return ids;
}

function optionCondition(
  prop: PropertySchema,
  op: string,
  value: unknown,
  path: string,
  opts: FilterOptions,
): PagePredicate {
  if (op !== "equals" && op !== "does_not_equal") throw unknownOperator(path, op);
  const names = stringOrStrings(value, path);
  checkOptionValues(prop, names, path, opts);
  const ids = optionIdsFor(prop, names);
  const matches = (p: PageRecord): boolean => {
    const v = p.values[prop.id];
    return typeof v === "string" && ids.has(v);
  };
  return op === "equals" ? matches : (p) => !matches(p);
}

function multiSelectCondition(
  prop: PropertySchema,
  op: string,
  value: unknown,
  path: string,
  opts: FilterOptions,
): PagePredicate {
  if (op !== "contains" && op !== "does_not_contain") throw unknownOperator(path, op);
  const names = stringOrStrings(value, path);
  checkOptionValues(prop, names, path, opts);
  const ids = optionIdsFor(prop, names);
  const matches = (p: PageRecord): boolean =>
    ((p.values[prop.id] as string[] | undefined) ?? []).some((id) => ids.has(id));
  return op === "contains" ? matches : (p) => !matches(p);
}

function idListCondition(
  op: string,
  value: unknown,
  path: string,
  get: (p: PageRecord) => string[],
  me?: string,
): PagePredicate {
  if (op !== "contains" && op !== "does_not_contain") throw unknownOperator(path, op);
  const id = value === "me" && me ? me : normalizeId(value);
  if (!id) throw invalid(path, "should be a valid uuid", value);
  return op === "contains" ? (p) => get(p).includes(id) : (p) => !get(p).includes(id);
}

function timestampOf(page: PageRecord, which: "created_time" | "last_edited_time"): string {
  const ms = roundDownToMinute(which === "created_time" ? page.createdTime : page.lastEditedTime);
  return new Date(ms).toISOString();
}

function compileTimestamp(f: Record<string, unknown>, path: string, opts: FilterOptions): PagePredicate {
  const which = f.timestamp;
  if (which !== "created_time" && which !== "last_edited_time") {
    throw invalid(`${path}.timestamp`, 'should be `"created_time"` or `"last_edited_time"`', which);
  }
  const cond = requireObject(f[which], `${path}.${which}`);
  const ops = Object.keys(cond);
  if (ops.length !== 1) throw invalidAt(`${path}.${which}`, "should have exactly one filter operator.");
  const op = ops[0] as string;
  return dateCondition(op, cond[op], `${path}.${which}.${op}`, opts, (p) => timestampOf(p, which));
}

function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

function relativeDay(value: string, now: number): string {
  const day = 86_400_000;
  switch (value) {
    case "today":
      return utcDay(now);
    case "tomorrow":
      return utcDay(now + day);
    case "yesterday":
      return utcDay(now - day);
    case "one_week_ago":
      return utcDay(now - 7 * day);
    case "one_week_from_now":
      return utcDay(now + 7 * day);
    case "one_month_ago":
      return utcDay(addMonths(now, -1));
    default:
      return utcDay(addMonths(now, 1));
  }
}

function dateCondition(
  op: string,
  value: unknown,
  path: string,
  opts: FilterOptions,
  get: (p: PageRecord) => string | undefined,
): PagePredicate {
  if (DATE_RANGES.includes(op)) {
    if (!isObject(value) || Object.keys(value).length > 0)
      throw invalid(path, "should be an empty object `{}`", value);
    const now = opts.now;
    const day = 86_400_000;
    let from: number;
    let to: number;
    if (op === "this_week") {
      const weekday = new Date(now).getUTCDay();
      from = Date.parse(`${utcDay(now - weekday * day)}T00:00:00Z`);
      to = from + 7 * day - 1;
    } else if (op.startsWith("past_")) {
      to = now;
      from =
        op === "past_week" ? now - 7 * day : op === "past_month" ? addMonths(now, -1) : addMonths(now, -12);
    } else {
      from = now;
      to = op === "next_week" ? now + 7 * day : op === "next_month" ? addMonths(now, 1) : addMonths(now, 12);
    }
    return (p) => {
      const v = get(p);
      if (v === undefined) return false;
      const t = dateInstant(v);
      return t >= from && t <= to;
    };
  }
  if (!["equals", "before", "after", "on_or_before", "on_or_after"].includes(op))
    throw unknownOperator(path, op);
  if (typeof value !== "string") throw invalid(path, "should be a date string or a relative date", value);
  const target = (RELATIVE_DATES as readonly string[]).includes(value)
    ? relativeDay(value, opts.now)
    : normalizeDateString(value, null, path);
  const byDay = isDateOnly(target);
  const compare = (v: string): number => {
    if (byDay) {
      const d = calendarDay(v);
      return d < target ? -1 : d > target ? 1 : 0;
    }
    return Math.sign(dateInstant(v) - dateInstant(target));
  };
  const accept: Record<string, (c: number) => boolean> = {
    equals: (c) => c === 0,
    before: (c) => c < 0,
    after: (c) => c > 0,
    on_or_before: (c) => c <= 0,
    on_or_after: (c) => c >= 0,
  };
  const test = accept[op] as (c: number) => boolean;
  return (p) => {
    const v = get(p);
    return v !== undefined && test(compare(v));
  };
}
