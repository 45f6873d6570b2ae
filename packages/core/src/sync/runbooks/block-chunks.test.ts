import type { BlockObjectRequest } from "@notionhq/client";
import { describe, expect, it } from "vitest";
import { chunkBlocks } from "./block-chunks.js";
import { blockElements, jsonBytes } from "./block-node.js";
import { markdownToBlocks } from "./markdown-to-blocks.js";

const paragraph = (content: string): BlockObjectRequest => ({
  type: "paragraph",
  paragraph: { rich_text: [{ type: "text", text: { content } }] },
});

describe("chunkBlocks", () => {
  it("cuts top-level blocks into chunks of 100", () => {
    const blocks = Array.from({ length: 250 }, (_, i) => paragraph(`p${i}`));
    const chunks = chunkBlocks(blocks);
    expect(chunks.map((c) => c.length)).toEqual([100, 100, 50]);
    expect(chunks.flat()).toEqual(blocks);
  });

  it("keeps nested children within 1000 elements per request", () => {
    const item = `- parent\n${Array.from({ length: 60 }, (_, i) => `  - child ${i}`).join("\n")}\n`;
    const blocks = markdownToBlocks(Array.from({ length: 20 }, () => item).join("\n")).blocks;
    expect(blocks).toHaveLength(20);
    const chunks = chunkBlocks(blocks);
    expect(chunks.map((c) => c.length)).toEqual([16, 4]);
    for (const chunk of chunks) {
      expect(chunk.reduce((n, b) => n + blockElements(b), 0)).toBeLessThanOrEqual(1000);
    }
  });

  it("keeps each request under the byte budget", () => {
    // Three-byte characters: 60,000 of them are 180 KB of JSON per paragraph.
    const blocks = markdownToBlocks(
      Array.from({ length: 5 }, (_, i) => `${i}${"界".repeat(60_000)}`).join("\n\n"),
    ).blocks;
    const chunks = chunkBlocks(blocks);
    expect(chunks.flat()).toEqual(blocks);
    for (const chunk of chunks) expect(jsonBytes(chunk)).toBeLessThanOrEqual(450_000);
    expect(chunks.length).toBeGreaterThan(1);
  });

  it("gives no chunk for an empty body", () => {
    expect(chunkBlocks([])).toEqual([]);
  });
});

describe("fitToRequestLimits via markdownToBlocks", () => {
  it("moves a parent's children to the top level once they pass the byte budget", () => {
    const big = "界".repeat(40_000); // about 120 KB of JSON each
    const md = `- parent\n${Array.from({ length: 6 }, (_, i) => `  - ${i}${big}`).join("\n")}`;
    const blocks = markdownToBlocks(md).blocks;
    for (const block of blocks) expect(jsonBytes(block)).toBeLessThanOrEqual(450_000);
    const nested =
      (blocks[0] as { bulleted_list_item: { children?: unknown[] } }).bulleted_list_item.children ?? [];
    expect(nested.length + blocks.length - 1).toBe(6);
    expect(blocks.length).toBeGreaterThan(1);
  });
});
