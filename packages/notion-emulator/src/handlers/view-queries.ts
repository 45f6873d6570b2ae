import { objectNotFound, validationError } from "../api-error.js";
import { runQuery } from "../query/data-source-query.js";
import { paginate, parsePageSize } from "../query/pagination.js";
import { listResponse } from "../render/list.js";
import type { RequestContext, Route } from "../router.js";
import { requireId, type Store } from "../store.js";

/** A view query's cached result set lives this long. */
const VIEW_QUERY_TTL_MS = 15 * 60_000;

/**
 * View queries: `POST views/{id}/queries` runs the view's saved filter and sorts once and caches
 * the page ids (at most the query result limit) for 15 minutes; results are paged from the cache.
 */
function createViewQuery(ctx: RequestContext): unknown {
  const { store, body, settings } = ctx;
  const view = store.accessibleView(ctx.params.view_id);
  if (!view.dataSourceId)
    throw validationError("A dashboard view has no rows to query; query its widget views instead.");
  const ds = store.accessibleDataSource(view.dataSourceId);
  const pageSize = parsePageSize(body.page_size, "body.page_size");
  const run = runQuery(store, ds, {
    filter: view.filter,
    sorts: view.sorts,
    includeTrashed: false,
    limit: settings.queryResultLimit,
  });
  const now = store.now();
  const record = {
    id: store.newId(),
    viewId: view.id,
    pageIds: run.rows.map((p) => p.id),
    totalCount: run.rows.length,
    incomplete: run.incomplete,
    expiresAt: now + VIEW_QUERY_TTL_MS,
  };
  store.state.viewQueries[record.id] = record;
  const slice = paginate(record.pageIds, (id) => id, undefined, pageSize, "body.start_cursor");
  return {
    object: "view_query",
    id: record.id,
    view_id: view.id,
    expires_at: new Date(record.expiresAt).toISOString(),
    total_count: record.totalCount,
    results: slice.items.map((id) => ({ object: "page", id })),
    next_cursor: slice.nextCursor,
    has_more: slice.nextCursor !== null,
    ...(record.incomplete
      ? { request_status: { type: "incomplete", incomplete_reason: "query_result_limit_reached" } }
      : {}),
  };
}

function liveQuery(store: Store, viewId: string | undefined, queryId: string | undefined) {
  const view = store.accessibleView(viewId);
  const id = requireId(queryId, "path.query_id");
  const record = store.state.viewQueries[id];
  if (!record || record.viewId !== view.id || record.expiresAt <= store.now())
    throw objectNotFound("view_query", id);
  return record;
}

function viewQueryResults(ctx: RequestContext): unknown {
  const { store, query } = ctx;
  const record = liveQuery(store, ctx.params.view_id, ctx.params.query_id);
  const pageSize = parsePageSize(query.get("page_size") ?? undefined, "query.page_size");
  const slice = paginate(
    record.pageIds,
    (id) => id,
    query.get("start_cursor") ?? undefined,
    pageSize,
    "query.start_cursor",
  );
  return listResponse(
    slice.items.map((id) => ({ object: "page", id })),
    slice.nextCursor,
    "page",
    record.incomplete
      ? { request_status: { type: "incomplete", incomplete_reason: "query_result_limit_reached" } }
      : {},
  );
}

function deleteViewQuery(ctx: RequestContext): unknown {
  const { store } = ctx;
  store.accessibleView(ctx.params.view_id);
  const id = requireId(ctx.params.query_id, "path.query_id");
  delete store.state.viewQueries[id];
  return { object: "view_query", id, deleted: true };
}

export const viewQueryRoutes: Route[] = [
  { method: "POST", pattern: "/v1/views/:view_id/queries", handler: createViewQuery },
  { method: "GET", pattern: "/v1/views/:view_id/queries/:query_id", handler: viewQueryResults },
  { method: "DELETE", pattern: "/v1/views/:view_id/queries/:query_id", handler: deleteViewQuery },
];
