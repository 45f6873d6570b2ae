import { z } from "zod";

/**
 * What vendor text may look like once it is past the plugin boundary. Vendors send anything: ids
 * a megabyte long, names with NUL bytes and terminal escapes, lone surrogates. Ids become Notion
 * keys (a key that Notion would store differently from how it was sent would be created again on
 * every run), so a bad id makes its record an error; free text is cleaned and cut instead, so a
 * bad name never costs the record.
 */
export const MAX_VENDOR_ID_LENGTH = 512;
/** One Notion rich-text object: enough for any real name, small enough that a page always fits in a request. */
export const MAX_VENDOR_TEXT_LENGTH = 2000;
/** Record error ids and messages are shown in logs, tables and the job summary. */
export const MAX_ERROR_ID_LENGTH = 200;
export const MAX_ERROR_MESSAGE_LENGTH = 1000;

// C0 and C1 control characters (including CR, LF, TAB, ESC, NUL).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]+/g;

/** A vendor id: trimmed, 1-512 characters of valid Unicode without control characters. */
export const vendorIdSchema = z
  .string()
  .trim()
  .min(1, "is empty")
  .max(MAX_VENDOR_ID_LENGTH, `is longer than ${MAX_VENDOR_ID_LENGTH} characters`)
  .refine((id) => id.isWellFormed(), "is not valid Unicode (it holds a lone surrogate)")
  .refine((id) => !CONTROL.test(id), "contains control characters");

/** Free vendor text (names, models, addresses): cleaned with `cleanVendorText`. */
export function vendorTextSchema(max = MAX_VENDOR_TEXT_LENGTH) {
  return z.string().transform((text) => cleanVendorText(text, max));
}

/**
 * Control characters (each run becomes one space) and lone surrogates (U+FFFD) removed, and the
 * text cut to `max` UTF-16 code units, ending in "…" when cut. Idempotent.
 */
export function cleanVendorText(text: string, max = MAX_VENDOR_TEXT_LENGTH): string {
  const clean = text.replace(CONTROLS, " ").toWellFormed();
  return clip(clean, max);
}

/** `text` cut to at most `max` code units (never inside a surrogate pair), "…" marking the cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** Text for a message that quotes vendor data: one line, printable, at most `max` characters. Idempotent. */
export function quoteVendorText(text: string, max: number): string {
  const flat = text.replace(CONTROLS, " ").toWellFormed();
  if (flat.length <= max) return flat;
  const note = ` (${flat.length} characters)`;
  return `${clip(flat, Math.max(1, max - note.length))}${note}`;
}
