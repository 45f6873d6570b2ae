import { API_COLORS, MAX_ARRAY_ITEMS, MAX_EQUATION, parseRichText } from "../rich-text.js";
import { invalid, invalidAt, isObject, requireArray, requireObject, tooLong } from "./json.js";
import { MAX_URL } from "./property-values.js";

/** A validated block from a request, ready to store. */
export interface BlockDraft {
  type: string;
  content: Record<string, unknown>;
  children: BlockDraft[];
}

export const MAX_BLOCK_ELEMENTS = 1000;
/** Levels of nesting one request may carry (top-level children are level 1). */
export const MAX_NESTING = 2;

const TEXT_BLOCKS = [
  "paragraph",
  "heading_1",
  "heading_2",
  "heading_3",
  "bulleted_list_item",
  "numbered_list_item",
  "quote",
  "toggle",
  "to_do",
  "callout",
  "code",
] as const;
const OTHER_BLOCKS = [
  "divider",
  "breadcrumb",
  "table_of_contents",
  "equation",
  "bookmark",
  "embed",
  "image",
  "video",
  "file",
  "pdf",
  "table",
  "table_row",
] as const;
export const SUPPORTED_BLOCK_TYPES: readonly string[] = [...TEXT_BLOCKS, ...OTHER_BLOCKS];

/** Block types that may hold child blocks (headings only when toggleable). */
export const CAN_HAVE_CHILDREN: ReadonlySet<string> = new Set([
  "paragraph",
  "bulleted_list_item",
  "numbered_list_item",
  "quote",
  "toggle",
  "to_do",
  "callout",
  "heading_1",
  "heading_2",
  "heading_3",
  "table",
]);

/**
 * Validates `children` of a page create or a block append: at most 100 blocks per array, at most
 * two levels of nesting and 1000 blocks in the whole request, rich text within its limits.
 */
export function parseBlockChildren(value: unknown, path: string): BlockDraft[] {
  const drafts = parseLevel(value, path, 1);
  const total = countBlocks(drafts);
  if (total > MAX_BLOCK_ELEMENTS) {
    throw invalidAt(
      path,
      `should contain at most \`${MAX_BLOCK_ELEMENTS}\` block elements in one request, instead had \`${total}\`.`,
    );
  }
  return drafts;
}

function countBlocks(drafts: readonly BlockDraft[]): number {
  return drafts.reduce((n, d) => n + 1 + countBlocks(d.children), 0);
}

function parseLevel(value: unknown, path: string, depth: number): BlockDraft[] {
  const items = requireArray(value, path);
  if (items.length > MAX_ARRAY_ITEMS) throw tooLong(path, MAX_ARRAY_ITEMS, items.length);
  return items.map((item, i) => parseBlock(item, `${path}[${i}]`, depth));
}

function parseBlock(value: unknown, path: string, depth: number): BlockDraft {
  const block = requireObject(value, path);
  const type =
    typeof block.type === "string"
      ? block.type
      : Object.keys(block).find((k) => SUPPORTED_BLOCK_TYPES.includes(k));
  if (type === undefined || !SUPPORTED_BLOCK_TYPES.includes(type)) {
    throw invalid(
      `${path}.type`,
      `should be one of ${SUPPORTED_BLOCK_TYPES.map((t) => `\`"${t}"\``).join(", ")}`,
      type,
    );
  }
  const bodyPath = `${path}.${type}`;
  const body = requireObject(block[type], bodyPath);
  const content = parseContent(type, body, bodyPath);
  let children: BlockDraft[] = [];
  if (body.children !== undefined) {
    if (!CAN_HAVE_CHILDREN.has(type) || (type.startsWith("heading_") && content.is_toggleable !== true)) {
      throw invalidAt(
        `${bodyPath}.children`,
        `should not be present: a \`${type}\` block cannot have children here.`,
      );
    }
    if (depth >= MAX_NESTING) {
      throw invalidAt(
        `${bodyPath}.children`,
        `should not be present: a request can nest blocks at most ${MAX_NESTING} levels deep.`,
      );
    }
    children = parseLevel(body.children, `${bodyPath}.children`, depth + 1);
  }
  if (type === "table") checkTable(content, children, bodyPath);
  return { type, content, children };
}

function color(body: Record<string, unknown>, path: string): string {
  if (body.color === undefined) return "default";
  if (typeof body.color !== "string" || !(API_COLORS as readonly string[]).includes(body.color)) {
    throw invalid(`${path}.color`, "should be a valid color", body.color);
  }
  return body.color;
}

function optionalCaption(body: Record<string, unknown>, path: string): unknown[] {
  return body.caption === undefined ? [] : parseRichText(body.caption, `${path}.caption`);
}

function url(value: unknown, path: string): string {
  if (typeof value !== "string" || value.length === 0)
    throw invalid(path, "should be a non-empty string", value);
  if (value.length > MAX_URL) throw tooLong(path, MAX_URL, value.length);
  return value;
}

function parseContent(type: string, body: Record<string, unknown>, path: string): Record<string, unknown> {
  if ((TEXT_BLOCKS as readonly string[]).includes(type)) {
    const content: Record<string, unknown> = {
      rich_text: parseRichText(body.rich_text ?? [], `${path}.rich_text`),
    };
    if (type === "code") {
      content.caption = optionalCaption(body, path);
      if (body.language !== undefined && typeof body.language !== "string") {
        throw invalid(`${path}.language`, "should be a string", body.language);
      }
      content.language = body.language ?? "plain text";
      return content;
    }
    content.color = color(body, path);
    if (type === "to_do") {
      if (body.checked !== undefined && typeof body.checked !== "boolean")
        throw invalid(`${path}.checked`, "should be a boolean", body.checked);
      content.checked = body.checked ?? false;
    }
    if (type.startsWith("heading_")) {
      if (body.is_toggleable !== undefined && typeof body.is_toggleable !== "boolean") {
        throw invalid(`${path}.is_toggleable`, "should be a boolean", body.is_toggleable);
      }
      content.is_toggleable = body.is_toggleable ?? false;
    }
    if (type === "callout") content.icon = isObject(body.icon) ? body.icon : { type: "emoji", emoji: "💡" };
    return content;
  }
  switch (type) {
    case "divider":
    case "breadcrumb":
      return {};
    case "table_of_contents":
      return { color: color(body, path) };
    case "equation": {
      if (typeof body.expression !== "string")
        throw invalid(`${path}.expression`, "should be a string", body.expression);
      if (body.expression.length > MAX_EQUATION)
        throw tooLong(`${path}.expression`, MAX_EQUATION, body.expression.length);
      return { expression: body.expression };
    }
    case "bookmark":
    case "embed":
      return { url: url(body.url, `${path}.url`), caption: optionalCaption(body, path) };
    case "image":
    case "video":
    case "file":
    case "pdf": {
      const external = requireObject(body.external, `${path}.external`);
      return {
        type: "external",
        external: { url: url(external.url, `${path}.external.url`) },
        caption: optionalCaption(body, path),
      };
    }
    case "table": {
      const width = body.table_width;
      if (typeof width !== "number" || !Number.isInteger(width) || width < 1) {
        throw invalid(`${path}.table_width`, "should be a positive integer", width);
      }
      return {
        table_width: width,
        has_column_header: body.has_column_header === true,
        has_row_header: body.has_row_header === true,
      };
    }
    case "table_row": {
      const cells = requireArray(body.cells, `${path}.cells`);
      return { cells: cells.map((c, i) => parseRichText(c, `${path}.cells[${i}]`)) };
    }
    default:
      throw invalidAt(path, "is not a supported block type.");
  }
}

function checkTable(content: Record<string, unknown>, rows: BlockDraft[], path: string): void {
  if (rows.length === 0) throw invalidAt(`${path}.children`, "should contain at least one `table_row`.");
  rows.forEach((row, i) => {
    if (row.type !== "table_row")
      throw invalid(`${path}.children[${i}].type`, 'should be `"table_row"`', row.type);
    const cells = row.content.cells as unknown[];
    if (cells.length !== content.table_width) {
      throw invalid(
        `${path}.children[${i}].table_row.cells.length`,
        `should be \`${String(content.table_width)}\` (the table width)`,
        cells.length,
      );
    }
  });
}
