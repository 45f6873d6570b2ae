import type { DataSourceRecord } from "../state.js";
import { invalid, invalidAt, rejectUnknownKeys, requireObject } from "../validation/json.js";
import {
  checkInteger,
  checkNumber,
  type FieldParser,
  oneOf,
  RESPONSE_ONLY_FIELDS,
  resolvePropertyRef,
} from "./view-fields.js";

/** Which group-by `type` values a property of each type can be grouped with. */
const GROUP_TYPES_FOR_PROPERTY: Record<string, readonly string[]> = {
  select: ["select"],
  multi_select: ["multi_select"],
  status: ["status"],
  people: ["person"],
  created_by: ["created_by"],
  last_edited_by: ["last_edited_by"],
  relation: ["relation"],
  date: ["date"],
  created_time: ["created_time"],
  last_edited_time: ["last_edited_time"],
  title: ["title", "text"],
  rich_text: ["text"],
  url: ["url"],
  email: ["email"],
  phone_number: ["phone_number"],
  number: ["number"],
  checkbox: ["checkbox"],
  formula: ["formula"],
};

const GROUP_SORTS = ["manual", "ascending", "descending"] as const;
const DATE_GROUPS = ["relative", "day", "week", "month", "year"] as const;
const TEXT_GROUPS = ["exact", "alphabet_prefix"] as const;

function parseSort(value: unknown, path: string): { type: string } {
  const sort = requireObject(value, path);
  rejectUnknownKeys(sort, ["type"], path);
  return { type: oneOf(GROUP_SORTS, sort.type, `${path}.type`) };
}

function requireGroupBy(values: readonly string[], g: Record<string, unknown>, path: string): string {
  if (g.group_by === undefined) throw invalid(`${path}.group_by`, "should be defined", undefined);
  return oneOf(values, g.group_by, `${path}.group_by`);
}

function parseFormulaSubGroup(value: unknown, path: string): Record<string, unknown> {
  const g = requireObject(value, path);
  const type = oneOf(["date", "text", "number", "checkbox"], g.type, `${path}.type`);
  const out: Record<string, unknown> = { type, sort: parseSort(g.sort, `${path}.sort`) };
  if (type === "date") {
    rejectUnknownKeys(g, ["type", "sort", "group_by", "start_day_of_week"], path);
    out.group_by = requireGroupBy(DATE_GROUPS, g, path);
    if (g.start_day_of_week !== undefined)
      out.start_day_of_week = enumNumber(g.start_day_of_week, `${path}.start_day_of_week`);
  } else if (type === "text") {
    rejectUnknownKeys(g, ["type", "sort", "group_by"], path);
    out.group_by = requireGroupBy(TEXT_GROUPS, g, path);
  } else if (type === "number") {
    rejectUnknownKeys(g, ["type", "sort", "range_start", "range_end", "range_size"], path);
    Object.assign(out, numberRanges(g, path));
  } else rejectUnknownKeys(g, ["type", "sort"], path);
  return out;
}

function enumNumber(value: unknown, path: string): number {
  if (value !== 0 && value !== 1) throw invalid(path, "should be `0` (Sunday) or `1` (Monday)", value);
  return value;
}

function numberRanges(g: Record<string, unknown>, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (g.range_start !== undefined) out.range_start = checkNumber(g.range_start, `${path}.range_start`);
  if (g.range_end !== undefined) out.range_end = checkNumber(g.range_end, `${path}.range_end`);
  if (g.range_size !== undefined) out.range_size = checkInteger(g.range_size, 1, `${path}.range_size`);
  if (
    typeof out.range_start === "number" &&
    typeof out.range_end === "number" &&
    out.range_end <= out.range_start
  ) {
    throw invalid(`${path}.range_end`, "should be greater than range_start", out.range_end);
  }
  return out;
}

/**
 * A group-by (board/table `group_by`, `sub_group_by`, chart `x_axis` / `stack_by`): its `type` must
 * fit the property's type, `sort` is required, and status, date and text groupings need `group_by`.
 */
export function parseGroupBy(ds: DataSourceRecord, value: unknown, path: string): Record<string, unknown> {
  const g = requireObject(value, path);
  const prop = resolvePropertyRef(ds, g.property_id, `${path}.property_id`);
  const allowed = GROUP_TYPES_FOR_PROPERTY[prop.type];
  if (!allowed)
    throw invalidAt(
      `${path}.property_id`,
      `names ${prop.name}, a \`${prop.type}\` property, which cannot be grouped by.`,
    );
  if (typeof g.type !== "string" || !allowed.includes(g.type)) {
    throw invalid(
      `${path}.type`,
      `should be ${allowed.map((t) => `\`"${t}"\``).join(" or ")} for ${prop.name} (a \`${prop.type}\` property)`,
      g.type,
    );
  }
  const type = g.type;
  const common = ["type", "property_id", "sort", "hide_empty_groups", ...RESPONSE_ONLY_FIELDS];
  const out: Record<string, unknown> = { type, property_id: prop.id };
  if (type !== "formula") {
    if (g.sort === undefined) throw invalid(`${path}.sort`, "should be defined", undefined);
    out.sort = parseSort(g.sort, `${path}.sort`);
  }
  if (g.hide_empty_groups !== undefined) {
    if (typeof g.hide_empty_groups !== "boolean")
      throw invalid(`${path}.hide_empty_groups`, "should be a boolean", g.hide_empty_groups);
    out.hide_empty_groups = g.hide_empty_groups;
  }
  switch (type) {
    case "status":
      rejectUnknownKeys(g, [...common, "group_by"], path);
      out.group_by = requireGroupBy(["group", "option"], g, path);
      break;
    case "date":
    case "created_time":
    case "last_edited_time":
      rejectUnknownKeys(g, [...common, "group_by", "start_day_of_week"], path);
      out.group_by = requireGroupBy(DATE_GROUPS, g, path);
      if (g.start_day_of_week !== undefined)
        out.start_day_of_week = enumNumber(g.start_day_of_week, `${path}.start_day_of_week`);
      break;
    case "text":
    case "title":
    case "url":
    case "email":
    case "phone_number":
      rejectUnknownKeys(g, [...common, "group_by"], path);
      out.group_by = requireGroupBy(TEXT_GROUPS, g, path);
      break;
    case "number":
      rejectUnknownKeys(g, [...common, "range_start", "range_end", "range_size"], path);
      Object.assign(out, numberRanges(g, path));
      break;
    case "formula":
      rejectUnknownKeys(
        g,
        ["type", "property_id", "group_by", "hide_empty_groups", ...RESPONSE_ONLY_FIELDS],
        path,
      );
      out.group_by = parseFormulaSubGroup(g.group_by, `${path}.group_by`);
      break;
    default:
      rejectUnknownKeys(g, common, path);
  }
  return out;
}

export const groupByField: FieldParser = parseGroupBy;
