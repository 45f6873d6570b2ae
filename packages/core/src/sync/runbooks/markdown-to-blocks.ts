import type { BlockObjectRequest } from "@notionhq/client";
import { Lexer, type MarkedToken, type Token, type Tokens } from "marked";
import { chunkText, RICH_TEXT_MAX_CHARS, RICH_TEXT_MAX_ITEMS } from "../../notion/rich-text.js";
import { type BlockNode, BODY_LIMITS, jsonBytes, toBlockRequest } from "./block-node.js";
import { codeLanguage } from "./code-language.js";
import { fitToRequestLimits } from "./fit-to-request-limits.js";
import { decodeHtmlEntities } from "./html-entities.js";
import {
  type InlineContext,
  inlineRuns,
  isImageRun,
  plainText,
  richText,
  type TextItem,
  type TextRun,
  textItem,
} from "./inline-text.js";

export interface MarkdownToBlocksOptions {
  /** The file's repo path (`runbooks/network/reset-ap.md`), to resolve relative links. */
  sourcePath?: string;
}

export interface MarkdownConversion {
  /** Top-level blocks, each of which (with its children) fits in one request. */
  blocks: BlockObjectRequest[];
  /** The text of the first level-1 heading, if any (a runbook's fallback title). */
  firstHeading: string | undefined;
  /** Lossy changes the conversion had to make, for the log. */
  warnings: string[];
}

/** GitHub's alert syntax (`> [!WARNING]`) → a callout. */
const ALERTS: Readonly<Record<string, { emoji: string; color: string }>> = {
  NOTE: { emoji: "📝", color: "blue_background" },
  TIP: { emoji: "💡", color: "green_background" },
  IMPORTANT: { emoji: "❗", color: "purple_background" },
  WARNING: { emoji: "⚠️", color: "yellow_background" },
  CAUTION: { emoji: "🛑", color: "red_background" },
};

/** Code text per block: 100 rich text objects of at least 1999 characters each (2000 unless a pair was kept whole). */
const CODE_CHARS_PER_BLOCK = RICH_TEXT_MAX_ITEMS * (RICH_TEXT_MAX_CHARS - 1);

/**
 * GitHub-flavoured Markdown → Notion block requests: headings, paragraphs with inline styles and
 * links, lists (nested, numbered, to-do), quotes and GitHub alerts (callouts), fenced code,
 * tables, dividers and images with http(s) URLs. Every rich text object stays within 2000
 * characters and every block within 100 of them; the result is shaped to fit Notion's
 * per-request limits (see fitToRequestLimits).
 */
export function markdownToBlocks(
  markdown: string,
  options: MarkdownToBlocksOptions = {},
): MarkdownConversion {
  const warnings: string[] = [];
  const tokens = new Lexer({ gfm: true }).lex(markdown.toWellFormed());
  const converter = new Converter(options.sourcePath, (message) => {
    if (!warnings.includes(message)) warnings.push(message);
  });
  const nodes = converter.blocks(tokens);
  return {
    blocks: fitToRequestLimits(nodes).map(toBlockRequest),
    firstHeading: converter.firstHeading,
    warnings,
  };
}

class Converter {
  firstHeading: string | undefined;

  constructor(
    private readonly sourcePath: string | undefined,
    private readonly warn: (message: string) => void,
  ) {}

  private context(imageBlocks: boolean): InlineContext {
    return {
      imageBlocks,
      warn: this.warn,
      ...(this.sourcePath === undefined ? {} : { sourcePath: this.sourcePath }),
    };
  }

  /** Inline tokens → text runs, images becoming links (for text that cannot hold an image block). */
  private textRuns(tokens: readonly Token[]): TextRun[] {
    return inlineRuns(tokens, this.context(false)).filter((r): r is TextRun => !isImageRun(r));
  }

  blocks(tokens: readonly Token[]): BlockNode[] {
    return tokens.flatMap((token) => this.block(token));
  }

  private block(any: Token): BlockNode[] {
    const token = any as MarkedToken;
    const generic = any as Tokens.Generic;
    switch (token.type) {
      case "heading":
        return this.heading(token);
      case "paragraph":
        return this.paragraph(token.tokens);
      case "text":
        return this.paragraph(
          token.tokens ?? [{ type: "text", raw: token.text, text: token.text } as Tokens.Text],
        );
      case "list":
        return token.items.flatMap((item) => this.listItem(item, token.ordered));
      case "blockquote":
        return this.quote(token);
      case "code":
        return this.code(token);
      case "table":
        return [this.table(token)];
      case "hr":
        return [{ type: "divider", body: {}, children: [] }];
      case "html":
        return this.html(token.text);
      case "space":
      case "def":
      case "checkbox":
        return [];
      default: {
        const text = typeof generic.text === "string" ? generic.text.trim() : "";
        return text ? this.textBlocks("paragraph", richText([{ text }])) : [];
      }
    }
  }

  private heading(token: Tokens.Heading): BlockNode[] {
    const runs = this.textRuns(token.tokens);
    if (token.depth === 1 && this.firstHeading === undefined) {
      const title = plainText(runs).trim();
      if (title) this.firstHeading = title;
    }
    const type = `heading_${Math.min(token.depth, 3)}`;
    const [first, ...rest] = this.textBlocks(type, richText(runs));
    // A heading too long for one block continues in paragraphs (headings cannot have children).
    return first ? [first, ...rest.map((node) => ({ ...node, type: "paragraph" }))] : [];
  }

  /** A paragraph; an http(s) image in it becomes an image block, splitting the text around it. */
  private paragraph(tokens: readonly Token[]): BlockNode[] {
    const nodes: BlockNode[] = [];
    let pending: TextRun[] = [];
    const flushText = () => {
      if (plainText(pending).trim() !== "")
        nodes.push(...this.textBlocks("paragraph", richText(trimRuns(pending))));
      pending = [];
    };
    for (const run of inlineRuns(tokens, this.context(true))) {
      if (!isImageRun(run)) {
        pending.push(run);
        continue;
      }
      flushText();
      const caption = run.image.alt ? richText([{ text: run.image.alt }]).slice(0, RICH_TEXT_MAX_ITEMS) : [];
      nodes.push({
        type: "image",
        body: {
          type: "external",
          external: { url: run.image.url },
          ...(caption.length > 0 ? { caption } : {}),
        },
        children: [],
      });
    }
    flushText();
    return nodes;
  }

  private listItem(item: Tokens.ListItem, ordered: boolean): BlockNode[] {
    const content = item.tokens.filter((t) => t.type !== "checkbox");
    const first = content[0];
    const leads = first !== undefined && (first.type === "text" || first.type === "paragraph");
    const lead = leads ? (first as Tokens.Text | Tokens.Paragraph) : undefined;
    const runs = lead
      ? this.textRuns(lead.tokens ?? [{ type: "text", raw: lead.text, text: lead.text }])
      : [];
    const type = item.task ? "to_do" : ordered ? "numbered_list_item" : "bulleted_list_item";
    const extra = item.task ? { checked: item.checked === true } : {};
    const nodes = this.textBlocks(type, richText(runs), extra);
    const children = this.blocks(leads ? content.slice(1) : content);
    const last = nodes.at(-1) as BlockNode;
    last.children = children;
    return nodes;
  }

  private quote(token: Tokens.Blockquote): BlockNode[] {
    const inner = token.tokens.filter((t) => t.type !== "space");
    const first = inner[0];
    let leadTokens: Token[] = [];
    let rest = inner;
    if (first?.type === "paragraph") {
      leadTokens = (first as Tokens.Paragraph).tokens;
      rest = inner.slice(1);
    }
    const alert = alertOf(leadTokens);
    const runs = this.textRuns(alert ? alert.tokens : leadTokens);
    const nodes = alert
      ? this.textBlocks("callout", richText(trimRuns(runs)), {
          icon: { type: "emoji", emoji: alert.style.emoji },
          color: alert.style.color,
        })
      : this.textBlocks("quote", richText(runs));
    (nodes.at(-1) as BlockNode).children = this.blocks(rest);
    return nodes;
  }

  private code(token: Tokens.Code): BlockNode[] {
    const language = codeLanguage(token.lang);
    const text = token.codeBlockStyle === "indented" ? token.text.replace(/\n+$/, "") : token.text;
    return splitCode(text).map((part) => ({
      type: "code",
      body: { rich_text: chunkText(part, RICH_TEXT_MAX_CHARS).map((c) => textItem(c)), language },
      children: [],
    }));
  }

  private table(token: Tokens.Table): BlockNode {
    const width = Math.max(1, token.header.length);
    const row = (cells: readonly Tokens.TableCell[]): BlockNode => {
      const richCells = Array.from({ length: width }, (_, i) => {
        const cell = cells[i];
        const items = cell ? richText(this.textRuns(cell.tokens)) : [];
        if (items.length > RICH_TEXT_MAX_ITEMS) {
          this.warn(
            `a table cell of ${plainText(this.textRuns(cell?.tokens ?? [])).length} characters was cut to fit Notion's limit`,
          );
          return items.slice(0, RICH_TEXT_MAX_ITEMS);
        }
        return items;
      });
      return { type: "table_row", body: { cells: richCells }, children: [] };
    };
    return {
      type: "table",
      body: { table_width: width, has_column_header: true, has_row_header: false },
      children: [row(token.header), ...token.rows.map(row)],
    };
  }

  /** Raw HTML blocks: comments vanish; otherwise the text without tags, so nothing is lost. */
  private html(html: string): BlockNode[] {
    const text = decodeHtmlEntities(
      html.replace(/<!--[\s\S]*?-->/g, "").replace(/<\/?[a-zA-Z][^<>]*>/g, ""),
    ).trim();
    return text ? this.textBlocks("paragraph", richText([{ text }])) : [];
  }

  /**
   * One block of `type`, or several when the text needs more than 100 rich text objects or more
   * bytes than one block should carry; empty text gives one empty block.
   */
  private textBlocks(type: string, items: TextItem[], extra: Record<string, unknown> = {}): BlockNode[] {
    return groupItems(items).map((group) => ({ type, body: { rich_text: group, ...extra }, children: [] }));
  }
}

/** Rich text objects → groups of at most 100 objects and the per-block byte budget. */
function groupItems(items: readonly TextItem[]): TextItem[][] {
  const groups: TextItem[][] = [[]];
  let bytes = 0;
  for (const item of items) {
    const size = jsonBytes(item) + 1;
    const current = groups.at(-1) as TextItem[];
    if (
      current.length > 0 &&
      (current.length >= RICH_TEXT_MAX_ITEMS || bytes + size > BODY_LIMITS.textBytesPerBlock)
    ) {
      groups.push([item]);
      bytes = size;
    } else {
      current.push(item);
      bytes += size;
    }
  }
  return groups;
}

/**
 * Code text → the text of each code block: as many whole lines as fit in 100 rich text objects
 * and the per-block byte budget (a longer single line is cut).
 */
function splitCode(text: string): string[] {
  const parts: string[] = [];
  let current = "";
  let bytes = 0;
  const push = () => {
    parts.push(current);
    current = "";
    bytes = 0;
  };
  for (const line of text.match(/[^\n]*\n|[^\n]+$/g) ?? [""]) {
    for (const piece of line.length > CODE_CHARS_PER_BLOCK ? chunkText(line, CODE_CHARS_PER_BLOCK) : [line]) {
      const size = jsonBytes(piece) - 2;
      if (
        current !== "" &&
        (current.length + piece.length > CODE_CHARS_PER_BLOCK || bytes + size > BODY_LIMITS.textBytesPerBlock)
      ) {
        push();
      }
      current += piece;
      bytes += size;
    }
  }
  if (current !== "" || parts.length === 0) push();
  return parts;
}

/** Leading and trailing white space of a paragraph, which Markdown does not show. */
function trimRuns(runs: readonly TextRun[]): TextRun[] {
  const out = runs.map((r) => ({ ...r }));
  const first = out[0];
  if (first && !first.code) first.text = first.text.replace(/^\s+/, "");
  const last = out.at(-1);
  if (last && !last.code) last.text = last.text.replace(/\s+$/, "");
  return out.filter((r) => r.text !== "");
}

function alertOf(
  tokens: readonly Token[],
): { style: { emoji: string; color: string }; tokens: Token[] } | undefined {
  const first = tokens[0];
  if (first?.type !== "text" || typeof first.text !== "string") return undefined;
  const match = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(?:\n|$)/i.exec(first.text);
  const style = match ? ALERTS[(match[1] as string).toUpperCase()] : undefined;
  if (!match || !style) return undefined;
  const remainder = first.text.slice(match[0].length);
  const head: Token[] = remainder
    ? [{ ...first, text: remainder, raw: remainder, tokens: undefined } as Token]
    : [];
  return { style, tokens: [...head, ...tokens.slice(1)] };
}
