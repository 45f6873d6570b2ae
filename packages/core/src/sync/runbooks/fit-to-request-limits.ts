import { type BlockNode, BODY_LIMITS, jsonBytes, toBlockRequest } from "./block-node.js";

/**
 * Reshapes a converted page so that every top-level block, with its children, can be sent in one
 * request (Notion accepts two levels of nesting, 100 children per array, 1000 elements and 500 KB
 * per request):
 * - blocks nested deeper than the second level move up to the second level, in document order,
 *   right after their parent (a third-level list item becomes a second-level one);
 * - a table below the top level (a table in a list item) moves to the top level, and so does
 *   everything after it in the same parent, to keep the order;
 * - children beyond 100 (or beyond the byte budget) follow their parent at the top level;
 * - a table with more than 100 rows (or too many bytes) becomes several tables, each repeating
 *   the header row.
 */
export function fitToRequestLimits(nodes: readonly BlockNode[]): BlockNode[] {
  return nodes.flatMap(fitTopLevel);
}

function fitTopLevel(node: BlockNode): BlockNode[] {
  if (node.type === "table") return splitTable(node);
  const descendants = node.children.flatMap(flattenBelowTop);
  const kept: BlockNode[] = [];
  let bytes = nodeBytes({ ...node, children: [] }) + CHILDREN_FRAME_BYTES;
  let index = 0;
  for (; index < descendants.length; index++) {
    const child = descendants[index] as BlockNode;
    if (child.type === "table") break;
    const size = nodeBytes(child) + 1;
    if (kept.length >= BODY_LIMITS.blocksPerRequest || bytes + size > BODY_LIMITS.bytesPerRequest) break;
    kept.push(child);
    bytes += size;
  }
  const moved = descendants
    .slice(index)
    .flatMap((child) => (child.type === "table" ? splitTable(child) : [child]));
  return [{ ...node, children: kept }, ...moved];
}

/** A block below the top level and its descendants as a flat, ordered list (tables keep their rows). */
function flattenBelowTop(node: BlockNode): BlockNode[] {
  if (node.type === "table") return [node];
  return [{ ...node, children: [] }, ...node.children.flatMap(flattenBelowTop)];
}

function splitTable(table: BlockNode): BlockNode[] {
  const hasHeader = table.body.has_column_header === true;
  const [first, ...others] = table.children;
  const header = hasHeader ? first : undefined;
  const rows = hasHeader ? others : table.children;
  const baseBytes =
    nodeBytes({ ...table, children: [] }) + CHILDREN_FRAME_BYTES + (header ? nodeBytes(header) + 1 : 0);
  const tables: BlockNode[] = [];
  let current: BlockNode[] = [];
  let bytes = baseBytes;
  const flush = () => {
    tables.push({ ...table, children: header ? [header, ...current] : current });
    current = [];
    bytes = baseBytes;
  };
  for (const row of rows) {
    const size = nodeBytes(row) + 1;
    const count = current.length + (header ? 1 : 0);
    if (
      current.length > 0 &&
      (count >= BODY_LIMITS.blocksPerRequest || bytes + size > BODY_LIMITS.bytesPerRequest)
    )
      flush();
    current.push(row);
    bytes += size;
  }
  if (current.length > 0 || tables.length === 0) flush();
  return tables;
}

/** `,"children":[]` around a block's children. */
const CHILDREN_FRAME_BYTES = 16;

function nodeBytes(node: BlockNode): number {
  return jsonBytes(toBlockRequest(node));
}
