import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Document as YamlDocument,
} from "yaml";

export type KeyPath = readonly PropertyKey[];

export interface Position {
  line: number;
  column: number;
}

/** `["sites", 2, "unifi", "siteId"]` → `sites[2].unifi.siteId`. */
export function formatKeyPath(path: KeyPath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/**
 * Finds where a key path sits in the YAML source. With `key`, points at that key inside the map
 * at `path` (for unknown keys); otherwise at the value, falling back to the deepest ancestor that
 * exists (for missing keys).
 */
export function positionOf(
  document: YamlDocument,
  lineCounter: LineCounter,
  path: KeyPath,
  key?: string,
): Position | undefined {
  let node: Node | null | undefined = document.contents;
  let best: Node | null | undefined = node;
  for (const part of path) {
    const child = childOf(node, part);
    if (!child) break;
    node = child.value ?? child.key;
    best = node;
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
    if (pair && isScalar(pair.key)) best = pair.key;
  }
  const offset = best?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function childOf(node: Node | null | undefined, part: PropertyKey): { key?: Node; value?: Node } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
    if (!pair) return undefined;
    const result: { key?: Node; value?: Node } = {};
    if (isScalar(pair.key)) result.key = pair.key;
    if (pair.value && typeof pair.value === "object") result.value = pair.value as Node;
    return result;
  }
  if (isSeq(node) && typeof part === "number") {
    const item = node.items[part];
    return item && typeof item === "object" ? { value: item as Node } : undefined;
  }
  return undefined;
}
