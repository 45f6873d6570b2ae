import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";

/** The front matter fields notion-ops reads; other keys (owner, description, …) are ignored. */
export interface FrontMatter {
  title?: string;
  /** null when absent or empty. */
  category: string | null;
  tags: string[];
}

export interface FrontMatterProblem {
  message: string;
  /** 1-based line in the Markdown file. */
  line: number;
}

export type FrontMatterResult =
  | {
      ok: true;
      data: FrontMatter;
      /** The Markdown after the front matter (the whole text when there is none). */
      body: string;
      /** Line of the file on which `body` starts (1 when there is no front matter). */
      bodyLine: number;
    }
  | { ok: false; problem: FrontMatterProblem };

const OPENING = /^---[ \t]*$/;
const CLOSING = /^(---|\.\.\.)[ \t]*$/;

/**
 * Splits YAML front matter (between a `---` first line and the next `---` or `...` line) from the
 * Markdown body and reads title, category and tags (a list, or one comma-separated string). A
 * `---` first line with no closing line is not front matter but a horizontal rule, as in GitHub.
 */
export function parseFrontMatter(text: string): FrontMatterResult {
  const lines = text.split(/\r?\n/);
  if (!OPENING.test(lines[0] ?? ""))
    return { ok: true, data: { category: null, tags: [] }, body: text, bodyLine: 1 };
  const closing = lines.findIndex((line, i) => i > 0 && CLOSING.test(line));
  if (closing < 0) return { ok: true, data: { category: null, tags: [] }, body: text, bodyLine: 1 };

  const yamlSource = lines.slice(1, closing).join("\n");
  const body = lines.slice(closing + 1).join("\n");
  const bodyLine = closing + 2;
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlSource, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // The YAML starts on the file's second line.
  const fileLine = (offset: number | undefined) =>
    offset === undefined ? 2 : lineCounter.linePos(offset).line + 1;
  const firstError = doc.errors[0];
  if (firstError) {
    return {
      ok: false,
      problem: { message: `invalid front matter: ${firstError.message}`, line: fileLine(firstError.pos[0]) },
    };
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ""))) {
    return { ok: true, data: { category: null, tags: [] }, body, bodyLine };
  }
  if (!isMap(root)) {
    return {
      ok: false,
      problem: {
        message: "front matter must be a YAML mapping (key: value lines)",
        line: fileLine(root.range?.[0]),
      },
    };
  }

  const field = (name: string): { node: Node | null; line: number } | undefined => {
    const pair = root.items.find((p) => isScalar(p.key) && String(p.key.value).toLowerCase() === name);
    if (!pair) return undefined;
    const node = (pair.value ?? null) as Node | null;
    const keyOffset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    return { node, line: fileLine(node?.range?.[0] ?? keyOffset) };
  };

  const data: FrontMatter = { category: null, tags: [] };
  const title = field("title");
  if (title) {
    const value = scalarText(title.node);
    if (value === false) return fail(`"title" must be text`, title.line);
    if (value) data.title = value;
  }
  const category = field("category");
  if (category) {
    const value = scalarText(category.node);
    if (value === false)
      return fail(`"category" must be one name (text), not a list or mapping`, category.line);
    data.category = value || null;
  }
  const tags = field("tags");
  if (tags) {
    const value = tagList(tags.node);
    if (value === false) {
      return fail(`"tags" must be a list of names or one comma-separated string`, tags.line);
    }
    data.tags = value;
  }
  return { ok: true, data, body, bodyLine };
}

function fail(message: string, line: number): FrontMatterResult {
  return { ok: false, problem: { message: `invalid front matter: ${message}`, line } };
}

/** A scalar as trimmed text ("" for null); false when the node is a list or mapping. */
function scalarText(node: Node | null): string | false {
  if (node === null) return "";
  if (!isScalar(node)) return false;
  const value = node.value;
  if (value === null || value === undefined) return "";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return String(value).trim();
  return false;
}

function tagList(node: Node | null): string[] | false {
  if (node === null) return [];
  if (isSeq(node)) {
    const tags: string[] = [];
    for (const item of node.items) {
      const text = scalarText(item as Node | null);
      if (text === false) return false;
      if (text) tags.push(text);
    }
    return tags;
  }
  const text = scalarText(node);
  if (text === false) return false;
  return text
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "");
}
