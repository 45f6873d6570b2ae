import { rename, writeFile } from "node:fs/promises";
import { isDeepStrictEqual } from "node:util";
import { isMap, isScalar, LineCounter, type Pair, parseDocument, Scalar, type YAMLMap } from "yaml";
import { ConfigError, NotionOpsError } from "../errors.js";
import { DATABASE_KEYS, type DatabaseKey } from "../schema/database-keys.js";
import type { DatabaseRef } from "./schema.js";

/** What setup writes into the config: the ids of the databases, and the parent page when given as a flag. */
export interface NotionIdsUpdate {
  databases: Partial<Record<DatabaseKey, DatabaseRef>>;
  parentPage?: string;
}

type Tree = { [key: string]: string | Tree };

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Sets `notion.parentPage` and `notion.databases.<key>` in the text of notion-ops.yml by editing
 * the text at the positions the YAML parser reports, so every byte outside the values it sets or
 * adds (comments, key order, quoting, blank lines, line endings) stays as it was. Handles a missing
 * `notion:` key, `notion:` without `databases:`, flow maps such as `databases: {}`, and existing
 * entries (whose scalars are replaced in place, keeping their quoting style). The result is parsed
 * again and checked to hold exactly the old data plus the new ids before it is returned.
 */
export function setNotionIds(text: string, update: NotionIdsUpdate, file = "notion-ops.yml"): string {
  const notion: Tree = {};
  if (update.parentPage) notion.parentPage = update.parentPage;
  const databases: Tree = {};
  for (const key of DATABASE_KEYS) {
    const ref = update.databases[key];
    if (ref) databases[key] = { databaseId: ref.databaseId, dataSourceId: ref.dataSourceId };
  }
  if (Object.keys(databases).length > 0) notion.databases = databases;
  if (Object.keys(notion).length === 0) return text;

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((error) => {
        const at = lineCounter.linePos(error.pos[0]);
        return {
          file,
          path: "",
          message: `invalid YAML: ${error.message.split("\n")[0]}`,
          line: at.line,
          column: at.col,
        };
      }),
    );
  }
  const editor = new TextEditor(text, file, lineCounter);
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    editor.appendAtEnd(editor.blockPair("notion", notion, 0));
  } else if (isMap(root)) {
    editor.setPairs(root, { notion }, [], true);
  } else {
    throw editor.issue([], root.range?.[0] ?? 0, "the file must be a mapping of keys (notion:, sites:, …)");
  }
  const result = editor.apply();
  verify(text, result, update, file);
  return result;
}

/** Writes the file next to itself and renames it into place, so a crash never leaves half a config. */
export async function saveConfigText(file: string, text: string): Promise<void> {
  const temporary = `${file}.notion-ops-${process.pid}.tmp`;
  await writeFile(temporary, text, "utf8");
  await rename(temporary, file);
}

class TextEditor {
  private readonly edits: Edit[] = [];
  private readonly eol: string;
  private readonly step: number;

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly lines: LineCounter,
  ) {
    this.eol = text.includes("\r\n") ? "\r\n" : "\n";
    this.step = detectIndentStep(text);
  }

  /** Sets `desired` into `map`, recursing into existing maps and adding what is absent. */
  setPairs(map: YAMLMap, desired: Tree, path: string[], isRoot = false): void {
    const added: [string, string | Tree][] = [];
    for (const [key, want] of Object.entries(desired)) {
      const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key) as
        | Pair<Scalar, unknown>
        | undefined;
      if (!pair) added.push([key, want]);
      else if (typeof want === "string") this.setScalar(pair, want, [...path, key]);
      else this.setTree(pair, want, [...path, key], map.flow === true);
    }
    if (added.length === 0) return;
    if (map.flow) this.insertIntoFlow(map, added);
    else this.insertIntoBlock(map, added, isRoot);
  }

  private setScalar(pair: Pair<Scalar, unknown>, want: string, path: string[]): void {
    const value = pair.value;
    if (isScalar(value) && value.range && value.range[0] !== value.range[1] && value.value !== null) {
      if (typeof value.value === "string" && sameId(value.value, want)) return;
      this.replace(value.range[0], value.range[1], formatScalar(want, value.type));
      return;
    }
    if (value === null || value === undefined || (isScalar(value) && value.value === null)) {
      const colon = this.colonAfter(pair);
      const end =
        isScalar(value) && value.range && value.range[0] !== value.range[1] ? value.range[1] : colon + 1;
      this.replace(colon + 1, end, ` ${formatScalar(want, Scalar.QUOTE_DOUBLE)}`);
      return;
    }
    throw this.issue(
      path,
      nodeStart(value) ?? pair.key.range?.[0] ?? 0,
      "must be a single value (a Notion id)",
    );
  }

  private setTree(pair: Pair<Scalar, unknown>, want: Tree, path: string[], parentIsFlow: boolean): void {
    const value = pair.value;
    const keyStart = pair.key.range?.[0] ?? 0;
    if (isMap(value)) {
      if (value.flow && value.items.length === 0 && !parentIsFlow && value.range) {
        // `databases: {}` becomes a block mapping below the key; the `{}` goes, any comment stays.
        this.replace(this.colonAfter(pair) + 1, value.range[1], "");
        this.insertAfterLine(value.range[1], this.blockChildren(want, this.indentAt(keyStart) + this.step));
        return;
      }
      this.setPairs(value, want, path);
      return;
    }
    if (value === null || value === undefined || (isScalar(value) && value.value === null)) {
      if (parentIsFlow) {
        const colon = this.colonAfter(pair);
        const end = isScalar(value) && value.range ? value.range[1] : colon + 1;
        this.replace(colon + 1, end, ` ${flow(want)}`);
        return;
      }
      const colon = this.colonAfter(pair);
      if (isScalar(value) && value.range && value.range[0] !== value.range[1]) {
        this.replace(colon + 1, value.range[1], ""); // `~` or `null`
      }
      this.insertAfterLine(colon, this.blockChildren(want, this.indentAt(keyStart) + this.step));
      return;
    }
    throw this.issue(path, nodeStart(value) ?? keyStart, "must be a mapping");
  }

  private insertIntoBlock(map: YAMLMap, added: [string, string | Tree][], isRoot: boolean): void {
    const first = map.items[0];
    const last = map.items[map.items.length - 1];
    if (!first || !last) {
      this.appendAtEnd(added.map(([k, v]) => this.blockPair(k, v, 0)).join(""));
      return;
    }
    const indent = this.indentAt((first.key as Scalar).range?.[0] ?? 0);
    const text = added.map(([k, v]) => this.blockPair(k, v, indent)).join("");
    if (isRoot) {
      this.appendAtEnd(text);
      return;
    }
    const end = Math.max((last.key as Scalar).range?.[1] ?? 0, nodeEnd(last.value) ?? 0);
    this.insertAfterLine(end, text);
  }

  private insertIntoFlow(map: YAMLMap, added: [string, string | Tree][]): void {
    const entries = added.map(
      ([k, v]) => `${k}: ${typeof v === "string" ? formatScalar(v, Scalar.QUOTE_DOUBLE) : flow(v)}`,
    );
    const [start, end] = map.range ?? [0, 0];
    const last = map.items[map.items.length - 1];
    if (!last) {
      const close = this.text.lastIndexOf("}", end);
      this.replace(start, close + 1, `{ ${entries.join(", ")} }`);
      return;
    }
    const after = Math.max((last.key as Scalar).range?.[1] ?? 0, nodeEnd(last.value) ?? 0);
    this.replace(after, after, `, ${entries.join(", ")}`);
  }

  blockPair(key: string, value: string | Tree, indent: number): string {
    const pad = " ".repeat(indent);
    if (typeof value === "string")
      return `${pad}${key}: ${formatScalar(value, Scalar.QUOTE_DOUBLE)}${this.eol}`;
    if (Object.values(value).every((v) => typeof v === "string"))
      return `${pad}${key}: ${flow(value)}${this.eol}`;
    return `${pad}${key}:${this.eol}${this.blockChildren(value, indent + this.step)}`;
  }

  private blockChildren(tree: Tree, indent: number): string {
    return Object.entries(tree)
      .map(([k, v]) => this.blockPair(k, v, indent))
      .join("");
  }

  appendAtEnd(block: string): void {
    const needsBreak = this.text.length > 0 && !this.text.endsWith("\n");
    this.replace(this.text.length, this.text.length, `${needsBreak ? this.eol : ""}${block}`);
  }

  /** Inserts `block` at the start of the line after the one holding `offset`. */
  private insertAfterLine(offset: number, block: string): void {
    if (offset > 0 && this.text[offset - 1] === "\n") {
      this.replace(offset, offset, block);
      return;
    }
    const newline = this.text.indexOf("\n", offset);
    if (newline < 0) this.appendAtEnd(block);
    else this.replace(newline + 1, newline + 1, block);
  }

  private colonAfter(pair: Pair<Scalar, unknown>): number {
    const colon = this.text.indexOf(":", pair.key.range?.[1] ?? 0);
    return colon < 0 ? (pair.key.range?.[1] ?? 0) : colon;
  }

  private indentAt(offset: number): number {
    return offset - (this.text.lastIndexOf("\n", offset - 1) + 1);
  }

  private replace(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text });
  }

  issue(path: string[], offset: number, message: string): ConfigError {
    const at = this.lines.linePos(offset);
    return new ConfigError([
      {
        file: this.file,
        path: path.join("."),
        message: `${message}; notion-ops setup cannot write the ids there`,
        line: at.line,
        column: at.col,
      },
    ]);
  }

  apply(): string {
    // From the end backwards; inserts at the same offset keep the order they were made in.
    const edits = this.edits
      .map((edit, index) => ({ ...edit, index }))
      .sort((a, b) => b.start - a.start || b.end - a.end || b.index - a.index);
    let result = this.text;
    let floor = Number.POSITIVE_INFINITY;
    for (const edit of edits) {
      if (edit.end > floor) throw new NotionOpsError("internal", "config writer produced overlapping edits");
      result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
      floor = edit.start;
    }
    return result;
  }
}

function flow(tree: Tree): string {
  const entries = Object.entries(tree).map(
    ([k, v]) => `${k}: ${typeof v === "string" ? formatScalar(v, Scalar.QUOTE_DOUBLE) : flow(v)}`,
  );
  return `{ ${entries.join(", ")} }`;
}

/** A string in the scalar style already used at that place (plain only when it stays a string). */
function formatScalar(value: string, style: Scalar["type"]): string {
  if (style === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  if (
    style === Scalar.PLAIN &&
    /^[0-9a-fA-F-]+$/.test(value) &&
    /[a-fA-F-]/.test(value) &&
    !/^-/.test(value)
  ) {
    const parsed = parseDocument(`k: ${value}`).toJS() as { k?: unknown };
    if (parsed.k === value) return value;
  }
  return JSON.stringify(value);
}

function sameId(a: string, b: string): boolean {
  return a.trim().replace(/-/g, "").toLowerCase() === b.trim().replace(/-/g, "").toLowerCase();
}

function nodeStart(node: unknown): number | undefined {
  return (node as { range?: [number, number, number] } | null)?.range?.[0];
}

function nodeEnd(node: unknown): number | undefined {
  return (node as { range?: [number, number, number] } | null)?.range?.[1];
}

/** The indentation step the file uses (the first nested key's indent), default 2. */
function detectIndentStep(text: string): number {
  const match = /^[^\s#][^\n]*:[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*( +)[^\s#-]/m.exec(text);
  const width = match?.[1]?.length ?? 2;
  return width >= 1 && width <= 8 ? width : 2;
}

/** The new text must hold exactly the old data with the new ids set; anything else is a bug. */
function verify(before: string, after: string, update: NotionIdsUpdate, file: string): void {
  const expected = objectAt((parseDocument(before).toJS() ?? {}) as Record<string, unknown>, "notion");
  const root = expected.parent;
  const notion = expected.child;
  if (
    update.parentPage &&
    !(typeof notion.parentPage === "string" && sameId(notion.parentPage, update.parentPage))
  ) {
    notion.parentPage = update.parentPage;
  }
  for (const key of DATABASE_KEYS) {
    const ref = update.databases[key];
    if (!ref) continue;
    const entry = objectAt(objectAt(notion, "databases").child, key).child;
    for (const field of ["databaseId", "dataSourceId"] as const) {
      const current = entry[field];
      if (!(typeof current === "string" && sameId(current, ref[field]))) entry[field] = ref[field];
    }
  }
  const doc = parseDocument(after);
  if (doc.errors.length > 0 || !isDeepStrictEqual(doc.toJS() ?? {}, root)) {
    throw new NotionOpsError(
      "internal",
      `notion-ops could not update ${file} without changing something else, so it left the file alone. ` +
        "Add the ids printed above under notion.databases by hand.",
    );
  }
}

/** `parent[key]` as an object, replacing a missing or null value with a new one. */
function objectAt(
  parent: Record<string, unknown>,
  key: string,
): { parent: Record<string, unknown>; child: Record<string, unknown> } {
  const current = parent[key];
  if (isObject(current)) return { parent, child: current };
  const child: Record<string, unknown> = {};
  parent[key] = child;
  return { parent, child };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value);
}
