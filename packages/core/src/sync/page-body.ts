import type { BlockObjectRequest } from "@notionhq/client";
import type { Logger } from "../log/logger.js";
import type { NotionClient } from "../notion/client.js";
import type { PropertyWrite } from "../notion/codec.js";
import { chunkBlocks } from "./runbooks/block-chunks.js";

export type BodyClient = Pick<NotionClient, "pages" | "blocks">;

export interface PageBodyWrite {
  client: BodyClient;
  pageId: string;
  blocks: readonly BlockObjectRequest[];
  /** Names the database in messages. */
  label: string;
  logger?: Logger;
}

/** Appends blocks in chunks Notion accepts (≤ 100 blocks, ≤ 1000 elements, ≤ 450 KB a request). */
export async function appendPageBody(write: PageBodyWrite): Promise<number> {
  const chunks = chunkBlocks(write.blocks);
  for (const [index, chunk] of chunks.entries()) {
    write.logger?.debug(
      `${write.label}: page ${write.pageId}: appending blocks, part ${index + 1} of ${chunks.length}`,
    );
    await write.client.blocks.children.append(
      { block_id: write.pageId, children: chunk },
      { label: write.label },
    );
  }
  return chunks.length;
}

/**
 * Replaces a page's body so that an interruption is redone by the next run:
 * 1. `pages.update` with `erase_content: true`, the changed properties, and the body-complete
 *    property cleared (an empty value never matches, so a half-written body is rewritten);
 * 2. one append per chunk of the new body;
 * 3. `pages.update` writing the body-complete property, last.
 * An empty body takes one request: the erase carries every property.
 */
export async function rewritePageBody(
  write: PageBodyWrite & {
    properties: Record<string, PropertyWrite>;
    /** The body-complete property's write (e.g. the Content Hash), and its cleared form. */
    complete: { write: Record<string, PropertyWrite>; cleared: Record<string, PropertyWrite> };
  },
): Promise<number> {
  const erase = (properties: Record<string, PropertyWrite>) =>
    write.client.pages.update(
      { page_id: write.pageId, erase_content: true, properties },
      { label: write.label },
    );
  if (write.blocks.length === 0) {
    await erase({ ...write.properties, ...write.complete.write });
    return 1;
  }
  await erase({ ...write.properties, ...write.complete.cleared });
  const appended = await appendPageBody(write);
  await write.client.pages.update(
    { page_id: write.pageId, properties: write.complete.write },
    { label: write.label },
  );
  return appended + 2;
}
