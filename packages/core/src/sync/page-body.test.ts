import type { BlockObjectRequest } from "@notionhq/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NotionRequestError } from "../errors.js";
import { startTestWorkspace, type TestWorkspace } from "../schema/test-support/workspace.js";
import { appendPageBody } from "./page-body.js";

const paragraph = (text: string): BlockObjectRequest => ({
  object: "block",
  type: "paragraph",
  paragraph: { rich_text: [{ type: "text", text: { content: text } }] },
});
const blocks = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => paragraph(`line ${from + i}`));

let ws: TestWorkspace;
let pageId: string;

beforeEach(async () => {
  ws = await startTestWorkspace();
  const page = await ws.client.pages.create({
    parent: { type: "page_id", page_id: ws.parentPageId },
    properties: { title: { title: [{ type: "text", text: { content: "Runbook" } }] } },
    children: blocks(0, 100),
  });
  pageId = page.id;
});
afterEach(async () => {
  expect(ws.emulator.internalErrors()).toEqual([]);
  await ws.emulator.stop();
});

const lines = () =>
  ws.emulator.blockChildren(pageId).map((block) => {
    const rich = (block.paragraph as { rich_text: { plain_text: string }[] }).rich_text;
    return rich.map((t) => t.plain_text).join("");
  });
const expected = (count: number) => Array.from({ length: count }, (_, i) => `line ${i}`);

describe("appendPageBody", () => {
  it("appends in chunks of 100 after the blocks the page already has", async () => {
    const parts = await appendPageBody({
      client: ws.client,
      pageId,
      blocks: blocks(100, 150),
      existing: 100,
      label: "Runbook Library",
    });
    expect(parts).toBe(2);
    expect(lines()).toEqual(expected(250));
  });

  it("an append that landed although the answer was a 500 is not sent again", async () => {
    ws.emulator.queueFaults({
      kind: "ambiguous_create",
      outcome: "internal_server_error",
      method: "PATCH",
      path: "/v1/blocks/:block_id/children",
    });
    const mark = ws.mark();
    await appendPageBody({
      client: ws.client,
      pageId,
      blocks: blocks(100, 150),
      existing: 100,
      label: "Runbook Library",
    });
    expect(lines()).toEqual(expected(250));
    const requests = ws.requestsSince(mark);
    expect(requests.filter((r) => r === "PATCH /v1/blocks/:block_id/children")).toHaveLength(2);
    // The lookup: the page's blocks counted (200 after the first part landed: two list pages).
    expect(requests.filter((r) => r === "GET /v1/blocks/:block_id/children")).toHaveLength(2);
  });

  it("an append cut off before Notion processed it (a reset) is sent again, once", async () => {
    ws.emulator.queueFaults({
      kind: "connection_reset",
      method: "PATCH",
      path: "/v1/blocks/:block_id/children",
    });
    await appendPageBody({
      client: ws.client,
      pageId,
      blocks: blocks(100, 50),
      existing: 100,
      label: "Runbook Library",
    });
    expect(lines()).toEqual(expected(150));
  });

  it("stops with an error, writing nothing more, when another writer changed the page meanwhile", async () => {
    ws.emulator.queueFaults({
      kind: "ambiguous_create",
      outcome: "gateway_timeout",
      method: "PATCH",
      path: "/v1/blocks/:block_id/children",
    });
    const client = {
      ...ws.client,
      blocks: {
        children: {
          ...ws.client.blocks.children,
          // Someone appends a block between the failed append and its lookup.
          list: async (...args: Parameters<typeof ws.client.blocks.children.list>) => {
            if (lines().length === 200)
              await ws.client.blocks.children.append({ block_id: pageId, children: [paragraph("theirs")] });
            return ws.client.blocks.children.list(...args);
          },
        },
      },
    };
    const error = await appendPageBody({
      client,
      pageId,
      blocks: blocks(100, 150),
      existing: 100,
      label: "Runbook Library",
    }).catch((e: unknown) => e);
    expect(NotionRequestError.is(error)).toBe(true);
    expect((error as Error).message).toContain(
      "has 201 blocks after an interrupted append (expected 100 or 200)",
    );
    expect(lines()).toHaveLength(201);
  });
});
