import { normalizeNotionId } from "../notion/notion-id.js";

/**
 * A page id from what a user pastes: the id (with or without dashes) or the page's URL
 * (`https://www.notion.so/acme/Operations-0123456789abcdef0123456789abcdef?pvs=4`). Returns the
 * dashed lower-case id, or undefined.
 */
export function parsePageReference(input: string): string | undefined {
  const direct = normalizeNotionId(input);
  if (direct) return direct;
  let path: string;
  try {
    const url = new URL(input.trim());
    if (!/(^|\.)notion\.(so|site)$/.test(url.hostname)) return undefined;
    path = url.pathname;
  } catch {
    return undefined;
  }
  const ids = path.match(
    /[0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g,
  );
  const last = ids?.at(-1);
  return last ? normalizeNotionId(last) : undefined;
}
