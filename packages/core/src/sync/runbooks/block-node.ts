import type { BlockObjectRequest } from "@notionhq/client";

/**
 * A block while the converter builds the page: its type, the type's fields (without children)
 * and its children, nested as deep as the Markdown was. `fitToRequestLimits` then makes the tree
 * fit what one Notion request accepts.
 */
export interface BlockNode {
  type: string;
  body: Record<string, unknown>;
  children: BlockNode[];
}

/** Notion's request limits for block children (notion-api.md §1.2). */
export const NOTION_BLOCK_LIMITS = {
  /** Blocks in one children array (per append, and per block's own children). */
  childrenPerArray: 100,
  /** Block elements in one request, nested ones included. */
  elementsPerRequest: 1000,
  /** Bytes of one request body. */
  bytesPerRequest: 500_000,
} as const;

/**
 * What notion-ops allows itself per request and per block, below Notion's limits: 50 KB of the
 * 500 KB are kept for the rest of the body (a create's properties) and JSON framing.
 */
export const BODY_LIMITS = {
  blocksPerRequest: NOTION_BLOCK_LIMITS.childrenPerArray,
  elementsPerRequest: NOTION_BLOCK_LIMITS.elementsPerRequest,
  bytesPerRequest: 450_000,
  /** JSON bytes of one block's own rich text, so several blocks fit in one request. */
  textBytesPerBlock: 150_000,
} as const;

export function toBlockRequest(node: BlockNode): BlockObjectRequest {
  const body =
    node.children.length > 0 ? { ...node.body, children: node.children.map(toBlockRequest) } : node.body;
  return { type: node.type, [node.type]: body } as unknown as BlockObjectRequest;
}

/** Size of `value` as the JSON the SDK sends, in UTF-8 bytes. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), "utf8");
}

/** A block and all blocks nested in it: what Notion counts against 1000 elements per request. */
export function blockElements(block: BlockObjectRequest): number {
  const body = (block as Record<string, unknown>)[(block as { type?: string }).type ?? ""] as
    | { children?: BlockObjectRequest[] }
    | undefined;
  return 1 + (body?.children ?? []).reduce((sum, child) => sum + blockElements(child), 0);
}
