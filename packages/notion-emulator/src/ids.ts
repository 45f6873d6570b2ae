const DASHED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COMPACT = /^[0-9a-f]{32}$/i;

/** Turns a dashed or compact UUID into Notion's canonical dashed lower-case form, or undefined. */
export function normalizeId(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  if (DASHED.test(trimmed)) return trimmed.toLowerCase();
  if (COMPACT.test(trimmed)) {
    const h = trimmed.toLowerCase();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  return undefined;
}

export function compactId(id: string): string {
  return id.replaceAll("-", "");
}

/** The notion.so URL Notion returns for pages, databases and data sources. */
export function notionUrl(id: string): string {
  return `https://www.notion.so/${compactId(id)}`;
}
