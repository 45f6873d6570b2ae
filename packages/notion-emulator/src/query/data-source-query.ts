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
  return { rows: matched.slice(0, args.limit), incomplete: matched.length > args.limit };
}
