import type { BlockObjectRequest } from "@notionhq/client";
import { UsageError } from "../../errors.js";
import type { Logger } from "../../log/logger.js";
import { encodeRecord, type PlainValue, type RecordSchema } from "../../notion/codec.js";
import { DATABASES } from "../../schema/databases.js";
import { type BodyClient, rewritePageBody } from "../page-body.js";
import { chunkBlocks } from "./block-chunks.js";
import { RUNBOOK_PROPERTIES } from "./runbook-records.js";

const LABEL = DATABASES.runbooks.title;
const SCHEMA: RecordSchema = Object.fromEntries(
  DATABASES.runbooks.properties.map((p) => [p.name, p.type as RecordSchema[string]]),
);

export interface RewriteRunbookArgs {
  client: BodyClient;
  pageId: string;
  /** The new body (the desired record's `children`). */
  blocks: readonly BlockObjectRequest[];
  /** Plain values to write (the planned update's changes); must include Content Hash. */
  values: Readonly<Record<string, PlainValue>>;
  logger?: Logger;
}

/**
 * Rewrites a changed runbook (see rewritePageBody): erase the body with the changed properties
 * and Content Hash cleared, append the new body, write Content Hash last.
 * Cost: 2 + ⌈blocks / 100⌉ requests (more chunks only for bodies over 1000 elements or 450 KB);
 * an empty body takes one request.
 */
export async function rewriteRunbook(args: RewriteRunbookArgs): Promise<{ requests: number }> {
  const { [RUNBOOK_PROPERTIES.contentHash]: hash, ...others } = args.values;
  if (typeof hash !== "string" || hash === "") {
    throw new UsageError(`rewriteRunbook needs the new "${RUNBOOK_PROPERTIES.contentHash}" among the values`);
  }
  const encode = (values: Readonly<Record<string, PlainValue>>) =>
    encodeRecord(SCHEMA, values, { warn: (w) => args.logger?.warn(`${LABEL}: ${w.message}`) }).properties;
  const requests = await rewritePageBody({
    client: args.client,
    pageId: args.pageId,
    blocks: args.blocks,
    label: LABEL,
    ...(args.logger ? { logger: args.logger } : {}),
    properties: encode(others),
    complete: {
      write: encode({ [RUNBOOK_PROPERTIES.contentHash]: hash }),
      cleared: encode({ [RUNBOOK_PROPERTIES.contentHash]: null }),
    },
  });
  return { requests };
}

/** Requests a runbook body costs: creating a page with it, and rewriting an existing page's. */
export function runbookWriteCost(blocks: readonly BlockObjectRequest[]): { create: number; rewrite: number } {
  const chunks = chunkBlocks(blocks).length;
  return {
    // pages.create carries the first chunk; more chunks mean appends and the deferred hash write.
    create: chunks <= 1 ? 1 : chunks + 1,
    rewrite: chunks === 0 ? 1 : chunks + 2,
  };
}
