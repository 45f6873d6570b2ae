import type {
  PageObjectResponse,
  QueryDataSourceParameters,
  QueryDataSourceResponse,
} from "@notionhq/client";
import { NotionRequestError } from "../errors.js";

export type QueryFilter = NonNullable<QueryDataSourceParameters["filter"]>;
export type QuerySorts = NonNullable<QueryDataSourceParameters["sorts"]>;

export interface QueryAllArgs {
  filter?: QueryFilter;
  /**
   * Result order. When omitted, rows come in `created_time` order, which also lets the walk pass
   * the 10,000-row cap without re-reading. With custom sorts, a query that hits the cap is
   * re-run in `created_time` windows (rows already yielded are skipped), so order is kept only
   * up to the cap.
   */
  sorts?: QuerySorts;
  filter_properties?: string[];
  page_size?: number;
  in_trash?: boolean;
}

const CREATED_ASCENDING: QuerySorts = [{ timestamp: "created_time", direction: "ascending" }];

/**
 * Every page of a data source matching `filter`, read lazily, including past Notion's cap of
 * 10,000 rows per query: when a response says `request_status.incomplete_reason ===
 * "query_result_limit_reached"`, the walk continues with `created_time on_or_after` the last row
 * seen, sorted by `created_time`, skipping rows already yielded.
 */
export async function* queryAll(
  query: (args: QueryDataSourceParameters) => Promise<QueryDataSourceResponse>,
  dataSourceId: string,
  args: QueryAllArgs = {},
): AsyncGenerator<PageObjectResponse, void, undefined> {
  const seen = new Set<string>();
  let sorts = args.sorts ?? CREATED_ASCENDING;
  let windowed = args.sorts === undefined;
  let windowStart: string | undefined;
  for (;;) {
    let cursor: string | undefined;
    let capped = false;
    let lastCreated: string | undefined;
    do {
      const response = await query({
        data_source_id: dataSourceId,
        sorts,
        page_size: args.page_size ?? 100,
        ...(args.filter_properties ? { filter_properties: args.filter_properties } : {}),
        ...(args.in_trash === undefined ? {} : { in_trash: args.in_trash }),
        ...withWindow(args.filter, windowStart),
        ...(cursor === undefined ? {} : { start_cursor: cursor }),
      });
      for (const row of response.results) {
        if ("created_time" in row && typeof row.created_time === "string") lastCreated = row.created_time;
        if (row.object !== "page" || !("properties" in row) || seen.has(row.id)) continue;
        seen.add(row.id);
        yield row;
      }
      if (response.request_status?.type === "incomplete") capped = true;
      cursor = response.has_more && response.next_cursor ? response.next_cursor : undefined;
    } while (cursor !== undefined);

    if (!capped) return;
    if (!windowed) {
      sorts = CREATED_ASCENDING;
      windowed = true;
      windowStart = undefined;
      continue;
    }
    if (lastCreated === undefined || lastCreated === windowStart) {
      throw new NotionRequestError(
        `Data source ${dataSourceId}: more rows share the created_time ${lastCreated ?? "(unknown)"} than one ` +
          `Notion query can return, so the 10,000-row cap cannot be passed. Narrow the query with a filter.`,
      );
    }
    windowStart = lastCreated;
  }
}

function withWindow(
  filter: QueryFilter | undefined,
  windowStart: string | undefined,
): { filter?: QueryFilter } {
  if (windowStart === undefined) return filter === undefined ? {} : { filter };
  const bound = { timestamp: "created_time", created_time: { on_or_after: windowStart } } as const;
  if (filter === undefined) return { filter: bound };
  if ("and" in filter) return { filter: { and: [...filter.and, bound] } };
  // Notion allows two levels of nesting; a top-level `or` holding groups would go one deeper.
  return { filter: { and: [filter, bound] } as QueryFilter };
}
