import type { DataSourceRecord, PageRecord } from "../state.js";
import type { Store } from "../store.js";
import { compileFilter, type PagePredicate } from "./filter.js";
import { compileSorts } from "./sort.js";

/** A data-source query stops after this many rows (Notion's documented default). */
export const DEFAULT_QUERY_RESULT_LIMIT = 10_000;

export interface QueryRun {
  /** The rows a query can reach, capped at the result limit. */
  rows: PageRecord[];
  /** True when the cap cut the result set short. */
  incomplete: boolean;
}

/**
 * Runs filter and sorts over a data source's rows. Trashed rows are left out unless the caller
 * asks for them; at most `limit` rows are reachable, the rest are reported as incomplete.
 */
export function runQuery(
  store: Store,
  ds: DataSourceRecord,
  args: {
    filter: unknown;
    sorts: unknown;
    includeTrashed: boolean;
    limit: number;
    strictOptionValues?: boolean;
    sortsPath?: string;
  },
): QueryRun {
  // Rows only change when something is written, so while nothing is, the pages of a long
  // paginated read are served from one filtered and sorted run instead of one per request.
  const cacheKey = cacheKeyOf(ds, args);
  const cached = cacheKey === undefined ? undefined : store.cachedQuery<QueryRun>(cacheKey);
  if (cached) return cached;
  const now = store.now();
  const predicate: PagePredicate =
    args.filter === undefined || args.filter === null
      ? () => true
      : compileFilter(ds, args.filter, "body.filter", {
          now,
          botId: store.state.botId,
          strictOptionValues: args.strictOptionValues ?? false,
        });
  const comparator = compileSorts(ds, args.sorts, args.sortsPath ?? "body.sorts");
  const matched = store
    .pagesOf(ds.id)
    .filter((p) => (args.includeTrashed || !p.inTrash) && store.isPageShared(p) && predicate(p))
    .sort(comparator);
  const run = { rows: matched.slice(0, args.limit), incomplete: matched.length > args.limit };
  if (cacheKey !== undefined) store.cacheQuery(cacheKey, run);
  return run;
}

/** Filters relative to today ("past_week", "today", …) change meaning as the clock moves: never cached. */
const RELATIVE_TO_NOW =
  /"(today|tomorrow|yesterday|one_(week|month)_(ago|from_now)|(past|next)_(week|month|year)|this_week)"/;

function cacheKeyOf(ds: DataSourceRecord, args: Parameters<typeof runQuery>[2]): string | undefined {
  const key = JSON.stringify([
    ds.id,
    args.filter ?? null,
    args.sorts ?? null,
    args.includeTrashed,
    args.limit,
    args.strictOptionValues ?? false,
    args.sortsPath ?? "",
  ]);
  return RELATIVE_TO_NOW.test(key) ? undefined : key;
}
