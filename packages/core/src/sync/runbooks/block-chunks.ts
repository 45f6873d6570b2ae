import type { BlockObjectRequest } from "@notionhq/client";
import { BODY_LIMITS, blockElements, jsonBytes } from "./block-node.js";

export interface ChunkLimits {
  blocksPerRequest: number;
  elementsPerRequest: number;
  bytesPerRequest: number;
}

/**
 * Groups top-level blocks, in order, into request-sized chunks: at most 100 blocks, 1000 block
 * elements (children included) and 450 KB each. The first chunk can go with `pages.create`, the
 * others are one `blocks.children.append` each. A block too big on its own gets a chunk to itself
 * (markdownToBlocks never makes one).
 */
export function chunkBlocks(
  blocks: readonly BlockObjectRequest[],
  limits: ChunkLimits = BODY_LIMITS,
): BlockObjectRequest[][] {
  const chunks: BlockObjectRequest[][] = [];
  let current: BlockObjectRequest[] = [];
  let elements = 0;
  let bytes = 2;
  for (const block of blocks) {
    const blockCount = blockElements(block);
    const blockBytes = jsonBytes(block) + 1;
    const full =
      current.length >= limits.blocksPerRequest ||
      elements + blockCount > limits.elementsPerRequest ||
      bytes + blockBytes > limits.bytesPerRequest;
    if (current.length > 0 && full) {
      chunks.push(current);
      current = [];
      elements = 0;
      bytes = 2;
    }
    current.push(block);
    elements += blockCount;
    bytes += blockBytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
