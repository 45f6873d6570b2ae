import type { Handoff } from "./handoff.js";

/**
 * A handoff as Notion block objects, in the request shape of "append block children". Plain JSON:
 * nothing here talks to Notion. Limits respected (SPEC §8): ≤ 2000 characters per text object,
 * ≤ 100 rich-text items per block (longer text continues in another block of the same kind), and
 * `chunkHandoffBlocks` cuts a list into appends of ≤ 100 blocks and a bounded payload size.
 */
export const MAX_TEXT_CHARS = 2000;
export const MAX_RICH_TEXT_ITEMS = 100;
export const MAX_BLOCKS_PER_APPEND = 100;
/** Well under Notion's 500 KB request limit, leaving room for the request envelope. */
export const MAX_APPEND_BYTES = 400_000;

export interface HandoffRichText {
  type: "text";
  text: { content: string };
  annotations?: { bold?: boolean; code?: boolean };
}

export type HandoffCodeLanguage = "shell" | "plain text";

export type HandoffBlock =
  | { object: "block"; type: "heading_2"; heading_2: { rich_text: HandoffRichText[] } }
  | { object: "block"; type: "paragraph"; paragraph: { rich_text: HandoffRichText[] } }
  | { object: "block"; type: "bulleted_list_item"; bulleted_list_item: { rich_text: HandoffRichText[] } }
  | { object: "block"; type: "code"; code: { rich_text: HandoffRichText[]; language: HandoffCodeLanguage } };

export interface TextSegment {
  text: string;
  bold?: boolean;
  code?: boolean;
}

/** Splits text into ≤ 2000-character pieces (UTF-16 units, never splitting a surrogate pair). */
export function splitText(text: string, maxChars: number = MAX_TEXT_CHARS): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + maxChars, text.length);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

/** Rich-text items for segments, each split at the 2000-character limit. */
export function richText(segments: string | readonly TextSegment[]): HandoffRichText[] {
  const list = typeof segments === "string" ? [{ text: segments }] : segments;
  return list.flatMap((segment) =>
    splitText(segment.text).map((content): HandoffRichText => {
      const annotations = {
        ...(segment.bold ? { bold: true } : {}),
        ...(segment.code ? { code: true } : {}),
      };
      return {
        type: "text",
        text: { content },
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      };
    }),
  );
}

export function heading2(text: string): HandoffBlock[] {
  return groups(richText(text)).map((rich_text) => ({
    object: "block",
    type: "heading_2",
    heading_2: { rich_text },
  }));
}

export function paragraph(segments: string | readonly TextSegment[]): HandoffBlock[] {
  return groups(richText(segments)).map((rich_text) => ({
    object: "block",
    type: "paragraph",
    paragraph: { rich_text },
  }));
}

export function bulletedListItem(segments: string | readonly TextSegment[]): HandoffBlock[] {
  return groups(richText(segments)).map((rich_text) => ({
    object: "block",
    type: "bulleted_list_item",
    bulleted_list_item: { rich_text },
  }));
}

/** One code block per 100 rich-text items (200,000 characters). */
export function codeBlocks(text: string, language: HandoffCodeLanguage): HandoffBlock[] {
  return groups(richText(text)).map((rich_text) => ({
    object: "block",
    type: "code",
    code: { rich_text, language },
  }));
}

/** The handoff as a page body. */
export function handoffToNotionBlocks(handoff: Handoff): HandoffBlock[] {
  const blocks: HandoffBlock[] = [];
  const facts: TextSegment[] = [
    { text: "Status: ", bold: true },
    { text: handoff.status },
    { text: " · Exit code: ", bold: true },
    { text: handoff.exitCode === null ? (handoff.signal ?? "none") : String(handoff.exitCode) },
    { text: " · Duration: ", bold: true },
    { text: handoff.duration },
    { text: " · Started: ", bold: true },
    { text: handoff.started },
  ];
  blocks.push(...paragraph(facts));
  blocks.push(...heading2("Command"), ...codeBlocks(handoff.commandLine, "shell"));

  if (handoff.status === "blocked") {
    blocks.push(...heading2("Blocked by the script policy"));
    for (const match of handoff.blockedBy) {
      blocks.push(
        ...bulletedListItem([
          { text: match.ruleId, code: true },
          { text: ` (line ${match.line}): ${match.description}: ` },
          { text: match.excerpt, code: true },
        ]),
      );
    }
  } else if (handoff.errorLabel) {
    blocks.push(...heading2("Error"));
    blocks.push(...paragraph([{ text: "Class: ", bold: true }, { text: handoff.errorLabel }]));
    if (handoff.evidence)
      blocks.push(
        ...paragraph([
          { text: "Seen in the output: ", bold: true },
          { text: handoff.evidence, code: true },
        ]),
      );
  }

  if (handoff.nextSteps.length > 0) {
    blocks.push(...heading2("Next steps"));
    for (const step of handoff.nextSteps) blocks.push(...bulletedListItem(step));
  }

  if (handoff.status !== "blocked") {
    blocks.push(
      ...heading2(handoff.outputTruncated ? `Output (end of ${handoff.outputTotalBytes} bytes)` : "Output"),
    );
    blocks.push(
      ...(handoff.outputTail ? codeBlocks(handoff.outputTail, "plain text") : paragraph("(no output)")),
    );
  }
  return blocks;
}

/** Cuts blocks into append requests of ≤ 100 blocks and ≤ `maxBytes` of JSON each. */
export function chunkHandoffBlocks(
  blocks: readonly HandoffBlock[],
  options: { maxBlocks?: number; maxBytes?: number } = {},
): HandoffBlock[][] {
  const maxBlocks = options.maxBlocks ?? MAX_BLOCKS_PER_APPEND;
  const maxBytes = options.maxBytes ?? MAX_APPEND_BYTES;
  const batches: HandoffBlock[][] = [];
  let current: HandoffBlock[] = [];
  let bytes = 0;
  for (const block of blocks) {
    const size = Buffer.byteLength(JSON.stringify(block)) + 1;
    if (current.length > 0 && (current.length >= maxBlocks || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(block);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Rich-text arrays of ≤ 100 items, each small enough for one append request on its own. */
function groups(items: HandoffRichText[]): HandoffRichText[][] {
  const out: HandoffRichText[][] = [];
  let current: HandoffRichText[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item)) + 1;
    if (
      current.length > 0 &&
      (current.length >= MAX_RICH_TEXT_ITEMS || bytes + size > MAX_APPEND_BYTES - 1000)
    ) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  out.push(current);
  return out;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
