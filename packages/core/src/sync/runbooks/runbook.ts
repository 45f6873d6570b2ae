import { createHash } from "node:crypto";
import { posix } from "node:path";
import type { BlockObjectRequest } from "@notionhq/client";
import { parseFrontMatter } from "./front-matter.js";
import { markdownToBlocks } from "./markdown-to-blocks.js";

/** A runbook file read, parsed and converted: everything its Notion page is made from. */
export interface Runbook {
  /** Repo path, the Runbook Key. */
  key: string;
  title: string;
  category: string | null;
  tags: string[];
  /** sha256 of the file's exact bytes, hex. */
  contentHash: string;
  blocks: BlockObjectRequest[];
  /** Lossy changes made converting the body. */
  warnings: string[];
}

export interface RunbookProblem {
  key: string;
  message: string;
  /** 1-based line in the file, when known. */
  line?: number;
}

export type ParsedRunbook = { ok: true; runbook: Runbook } | { ok: false; problem: RunbookProblem };

export function contentHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * One file → a runbook. The title is the front matter's `title`, else the first `# heading`,
 * else the file name without `.md`.
 */
export function parseRunbook(file: { key: string; bytes: Uint8Array; text: string }): ParsedRunbook {
  const front = parseFrontMatter(file.text);
  if (!front.ok) return { ok: false, problem: { key: file.key, ...front.problem } };
  const conversion = markdownToBlocks(front.body, { sourcePath: file.key });
  const title = front.data.title ?? conversion.firstHeading ?? posix.basename(file.key).replace(/\.md$/i, "");
  return {
    ok: true,
    runbook: {
      key: file.key,
      title,
      category: front.data.category,
      tags: front.data.tags,
      contentHash: contentHash(file.bytes),
      blocks: conversion.blocks,
      warnings: conversion.warnings,
    },
  };
}
