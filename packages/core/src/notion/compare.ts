import type { RecordSchema, WritablePropertyType } from "./codec.js";
import { ARRAY_MAX_ITEMS } from "./codec.js";
import { comparableDate, parseDate } from "./date-value.js";
import { normalizeNotionId } from "./notion-id.js";
import { cleanOptionName } from "./option-name.js";
import { storableText } from "./rich-text.js";

export type Comparable = string | number | boolean | string[] | null;

/**
 * Brings a desired plain value and the value decoded from Notion to one form, so a planner can
 * tell "unchanged" from "changed" without false differences:
 * - title / rich_text: the text as Notion will store it (null → "", cut at 200,000 characters,
 *   invalid UTF-16 repaired);
 * - number: finite number or null;
 * - select / status: the cleaned option name (commas replaced, trimmed, ≤ 100 chars) or null;
 * - multi_select: cleaned names, de-duplicated case-insensitively, at most 100, sorted
 *   (order is not compared);
 * - relation: dashed lower-case ids, de-duplicated, at most 100, sorted;
 * - date: date-only stays `YYYY-MM-DD`; date-times become UTC to the minute (`…T06:00Z`);
 *   a range is `start/end`;
 * - checkbox: true or false (null → false);
 * - url / email / phone_number: trimmed string, or null for empty.
 * A value that cannot be interpreted compares as itself (as a string), so it always shows as a change.
 */
export function normalizeForCompare(type: WritablePropertyType, value: unknown): Comparable {
  switch (type) {
    case "title":
    case "rich_text":
      return typeof value === "string" ? storableText(value) : "";
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? (value === 0 ? 0 : value) : null;
    case "select":
    case "status":
      return typeof value === "string" ? cleanOptionName(value).name || null : null;
    case "multi_select": {
      if (!Array.isArray(value)) return [];
      const byKey = new Map<string, string>();
      for (const item of value) {
        if (typeof item !== "string") continue;
        const name = cleanOptionName(item).name;
        if (name && !byKey.has(name.toLowerCase())) byKey.set(name.toLowerCase(), name);
      }
      return [...byKey.values()].slice(0, ARRAY_MAX_ITEMS).sort();
    }
    case "relation": {
      if (!Array.isArray(value)) return [];
      const ids = value.map((v) => (typeof v === "string" ? (normalizeNotionId(v) ?? v) : String(v)));
      return [...new Set(ids)].slice(0, ARRAY_MAX_ITEMS).sort();
    }
    case "date":
      return comparableDateValue(value);
    case "checkbox":
      return value === true;
    case "url":
    case "email":
    case "phone_number":
      return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
    default:
      return value === undefined ? null : JSON.stringify(value);
  }
}

/** True when writing `desired` over `current` would change nothing Notion shows. */
export function sameValue(type: WritablePropertyType, desired: unknown, current: unknown): boolean {
  const a = normalizeForCompare(type, desired);
  const b = normalizeForCompare(type, current);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

/** Names of the properties in `desired` (undefined values skipped) whose value differs from `current`. */
export function changedProperties(
  schema: RecordSchema,
  desired: Readonly<Record<string, unknown>>,
  current: Readonly<Record<string, unknown>>,
): string[] {
  return Object.entries(desired).flatMap(([name, value]) => {
    const type = schema[name];
    if (value === undefined || type === undefined) return [];
    return sameValue(type, value, current[name]) ? [] : [name];
  });
}

function comparableDateValue(value: unknown): Comparable {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "string" || value instanceof Date) return comparableInstant(value);
  if (typeof value === "object" && "start" in value) {
    const { start, end } = value as { start: unknown; end?: unknown };
    const from =
      typeof start === "string" || start instanceof Date ? comparableInstant(start) : String(start);
    if (end === null || end === undefined || end === "") return from;
    return `${from}/${typeof end === "string" || end instanceof Date ? comparableInstant(end) : String(end)}`;
  }
  return JSON.stringify(value);
}

function comparableInstant(value: string | Date): string {
  const parsed = parseDate(value);
  return parsed ? comparableDate(parsed) : String(value);
}
