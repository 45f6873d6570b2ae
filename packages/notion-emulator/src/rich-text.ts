import { normalizeId } from "./ids.js";
import type { Annotations, RichTextItem } from "./state.js";
import { invalid, invalidAt, isObject, requireArray, requireObject, tooLong } from "./validation/json.js";

export const MAX_TEXT_CONTENT = 2000;
export const MAX_LINK_URL = 2000;
export const MAX_EQUATION = 1000;
export const MAX_ARRAY_ITEMS = 100;

export const API_COLORS = [
  "default",
  "gray",
  "brown",
  "orange",
  "yellow",
  "green",
  "blue",
  "purple",
  "pink",
  "red",
  "default_background",
  "gray_background",
  "brown_background",
  "orange_background",
  "yellow_background",
  "green_background",
  "blue_background",
  "purple_background",
  "pink_background",
  "red_background",
] as const;

const ANNOTATION_FLAGS = ["bold", "italic", "strikethrough", "underline", "code"] as const;

export function defaultAnnotations(): Annotations {
  return {
    bold: false,
    italic: false,
    strikethrough: false,
    underline: false,
    code: false,
    color: "default",
  };
}

/** A plain text item in read shape. */
export function textItem(content: string): RichTextItem {
  return {
    type: "text",
    text: { content, link: null },
    annotations: defaultAnnotations(),
    plain_text: content,
    href: null,
  };
}

export function plainText(items: readonly RichTextItem[]): string {
  return items.map((i) => i.plain_text).join("");
}

/**
 * Validates a rich text array from a request (≤ 100 items, text content ≤ 2000 characters, link
 * URLs ≤ 2000, equations ≤ 1000) and converts it into the stored read shape.
 */
export function parseRichText(value: unknown, path: string): RichTextItem[] {
  const items = requireArray(value, path);
  if (items.length > MAX_ARRAY_ITEMS) throw tooLong(path, MAX_ARRAY_ITEMS, items.length);
  return items.map((item, index) => parseRichTextItem(item, `${path}[${index}]`));
}

function parseRichTextItem(value: unknown, path: string): RichTextItem {
  const item = requireObject(value, path);
  const declared = item.type;
  const kind =
    declared ??
    ("text" in item ? "text" : "equation" in item ? "equation" : "mention" in item ? "mention" : undefined);
  const annotations = parseAnnotations(item.annotations, `${path}.annotations`);
  if (kind === "text") {
    const text = requireObject(item.text, `${path}.text`);
    if (typeof text.content !== "string")
      throw invalid(`${path}.text.content`, "should be a string", text.content);
    if (text.content.length > MAX_TEXT_CONTENT) {
      throw tooLong(`${path}.text.content`, MAX_TEXT_CONTENT, text.content.length);
    }
    let link: { url: string } | null = null;
    if (text.link !== undefined && text.link !== null) {
      const l = requireObject(text.link, `${path}.text.link`);
      if (typeof l.url !== "string" || l.url.length === 0) {
        throw invalid(`${path}.text.link.url`, "should be a non-empty string", l.url);
      }
      if (l.url.length > MAX_LINK_URL) throw tooLong(`${path}.text.link.url`, MAX_LINK_URL, l.url.length);
      link = { url: l.url };
    }
    return {
      type: "text",
      text: { content: text.content, link },
      annotations,
      plain_text: text.content,
      href: link?.url ?? null,
    };
  }
  if (kind === "equation") {
    const eq = requireObject(item.equation, `${path}.equation`);
    if (typeof eq.expression !== "string") {
      throw invalid(`${path}.equation.expression`, "should be a string", eq.expression);
    }
    if (eq.expression.length > MAX_EQUATION) {
      throw tooLong(`${path}.equation.expression`, MAX_EQUATION, eq.expression.length);
    }
    return {
      type: "equation",
      equation: { expression: eq.expression },
      annotations,
      plain_text: eq.expression,
      href: null,
    };
  }
  if (kind === "mention") return parseMention(item.mention, annotations, `${path}.mention`);
  throw invalidAt(path, "should be a rich text object of type `text`, `mention` or `equation`.");
}

function parseMention(value: unknown, annotations: Annotations, path: string): RichTextItem {
  const mention = requireObject(value, path);
  const kind = mention.type ?? Object.keys(mention).find((k) => k !== "type");
  if (kind === "page" || kind === "database" || kind === "user") {
    const target = requireObject(mention[kind], `${path}.${kind}`);
    const id = normalizeId(target.id);
    if (!id) throw invalid(`${path}.${kind}.id`, "should be a valid uuid", target.id);
    const ref = kind === "user" ? { object: "user", id } : { id };
    return {
      type: "mention",
      mention: { type: kind, [kind]: ref },
      annotations,
      plain_text: kind === "user" ? "@user" : "Untitled",
      href: kind === "user" ? null : `https://www.notion.so/${id.replaceAll("-", "")}`,
    };
  }
  if (kind === "date") {
    const date = requireObject(mention.date, `${path}.date`);
    if (typeof date.start !== "string") throw invalid(`${path}.date.start`, "should be a string", date.start);
    const end = typeof date.end === "string" ? date.end : null;
    return {
      type: "mention",
      mention: { type: "date", date: { start: date.start, end, time_zone: null } },
      annotations,
      plain_text: end ? `${date.start} → ${end}` : date.start,
      href: null,
    };
  }
  throw invalidAt(
    `${path}.type`,
    "should be one of `page`, `database`, `user` or `date` in notion-emulator.",
  );
}

function parseAnnotations(value: unknown, path: string): Annotations {
  const result = defaultAnnotations();
  if (value === undefined) return result;
  const a = requireObject(value, path);
  for (const flag of ANNOTATION_FLAGS) {
    const v = a[flag];
    if (v === undefined) continue;
    if (typeof v !== "boolean") throw invalid(`${path}.${flag}`, "should be a boolean", v);
    result[flag] = v;
  }
  if (a.color !== undefined) {
    if (typeof a.color !== "string" || !(API_COLORS as readonly string[]).includes(a.color)) {
      throw invalid(`${path}.color`, "should be a valid color", a.color);
    }
    result.color = a.color;
  }
  return result;
}

/** A plain string title/description given either as rich text or (leniently) absent. */
export function parseOptionalRichText(value: unknown, path: string): RichTextItem[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) && isObject(value)) throw invalid(path, "should be an array", value);
  return parseRichText(value, path);
}
