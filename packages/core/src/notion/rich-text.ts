/**
 * Plain text ⇄ Notion rich text. Notion caps one text object at 2000 characters, counted in
 * UTF-16 code units (JavaScript string length), and one rich-text array at 100 objects.
 */
export const RICH_TEXT_MAX_CHARS = 2000;
export const RICH_TEXT_MAX_ITEMS = 100;
/** The most text one rich-text property can hold: 100 objects × 2000 code units. */
export const RICH_TEXT_MAX_TOTAL = RICH_TEXT_MAX_CHARS * RICH_TEXT_MAX_ITEMS;

export interface TextObjectRequest {
  type: "text";
  text: { content: string };
}

export interface SplitRichText {
  items: TextObjectRequest[];
  /** True when the text did not fit in 100 objects and its end was dropped. */
  truncated: boolean;
  /** True when lone surrogates (invalid UTF-16) were replaced with U+FFFD. */
  repaired: boolean;
  /** Length of the input in UTF-16 code units. */
  originalLength: number;
}

/** Splits `text` into chunks of at most `max` code units, never between a surrogate pair's halves. */
export function chunkText(text: string, max = RICH_TEXT_MAX_CHARS): string[] {
  if (max < 2) throw new RangeError("chunk size must be at least 2 code units");
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + max, text.length);
    if (
      end < text.length &&
      isHighSurrogate(text.charCodeAt(end - 1)) &&
      isLowSurrogate(text.charCodeAt(end))
    ) {
      end -= 1;
    }
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

/** Plain text → rich-text request objects (≤ 2000 code units each, ≤ 100 objects). */
export function splitRichText(text: string): SplitRichText {
  const wellFormed = text.toWellFormed();
  const chunks = chunkText(wellFormed);
  const kept = chunks.slice(0, RICH_TEXT_MAX_ITEMS);
  return {
    items: kept.map((content) => ({ type: "text", text: { content } })),
    truncated: chunks.length > kept.length,
    repaired: wellFormed !== text,
    originalLength: text.length,
  };
}

/** The text Notion will hold after writing `text`: repaired and cut where `splitRichText` cuts. */
export function storableText(text: string): string {
  return splitRichText(text)
    .items.map((i) => i.text.content)
    .join("");
}

/** Rich text (read shape, or request shape) → plain text. */
export function joinRichText(
  items: ReadonlyArray<{ plain_text?: string; text?: { content?: string } }> | null | undefined,
): string {
  if (!Array.isArray(items)) return "";
  return items.map((item) => item.plain_text ?? item.text?.content ?? "").join("");
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
