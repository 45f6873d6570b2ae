import { invalid, invalidAt } from "../validation/json.js";

export const MAX_PAGE_SIZE = 100;

/** `page_size`: an integer from 1 to 100, default 100. Query-string values arrive as strings. */
export function parsePageSize(raw: unknown, path: string): number {
  if (raw === undefined || raw === null) return MAX_PAGE_SIZE;
  const value = typeof raw === "string" && /^-?\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== "number" || !Number.isInteger(value)) throw invalid(path, "should be an integer", raw);
  if (value > MAX_PAGE_SIZE) throw invalid(path, `should be ≤ \`${MAX_PAGE_SIZE}\``, value);
  if (value < 1) throw invalid(path, "should be ≥ `1`", value);
  return value;
}

export interface PageSlice<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * One page of `items`. Cursors are the id of the first item of the next page, as Notion's are;
 * a cursor that no longer points into the list is refused.
 */
export function paginate<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  startCursor: unknown,
  pageSize: number,
  cursorPath: string,
): PageSlice<T> {
  let start = 0;
  if (startCursor !== undefined && startCursor !== null) {
    if (typeof startCursor !== "string") throw invalid(cursorPath, "should be a string", startCursor);
    start = items.findIndex((item) => idOf(item) === startCursor);
    if (start < 0)
      throw invalidAt(cursorPath, `is not a valid cursor for this request: ${JSON.stringify(startCursor)}.`);
  }
  const end = Math.min(start + pageSize, items.length);
  const next = items[end];
  return { items: items.slice(start, end), nextCursor: next === undefined ? null : idOf(next) };
}
