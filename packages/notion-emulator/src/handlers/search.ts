import { paginate, parsePageSize } from "../query/pagination.js";
import { renderDataSource } from "../render/database.js";
import { listResponse } from "../render/list.js";
import { pageTitleText, renderPage } from "../render/page.js";
import { plainText } from "../rich-text.js";
import type { RequestContext, Route } from "../router.js";
import { invalid, requireEnum, requireObject } from "../validation/json.js";

interface Hit {
  id: string;
  kind: "page" | "data_source";
  title: string;
  lastEdited: number;
  seq: number;
}

/**
 * `POST /v1/search`: pages and data sources shared with the integration whose title contains
 * `query` (case-insensitive); `filter.value` is `page` or `data_source` in 2025-09-03.
 */
function search(ctx: RequestContext): unknown {
  const { store, body } = ctx;
  if (body.query !== undefined && typeof body.query !== "string")
    throw invalid("body.query", "should be a string", body.query);
  const needle = (body.query ?? "").toLowerCase();
  let only: "page" | "data_source" | undefined;
  if (body.filter !== undefined) {
    const filter = requireObject(body.filter, "body.filter");
    requireEnum(filter.property, ["object"] as const, "body.filter.property");
    only = requireEnum(filter.value, ["page", "data_source"] as const, "body.filter.value");
  }
  let direction: "ascending" | "descending" = "descending";
  if (body.sort !== undefined) {
    const sort = requireObject(body.sort, "body.sort");
    requireEnum(sort.timestamp, ["last_edited_time"] as const, "body.sort.timestamp");
    direction = requireEnum(sort.direction, ["ascending", "descending"] as const, "body.sort.direction");
  }
  const pageSize = parsePageSize(body.page_size, "body.page_size");

  const hits: Hit[] = [];
  if (only !== "data_source") {
    for (const page of Object.values(store.state.pages)) {
      if (page.inTrash || !store.isPageShared(page)) continue;
      const ds = store.dataSourceOfPage(page);
      if (ds && (ds.inTrash || store.databaseOf(ds).inTrash)) continue;
      hits.push({
        id: page.id,
        kind: "page",
        title: pageTitleText(store, page),
        lastEdited: page.lastEditedTime,
        seq: page.seq,
      });
    }
  }
  if (only !== "page") {
    for (const ds of Object.values(store.state.dataSources)) {
      const db = store.state.databases[ds.databaseId];
      if (!db || db.linked || db.inTrash || ds.inTrash || !store.isDatabaseShared(db)) continue;
      hits.push({
        id: ds.id,
        kind: "data_source",
        title: plainText(ds.title),
        lastEdited: ds.lastEditedTime,
        seq: 0,
      });
    }
  }
  const matching = hits
    .filter((h) => needle === "" || h.title.toLowerCase().includes(needle))
    .sort((a, b) => {
      const c = a.lastEdited - b.lastEdited || a.seq - b.seq || (a.id < b.id ? -1 : 1);
      return direction === "ascending" ? c : -c;
    });
  const slice = paginate(matching, (h) => h.id, body.start_cursor, pageSize, "body.start_cursor");
  return listResponse(
    slice.items.map((h) => {
      if (h.kind === "page")
        return renderPage(store, store.state.pages[h.id] as NonNullable<(typeof store.state.pages)[string]>);
      return renderDataSource(
        store,
        store.state.dataSources[h.id] as NonNullable<(typeof store.state.dataSources)[string]>,
      );
    }),
    slice.nextCursor,
    "page_or_data_source",
  );
}

export const searchRoutes: Route[] = [{ method: "POST", pattern: "/v1/search", handler: search }];
