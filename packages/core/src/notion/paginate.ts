import { NotionRequestError } from "../errors.js";

/** Any Notion list response (`object: "list"`). */
export interface PaginatedList<T> {
  results: T[];
  next_cursor: string | null;
  has_more: boolean;
}

/**
 * Iterates every result of a cursor-paginated Notion call, fetching pages lazily:
 * `for await (const block of paginate((a) => client.blocks.children.list(a), { block_id }))`.
 */
export async function* paginate<A extends { start_cursor?: string | null }, T>(
  listFn: (args: A) => Promise<PaginatedList<T>>,
  args: A,
): AsyncGenerator<T, void, undefined> {
  const seenCursors = new Set<string>();
  let cursor = args.start_cursor ?? undefined;
  for (;;) {
    const page = await listFn(cursor === undefined ? args : { ...args, start_cursor: cursor });
    yield* page.results;
    if (!page.has_more || !page.next_cursor) return;
    if (seenCursors.has(page.next_cursor)) {
      throw new NotionRequestError(
        `Notion returned the cursor ${page.next_cursor} twice while paginating; stopping to avoid a loop.`,
      );
    }
    seenCursors.add(page.next_cursor);
    cursor = page.next_cursor;
  }
}
