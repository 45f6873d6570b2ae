/** Characters that render as nothing but would make two equal-looking names differ. */
const INVISIBLE = /[\u200b\u2060\ufeff\u00ad]/g;

/**
 * The form site names are compared in: Unicode NFC (so a precomposed "é" equals "e" + combining
 * accent), invisible characters removed, trimmed, inner whitespace (any Unicode space) collapsed
 * to one space, lower-cased. Nothing else is folded: punctuation and accents still count, so
 * "Acme, Inc." and "Acme Inc" are different names.
 */
export function normalizeSiteName(name: string): string {
  return name.normalize("NFC").replace(INVISIBLE, "").trim().replace(/\s+/g, " ").toLowerCase();
}

/** The name as shown to people: trimmed, inner whitespace collapsed, case and accents kept. */
export function displaySiteName(name: string): string {
  return name.normalize("NFC").replace(INVISIBLE, "").trim().replace(/\s+/g, " ");
}
