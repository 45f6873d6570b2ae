import type { CreatePageParameters } from "@notionhq/client";
import { NotionValidationError } from "../errors.js";
import { formatNotionDate, type ParsedDate, parseDate } from "./date-value.js";
import { normalizeNotionId } from "./notion-id.js";
import { cleanOptionName } from "./option-name.js";
import { joinRichText, RICH_TEXT_MAX_CHARS, RICH_TEXT_MAX_ITEMS, splitRichText } from "./rich-text.js";

/** The property types notion-ops writes (SPEC §4), plus email / phone_number / status. */
export const WRITABLE_PROPERTY_TYPES = [
  "title",
  "rich_text",
  "number",
  "select",
  "multi_select",
  "date",
  "checkbox",
  "url",
  "relation",
  "email",
  "phone_number",
  "status",
] as const;
export type WritablePropertyType = (typeof WRITABLE_PROPERTY_TYPES)[number];

export interface DateRange {
  start: string;
  end: string | null;
}

/**
 * A property value as the rest of notion-ops sees it:
 * title / rich_text → string; number → number | null; select / status → option name | null;
 * multi_select → names; date → ISO string | { start, end } | null; checkbox → boolean;
 * url / email / phone_number → string | null; relation → page ids.
 */
export type PlainValue = string | number | boolean | string[] | DateRange | null;

/** One entry of `properties` in a pages.create / pages.update body. */
export type PropertyWrite = NonNullable<CreatePageParameters["properties"]>[string];

export type CodecWarningCode =
  | "text_truncated"
  | "text_repaired"
  | "array_truncated"
  | "duplicates_dropped"
  | "option_name_changed"
  | "number_not_finite";

export interface CodecWarning {
  property: string | undefined;
  code: CodecWarningCode;
  message: string;
}

export interface EncodeOptions {
  /** The property's name, for messages. */
  property?: string;
  /** Called for every lossy change the encoder had to make. */
  warn?: (warning: CodecWarning) => void;
}

export const ARRAY_MAX_ITEMS = 100;
export const URL_MAX_CHARS = 2000;
export const EMAIL_MAX_CHARS = 200;
export const PHONE_MAX_CHARS = 200;

/** Plain value → the write payload for one property. Throws NotionValidationError on a wrong-typed value. */
export function encodeProperty(
  type: WritablePropertyType,
  value: unknown,
  options: EncodeOptions = {},
): PropertyWrite {
  const ctx = new EncodeContext(type, options);
  switch (type) {
    case "title":
      return { title: ctx.text(value) };
    case "rich_text":
      return { rich_text: ctx.text(value) };
    case "number":
      return { number: ctx.number(value) };
    case "select": {
      const name = ctx.optionName(value);
      return { select: name === null ? null : { name } };
    }
    case "status": {
      const name = ctx.optionName(value);
      return { status: name === null ? null : { name } };
    }
    case "multi_select":
      return { multi_select: ctx.optionNames(value).map((name) => ({ name })) };
    case "date":
      return { date: ctx.date(value) };
    case "checkbox":
      return { checkbox: ctx.checkbox(value) };
    case "url":
      return { url: ctx.limitedString(value, URL_MAX_CHARS) };
    case "email":
      return { email: ctx.limitedString(value, EMAIL_MAX_CHARS) };
    case "phone_number":
      return { phone_number: ctx.limitedString(value, PHONE_MAX_CHARS) };
    case "relation":
      return { relation: ctx.relation(value).map((id) => ({ id })) };
    default:
      throw new NotionValidationError(`Unknown property type "${String(type)}"`, ctx.errorOptions());
  }
}

/**
 * A property as Notion returns it (`{ id, type, [type]: … }`) → plain value. Also reads the
 * read-only types (formula, rollup numbers and dates, created/edited times, unique_id, people,
 * files); returns undefined for shapes it does not know.
 */
export function decodeProperty(property: unknown): PlainValue | undefined {
  if (!isObject(property) || typeof property.type !== "string") return undefined;
  const type = property.type;
  const raw = property[type];
  switch (type) {
    case "title":
    case "rich_text":
      return joinRichText(Array.isArray(raw) ? raw : []);
    case "number":
      return typeof raw === "number" ? raw : null;
    case "select":
    case "status":
      return isObject(raw) && typeof raw.name === "string" ? raw.name : null;
    case "multi_select":
      return Array.isArray(raw)
        ? raw.flatMap((o) => (isObject(o) && typeof o.name === "string" ? [o.name] : []))
        : [];
    case "date":
      return decodeDate(raw);
    case "checkbox":
      return raw === true;
    case "url":
    case "email":
    case "phone_number":
      return typeof raw === "string" && raw !== "" ? raw : null;
    case "relation":
    case "people":
      return Array.isArray(raw)
        ? raw.flatMap((r) => (isObject(r) && typeof r.id === "string" ? [r.id] : []))
        : [];
    case "created_time":
    case "last_edited_time":
      return typeof raw === "string" ? raw : null;
    case "unique_id":
      if (!isObject(raw) || typeof raw.number !== "number") return null;
      return typeof raw.prefix === "string" && raw.prefix
        ? `${raw.prefix}-${raw.number}`
        : String(raw.number);
    case "files":
      return Array.isArray(raw)
        ? raw.flatMap((f) => (isObject(f) && typeof f.name === "string" ? [f.name] : []))
        : [];
    case "formula":
    case "rollup":
      return decodeComputed(raw);
    default:
      return undefined;
  }
}

/** Property name → type: the part of a data source's schema the codec needs. */
export type RecordSchema = Readonly<Record<string, WritablePropertyType>>;

export interface EncodedRecord {
  properties: Record<string, PropertyWrite>;
  warnings: CodecWarning[];
}

/**
 * A plain record → a `properties` body. Keys whose value is `undefined` are left out (not
 * written); a key missing from `schema` is an error naming it.
 */
export function encodeRecord(
  schema: RecordSchema,
  values: Readonly<Record<string, unknown>>,
  options: { warn?: (warning: CodecWarning) => void } = {},
): EncodedRecord {
  const warnings: CodecWarning[] = [];
  const properties: Record<string, PropertyWrite> = {};
  for (const [property, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const type = schema[property];
    if (type === undefined) {
      const known = Object.keys(schema).join(", ");
      throw new NotionValidationError(`Property "${property}" is not in the schema (known: ${known})`, {
        property,
      });
    }
    properties[property] = encodeProperty(type, value, {
      property,
      warn: (w) => {
        warnings.push(w);
        options.warn?.(w);
      },
    });
  }
  return { properties, warnings };
}

/** A page's `properties` → plain values by property name (unknown shapes are left out). */
export function decodeRecord(properties: Readonly<Record<string, unknown>>): Record<string, PlainValue> {
  const out: Record<string, PlainValue> = {};
  for (const [name, property] of Object.entries(properties)) {
    const value = decodeProperty(property);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

class EncodeContext {
  private readonly type: WritablePropertyType;
  private readonly options: EncodeOptions;

  constructor(type: WritablePropertyType, options: EncodeOptions) {
    this.type = type;
    this.options = options;
  }

  private get where(): string {
    return this.options.property
      ? `Property "${this.options.property}" (${this.type})`
      : `A ${this.type} value`;
  }

  errorOptions(): { property?: string } {
    return this.options.property === undefined ? {} : { property: this.options.property };
  }

  private fail(expected: string, value: unknown): never {
    throw new NotionValidationError(
      `${this.where}: expected ${expected}, got ${describeValue(value)}`,
      this.errorOptions(),
    );
  }

  private warn(code: CodecWarningCode, message: string): void {
    this.options.warn?.({ property: this.options.property, code, message: `${this.where}: ${message}` });
  }

  text(value: unknown) {
    if (value === null || value === undefined) return [];
    if (typeof value !== "string") this.fail("a string or null", value);
    const split = splitRichText(value);
    if (split.repaired)
      this.warn("text_repaired", "invalid UTF-16 (lone surrogates) was replaced with U+FFFD");
    if (split.truncated) {
      this.warn(
        "text_truncated",
        `text of ${split.originalLength} characters was cut to ${RICH_TEXT_MAX_CHARS * RICH_TEXT_MAX_ITEMS} ` +
          `(Notion allows ${RICH_TEXT_MAX_ITEMS} text objects of ${RICH_TEXT_MAX_CHARS} characters)`,
      );
    }
    return split.items;
  }

  number(value: unknown): number | null {
    if (value === null || value === undefined) return null;
    if (typeof value !== "number") this.fail("a number or null", value);
    if (!Number.isFinite(value)) {
      this.warn("number_not_finite", `${value} cannot be stored in Notion; written as empty`);
      return null;
    }
    return value === 0 ? 0 : value;
  }

  optionName(value: unknown): string | null {
    if (value === null || value === undefined) return null;
    if (typeof value !== "string") this.fail("an option name (string) or null", value);
    const cleaned = cleanOptionName(value);
    if (cleaned.changes.length > 0) {
      this.warn(
        "option_name_changed",
        `option "${value}" written as "${cleaned.name}": ${cleaned.changes.join("; ")}`,
      );
    }
    return cleaned.name === "" ? null : cleaned.name;
  }

  optionNames(value: unknown): string[] {
    if (value === null || value === undefined) return [];
    if (!Array.isArray(value)) this.fail("an array of option names", value);
    const names: string[] = [];
    const seen = new Set<string>();
    let duplicates = 0;
    for (const item of value) {
      const name = this.optionName(item);
      if (name === null) continue;
      const key = name.toLowerCase();
      if (seen.has(key)) {
        duplicates += 1;
        continue;
      }
      seen.add(key);
      names.push(name);
    }
    if (duplicates > 0) {
      this.warn(
        "duplicates_dropped",
        `${duplicates} duplicate option name(s) dropped (names are case-insensitive)`,
      );
    }
    return this.capped(names);
  }

  relation(value: unknown): string[] {
    if (value === null || value === undefined) return [];
    if (!Array.isArray(value)) this.fail("an array of page ids", value);
    const ids: string[] = [];
    for (const item of value) {
      const id = typeof item === "string" ? normalizeNotionId(item) : undefined;
      if (id === undefined) this.fail("page ids (32 hexadecimal digits, dashes optional)", item);
      if (!ids.includes(id)) ids.push(id);
    }
    return this.capped(ids);
  }

  date(value: unknown): { start: string; end?: string | null } | null {
    if (value === null || value === undefined || value === "") return null;
    if (typeof value === "string" || value instanceof Date) return { start: this.dateString(value) };
    if (isObject(value) && (typeof value.start === "string" || value.start instanceof Date)) {
      const start = this.dateString(value.start as string | Date);
      const end =
        value.end === null || value.end === undefined || value.end === ""
          ? null
          : this.dateString(value.end as string | Date);
      return end === null ? { start } : { start, end };
    }
    return this.fail("an ISO 8601 date (YYYY-MM-DD), a date-time, { start, end } or null", value);
  }

  private dateString(value: string | Date): string {
    const parsed: ParsedDate | undefined =
      typeof value === "string" || value instanceof Date ? parseDate(value) : undefined;
    if (!parsed) this.fail("an ISO 8601 date (YYYY-MM-DD) or date-time", value);
    return formatNotionDate(parsed);
  }

  checkbox(value: unknown): boolean {
    if (value === null || value === undefined) return false;
    if (typeof value !== "boolean") this.fail("true or false", value);
    return value;
  }

  limitedString(value: unknown, max: number): string | null {
    if (value === null || value === undefined) return null;
    if (typeof value !== "string") this.fail("a string or null", value);
    const trimmed = value.trim();
    if (trimmed === "") return null;
    if (trimmed.length > max) {
      throw new NotionValidationError(
        `${this.where}: ${trimmed.length} characters is over Notion's limit of ${max} ("${trimmed.slice(0, 40)}…")`,
        this.errorOptions(),
      );
    }
    return trimmed;
  }

  private capped<T>(items: T[]): T[] {
    if (items.length <= ARRAY_MAX_ITEMS) return items;
    this.warn("array_truncated", `${items.length} items cut to Notion's limit of ${ARRAY_MAX_ITEMS}`);
    return items.slice(0, ARRAY_MAX_ITEMS);
  }
}

function decodeDate(raw: unknown): PlainValue {
  if (!isObject(raw) || typeof raw.start !== "string") return null;
  return typeof raw.end === "string" ? { start: raw.start, end: raw.end } : raw.start;
}

function decodeComputed(raw: unknown): PlainValue | undefined {
  if (!isObject(raw) || typeof raw.type !== "string") return undefined;
  const value = raw[raw.type];
  switch (raw.type) {
    case "string":
      return typeof value === "string" ? value : null;
    case "number":
      return typeof value === "number" ? value : null;
    case "boolean":
      return value === true;
    case "date":
      return decodeDate(value);
    default:
      return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "string")
    return `the string "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}
