import { describe, expect, it } from "vitest";
import { classifyScriptFailure } from "./error-classifier.js";
import { buildHandoff } from "./handoff.js";
import {
  chunkHandoffBlocks,
  codeBlocks,
  type HandoffBlock,
  handoffToNotionBlocks,
  MAX_APPEND_BYTES,
  richText,
  splitText,
} from "./handoff-blocks.js";
import { needsHandoff, type ScriptRunResult } from "./run-result.js";

function result(overrides: Partial<ScriptRunResult> = {}): ScriptRunResult {
  const output = overrides.output?.text ?? "fetching\ncurl: (6) Could not resolve host: api.example.com\n";
  return {
    index: 0,
    script: "scripts/cert-expiry.sh",
    name: "scripts/cert-expiry.sh",
    status: "failed",
    exitCode: 6,
    signal: null,
    started: new Date("2026-03-01T06:00:00Z"),
    finished: new Date("2026-03-01T06:00:03.200Z"),
    durationMs: 3200,
    contentHash: "ab".repeat(32),
    interpreter: "bash",
    commandLine: "bash scripts/cert-expiry.sh --token 'tok_live_123456'",
    timeoutSeconds: 600,
    output: { text: output, totalBytes: Buffer.byteLength(output), omittedBytes: 0 },
    blockedBy: [],
    failure: classifyScriptFailure({
      timedOut: false,
      exitCode: 6,
      output,
      script: "scripts/cert-expiry.sh",
    }),
    ...overrides,
  };
}

const textOf = (block: HandoffBlock): string => {
  const payload = (block as unknown as Record<string, { rich_text: { text: { content: string } }[] }>)[
    block.type
  ]!;
  return payload.rich_text.map((item) => item.text.content).join("");
};

describe("handoff", () => {
  it("builds a plain, masked structure for a failed run", () => {
    const handoff = buildHandoff(result(), { mask: (t) => t.replaceAll("tok_live_123456", "***") });
    expect(handoff).toEqual({
      script: "scripts/cert-expiry.sh",
      name: "scripts/cert-expiry.sh",
      status: "failed",
      commandLine: "bash scripts/cert-expiry.sh --token '***'",
      exitCode: 6,
      signal: null,
      durationMs: 3200,
      duration: "3.2 s",
      started: "2026-03-01T06:00:00.000Z",
      errorClass: "network",
      errorLabel: "network",
      evidence: "curl: (6) Could not resolve host: api.example.com",
      blockedBy: [],
      nextSteps: expect.arrayContaining([expect.stringContaining("reachable from the runner")]),
      outputTail: "fetching\ncurl: (6) Could not resolve host: api.example.com\n",
      outputTotalBytes: 59,
      outputTruncated: false,
    });
  });

  it("keeps only the tail of long output, from a line start", () => {
    const text = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join("\n");
    const handoff = buildHandoff(result({ output: { text, totalBytes: text.length, omittedBytes: 0 } }), {
      tailChars: 100,
    });
    expect(handoff.outputTruncated).toBe(true);
    expect(handoff.outputTail.length).toBeLessThanOrEqual(100);
    expect(handoff.outputTail.startsWith("line ")).toBe(true);
    expect(handoff.outputTail.endsWith("line 999")).toBe(true);
  });

  it("explains a blocked run by rule and line, with the allowForbidden escape hatch", () => {
    const handoff = buildHandoff(
      result({
        status: "blocked",
        exitCode: null,
        durationMs: 0,
        output: { text: "", totalBytes: 0, omittedBytes: 0 },
        failure: undefined,
        blockedBy: [
          {
            ruleId: "pipe-to-shell",
            description: "Downloaded code piped into a shell",
            line: 4,
            column: 1,
            excerpt: "curl -s https://x.test | sh",
          },
        ],
      }),
    );
    expect(handoff.errorClass).toBeNull();
    expect(handoff.nextSteps).toEqual([
      "Line 4 matches rule pipe-to-shell (Downloaded code piped into a shell): remove or rewrite it.",
      "If it is intended, allow it for this entry only: `allowForbidden: [pipe-to-shell]` in the manifest.",
    ]);
    const blocks = handoffToNotionBlocks(handoff);
    expect(blocks.map((b) => b.type)).toEqual([
      "paragraph",
      "heading_2",
      "code",
      "heading_2",
      "bulleted_list_item",
      "heading_2",
      "bulleted_list_item",
      "bulleted_list_item",
    ]);
    expect(textOf(blocks[4]!)).toBe(
      "pipe-to-shell (line 4): Downloaded code piped into a shell: curl -s https://x.test | sh",
    );
  });

  it("renders Notion blocks in the request shape: facts, command, error, next steps, output", () => {
    const blocks = handoffToNotionBlocks(buildHandoff(result()));
    expect(blocks[0]).toEqual({
      object: "block",
      type: "paragraph",
      paragraph: {
        rich_text: [
          { type: "text", text: { content: "Status: " }, annotations: { bold: true } },
          { type: "text", text: { content: "failed" } },
          { type: "text", text: { content: " · Exit code: " }, annotations: { bold: true } },
          { type: "text", text: { content: "6" } },
          { type: "text", text: { content: " · Duration: " }, annotations: { bold: true } },
          { type: "text", text: { content: "3.2 s" } },
          { type: "text", text: { content: " · Started: " }, annotations: { bold: true } },
          { type: "text", text: { content: "2026-03-01T06:00:00.000Z" } },
        ],
      },
    });
    expect(blocks[1]).toEqual({
      object: "block",
      type: "heading_2",
      heading_2: { rich_text: [{ type: "text", text: { content: "Command" } }] },
    });
    expect(blocks[2]).toEqual({
      object: "block",
      type: "code",
      code: {
        language: "shell",
        rich_text: [
          { type: "text", text: { content: "bash scripts/cert-expiry.sh --token 'tok_live_123456'" } },
        ],
      },
    });
    expect(blocks.map((b) => (b.type === "heading_2" ? textOf(b) : b.type))).toEqual([
      "paragraph",
      "Command",
      "code",
      "Error",
      "paragraph",
      "paragraph",
      "Next steps",
      "bulleted_list_item",
      "bulleted_list_item",
      "bulleted_list_item",
      "Output",
      "code",
    ]);
    const output = blocks.at(-1)!;
    expect(output.type === "code" && output.code.language).toBe("plain text");
    expect(textOf(output)).toContain("Could not resolve host");
  });

  it("says so when there was no output", () => {
    const blocks = handoffToNotionBlocks(
      buildHandoff(result({ output: { text: "", totalBytes: 0, omittedBytes: 0 } })),
    );
    expect(textOf(blocks.at(-1)!)).toBe("(no output)");
  });

  it("chunks text at 2000 characters without splitting surrogate pairs", () => {
    expect(splitText("a".repeat(4001)).map((p) => p.length)).toEqual([2000, 2000, 1]);
    const emoji = `${"a".repeat(1999)}😀b`;
    const pieces = splitText(emoji);
    expect(pieces.map((p) => p.length)).toEqual([1999, 3]);
    expect(pieces.join("")).toBe(emoji);
    expect(richText("x".repeat(2500)).map((item) => item.text.content.length)).toEqual([2000, 500]);
  });

  it("puts at most 100 rich-text items in a block and continues in the next", () => {
    const text = "z".repeat(2000 * 250 + 7);
    const blocks = codeBlocks(text, "plain text");
    const counts = blocks.map((b) => (b.type === "code" ? b.code.rich_text.length : -1));
    expect(counts).toEqual([100, 100, 51]);
    for (const block of blocks) {
      if (block.type !== "code") throw new Error("expected code");
      for (const item of block.code.rich_text) expect(item.text.content.length).toBeLessThanOrEqual(2000);
    }
    expect(blocks.map(textOf).join("")).toBe(text);
  });

  it("chunks a long handoff into appends of at most 100 blocks and bounded size", () => {
    const handoff = buildHandoff(result(), { tailChars: 1_000_000 });
    const manySteps = { ...handoff, nextSteps: Array.from({ length: 250 }, (_, i) => `step ${i}`) };
    const blocks = handoffToNotionBlocks(manySteps);
    const batches = chunkHandoffBlocks(blocks);
    expect(batches.map((b) => b.length)).toEqual([100, 100, blocks.length - 200]);
    expect(batches.flat()).toEqual(blocks);

    const big = handoffToNotionBlocks({ ...handoff, outputTail: "é".repeat(2000 * 300) });
    const bigBatches = chunkHandoffBlocks(big);
    for (const batch of bigBatches) {
      expect(batch.length).toBeLessThanOrEqual(100);
      expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThanOrEqual(MAX_APPEND_BYTES + 200);
    }
    expect(bigBatches.flat()).toEqual(big);
    expect(bigBatches.length).toBeGreaterThan(1);
  });

  it("only failed, timed-out and blocked runs need a handoff", () => {
    expect(
      ["success", "failed", "timeout", "blocked", "skipped"].map((status) =>
        needsHandoff({ status } as ScriptRunResult),
      ),
    ).toEqual([false, true, true, true, false]);
  });
});
