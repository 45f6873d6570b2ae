import type { BlockObjectRequest, ListBlockChildrenParameters } from "@notionhq/client";
import { NotionRequestError } from "../errors.js";
import type { Logger } from "../log/logger.js";
import type { NotionClient } from "../notion/client.js";
import type { PropertyWrite } from "../notion/codec.js";
import { paginate } from "../notion/paginate.js";
import { chunkBlocks } from "./runbooks/block-chunks.js";

export type BodyClient = Pick<NotionClient, "pages" | "blocks" | "createKeyed">;

export interface PageBodyWrite {
  client: BodyClient;
  pageId: string;
  blocks: readonly BlockObjectRequest[];
  /** Names the database in messages. */
  label: string;
  logger?: Logger;
}

/**
 * Appends blocks in chunks Notion accepts (≤ 100 blocks, ≤ 1000 elements, ≤ 450 KB a request),
 * after the `existing` top-level blocks the page already has.
 *
 * An append is a create: one that fails ambiguously (5xx, timeout, dropped connection) may have
 * landed, and repeating it blindly would write the chunk twice. So each append is keyed by the
 * page's block count: after an ambiguous failure the page's top-level blocks are counted; as many
 * as before plus the chunk means it landed, as many as before means it did not (and it is sent
 * again); any other count means someone else is writing the page, and the write stops with an
 * error (the body-complete property is not written, so the next run rewrites the body).
 */
export async function appendPageBody(write: PageBodyWrite & { existing: number }): Promise<number> {
  const chunks = chunkBlocks(write.blocks);
  let count = write.existing;
  for (const [index, chunk] of chunks.entries()) {
    const part = `part ${index + 1} of ${chunks.length}`;
    write.logger?.debug(`${write.label}: page ${write.pageId}: appending blocks, ${part}`);
    const before = count;
    await write.client.createKeyed<unknown>({
      kind: "blocks.children.append",
      description: `${part} of the body of page ${write.pageId}`,
      target: { type: "page", id: write.pageId, label: write.label },
      create: (sdk) => sdk.blocks.children.append({ block_id: write.pageId, children: chunk }),
      lookup: async () => {
        const now = await countTopLevelBlocks(write.client, write.pageId, write.label);
        if (now === before + chunk.length) return { landed: true };
        if (now === before) return undefined;
        throw new NotionRequestError(
          `${write.label}: page ${write.pageId} has ${now} blocks after an interrupted append (expected ${before} or ${before + chunk.length}); something else is writing this page, so its body is left to be rewritten next run`,
        );
      },
    });
    count = before + chunk.length;
  }
  return chunks.length;
}

async function countTopLevelBlocks(client: BodyClient, pageId: string, label: string): Promise<number> {
  let count = 0;
  for await (const _ of paginate(
    (args: ListBlockChildrenParameters) => client.blocks.children.list(args, { label }),
    {
      block_id: pageId,
      page_size: 100,
    },
  )) {
    count++;
  }
  return count;
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
  const appended = await appendPageBody({ ...write, existing: 0 });
  await write.client.pages.update(
    { page_id: write.pageId, properties: write.complete.write },
    { label: write.label },
  );
  return appended + 2;
}
