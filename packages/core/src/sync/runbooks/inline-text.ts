import { posix } from "node:path";
import type { MarkedToken, Token, Tokens } from "marked";
import { URL_MAX_CHARS } from "../../notion/codec.js";
import { chunkText, RICH_TEXT_MAX_CHARS } from "../../notion/rich-text.js";
import { decodeHtmlEntities } from "./html-entities.js";

export interface TextStyle {
  bold?: true;
  italic?: true;
  strikethrough?: true;
  code?: true;
  /** An absolute http(s) URL of at most 2000 characters. */
  link?: string;
}

export interface TextRun extends TextStyle {
  text: string;
}

/** An image with an absolute http(s) URL, which becomes an image block where the text allows. */
export interface ImageRun {
  image: { url: string; alt: string };
}

export type InlineRun = TextRun | ImageRun;

/** A rich text object as notion-ops sends it: only the annotations that are on, a link when there is one. */
export interface TextItem {
  type: "text";
  text: { content: string; link?: { url: string } };
  annotations?: { bold?: true; italic?: true; strikethrough?: true; code?: true };
}

export interface InlineContext {
  /** The file's repo path, to resolve relative links and images (`../x.md` → `runbooks/x.md`). */
  sourcePath?: string;
  /** True where an image may become its own block (paragraphs); elsewhere images become links. */
  imageBlocks: boolean;
  warn(message: string): void;
}

export function isImageRun(run: InlineRun): run is ImageRun {
  return "image" in run;
}

/** marked's inline tokens → runs of styled text (and images, where `ctx.imageBlocks`). */
export function inlineRuns(tokens: readonly Token[], ctx: InlineContext, style: TextStyle = {}): InlineRun[] {
  const runs: InlineRun[] = [];
  const text = (t: string, s: TextStyle = style) => {
    if (t !== "") runs.push({ ...s, text: t });
  };
  for (const any of tokens) {
    const token = any as MarkedToken;
    const generic = any as Tokens.Generic;
    switch (token.type) {
      case "text":
        if (token.tokens && token.tokens.length > 0) {
          runs.push(...inlineRuns(token.tokens, ctx, style));
        } else {
          const raw = token.text.replace(/\n/g, " ");
          text(token.escaped === true ? raw : decodeHtmlEntities(raw));
        }
        break;
      case "escape":
        text(token.text);
        break;
      case "strong":
        runs.push(...inlineRuns(token.tokens, ctx, { ...style, bold: true }));
        break;
      case "em":
        runs.push(...inlineRuns(token.tokens, ctx, { ...style, italic: true }));
        break;
      case "del":
        runs.push(...inlineRuns(token.tokens, ctx, { ...style, strikethrough: true }));
        break;
      case "codespan":
        text(token.text.replace(/\n/g, " "), { ...style, code: true });
        break;
      case "br":
        text("\n");
        break;
      case "link":
        runs.push(...linkRuns(token, ctx, style));
        break;
      case "image":
        runs.push(...imageRuns(token, ctx, style));
        break;
      case "html":
        text(inlineHtml(token.text));
        break;
      case "checkbox":
        break;
      default:
        // Tokens of other kinds (extensions): keep their text.
        if (Array.isArray(generic.tokens)) runs.push(...inlineRuns(generic.tokens, ctx, style));
        else if (typeof generic.text === "string") text(decodeHtmlEntities(generic.text));
    }
  }
  return runs;
}

/** The runs' text without styles (titles, alt text). */
export function plainText(runs: readonly InlineRun[]): string {
  return runs.map((r) => (isImageRun(r) ? r.image.alt : r.text)).join("");
}

/**
 * Styled runs → rich text objects: neighbours with the same style are merged, then cut into
 * pieces of at most 2000 characters (never between the halves of a surrogate pair).
 */
export function richText(runs: readonly TextRun[]): TextItem[] {
  const merged: TextRun[] = [];
  for (const run of runs) {
    if (run.text === "") continue;
    const last = merged.at(-1);
    if (last && sameStyle(last, run)) last.text += run.text;
    else merged.push({ ...run });
  }
  return merged.flatMap((run) =>
    chunkText(run.text, RICH_TEXT_MAX_CHARS).map((content) => textItem(content, run)),
  );
}

export function textItem(content: string, style: TextStyle = {}): TextItem {
  const annotations: NonNullable<TextItem["annotations"]> = {};
  if (style.bold) annotations.bold = true;
  if (style.italic) annotations.italic = true;
  if (style.strikethrough) annotations.strikethrough = true;
  if (style.code) annotations.code = true;
  const item: TextItem = {
    type: "text",
    text: style.link ? { content, link: { url: style.link } } : { content },
  };
  if (Object.keys(annotations).length > 0) item.annotations = annotations;
  return item;
}

function sameStyle(a: TextStyle, b: TextStyle): boolean {
  return (
    a.bold === b.bold &&
    a.italic === b.italic &&
    a.strikethrough === b.strikethrough &&
    a.code === b.code &&
    a.link === b.link
  );
}

type Target = { kind: "web"; url: string } | { kind: "anchor" } | { kind: "mention"; text: string };

/**
 * Where a link points: a web URL Notion can link to, an anchor in the same page (text only), or
 * anything else (a repo path, another scheme, an over-long URL), written out as text.
 */
function linkTarget(href: string, ctx: InlineContext): Target {
  const trimmed = href.trim();
  if (/^https?:\/\//i.test(trimmed)) {
    if (trimmed.length <= URL_MAX_CHARS && URL.canParse(trimmed)) return { kind: "web", url: trimmed };
    ctx.warn(`a link of ${trimmed.length} characters is over Notion's ${URL_MAX_CHARS}; written as text`);
    return { kind: "mention", text: trimmed };
  }
  if (trimmed.startsWith("#")) return { kind: "anchor" };
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return { kind: "mention", text: trimmed };
  return { kind: "mention", text: repoPath(trimmed, ctx.sourcePath) };
}

/** A relative link as the repo path it points at, when the file's own path is known. */
function repoPath(href: string, sourcePath: string | undefined): string {
  let decoded = href;
  try {
    decoded = decodeURI(href);
  } catch {
    // keep it as written
  }
  if (decoded.startsWith("/")) return posix.normalize(decoded.slice(1));
  if (!sourcePath) return decoded;
  return posix.normalize(posix.join(posix.dirname(sourcePath), decoded));
}

function linkRuns(token: Tokens.Link, ctx: InlineContext, style: TextStyle): InlineRun[] {
  const target = linkTarget(token.href, ctx);
  if (target.kind === "web") {
    return inlineRuns(token.tokens ?? [], { ...ctx, imageBlocks: false }, { ...style, link: target.url });
  }
  const inner = inlineRuns(token.tokens ?? [], { ...ctx, imageBlocks: false }, style);
  if (target.kind === "anchor") return inner;
  const shown = plainText(inner).trim();
  if (shown === "" || shown === target.text || shown === token.href.trim())
    return [{ ...style, text: target.text }];
  return [...inner, { ...style, text: ` (${target.text})` }];
}

function imageRuns(token: Tokens.Image, ctx: InlineContext, style: TextStyle): InlineRun[] {
  const alt = decodeHtmlEntities(token.text).trim();
  const target = linkTarget(token.href, ctx);
  if (target.kind === "web") {
    if (ctx.imageBlocks) return [{ image: { url: target.url, alt } }];
    return [{ ...style, text: alt || target.url, link: target.url }];
  }
  if (target.kind === "anchor") return alt ? [{ ...style, text: alt }] : [];
  return [{ ...style, text: alt ? `${alt} (${target.text})` : target.text }];
}

/** Inline HTML: comments vanish, `<br>` is a line break, other tags are dropped (their text stays). */
function inlineHtml(html: string): string {
  if (/^<!--[\s\S]*-->$/.test(html)) return "";
  if (/^<br\s*\/?>$/i.test(html)) return "\n";
  if (/^<\/?[a-zA-Z][^<>]*>$/.test(html)) return "";
  return decodeHtmlEntities(html);
}
