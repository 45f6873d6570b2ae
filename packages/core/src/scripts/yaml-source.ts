import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { ConfigIssue } from "../errors.js";

export interface SourcePosition {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** Where each value (and each mapping key) of a YAML document starts, by issue path (`scripts[2].timeout`). */
export interface SourcePositions {
  values: Record<string, SourcePosition>;
  keys: Record<string, SourcePosition>;
}

export interface ParsedYaml {
  data: unknown;
  positions: SourcePositions;
  /** Syntax errors (with positions); `data` is undefined when there are any. */
  issues: ConfigIssue[];
}

export type IssuePath = readonly PropertyKey[];

/** `["scripts", 2, "timeout"]` → `scripts[2].timeout`. */
export function formatIssuePath(path: IssuePath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Parses one YAML document, keeping the position of every node for error messages. */
export function parseYamlWithPositions(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const positions: SourcePositions = { values: {}, keys: {} };
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((error) => ({
      file,
      path: "",
      message: `invalid YAML: ${error.message.split("\n")[0]}`,
      ...at(error.pos[0]),
    }));
    return { data: undefined, positions, issues };
  }
  collectPositions(doc.contents as Node | null, [], positions, at);
  try {
    return { data: doc.toJS({ maxAliasCount: 100 }), positions, issues: [] };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { data: undefined, positions, issues: [{ file, path: "", message: `invalid YAML: ${message}` }] };
  }
}

function collectPositions(
  node: Node | null,
  path: PropertyKey[],
  positions: SourcePositions,
  at: (offset: number) => SourcePosition,
): void {
  if (!node) return;
  if (node.range) positions.values[formatIssuePath(path)] = at(node.range[0]);
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const childPath = [...path, key];
      const keyNode = pair.key as Node | null;
      if (keyNode?.range) positions.keys[formatIssuePath(childPath)] = at(keyNode.range[0]);
      collectPositions(pair.value as Node | null, childPath, positions, at);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      collectPositions(item as Node | null, [...path, index], positions, at);
    });
  }
}

/**
 * The best position for an issue at `path`: the value there, else its key, else the nearest
 * enclosing value (a missing key points at the mapping that lacks it).
 */
export function positionOf(positions: SourcePositions, path: IssuePath): SourcePosition | undefined {
  for (let length = path.length; length >= 0; length--) {
    const key = formatIssuePath(path.slice(0, length));
    const found = positions.values[key] ?? positions.keys[key];
    if (found) return found;
  }
  return undefined;
}
