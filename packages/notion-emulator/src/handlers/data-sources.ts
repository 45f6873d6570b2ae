import { archivedObject } from "../api-error.js";
import { DEFAULT_QUERY_RESULT_LIMIT, runQuery } from "../query/data-source-query.js";
import { paginate, parsePageSize } from "../query/pagination.js";
import { renderDataSource } from "../render/database.js";
import { listResponse } from "../render/list.js";
import { renderPage } from "../render/page.js";
import { parseOptionalRichText, parseRichText, plainText } from "../rich-text.js";
import type { RequestContext, Route } from "../router.js";
import { parseInitialSchema } from "../schema/property-config.js";
import { planSchemaUpdate } from "../schema/schema-update.js";
import type { DataSourceRecord } from "../state.js";
import { invalid, requireObject } from "../validation/json.js";
import { parseIcon, parseTrashFlag, refuseUnsupported } from "./object-fields.js";
import { filterPropertyIds } from "./pages.js";

function retrieveDataSource(ctx: RequestContext): unknown {
  return renderDataSource(ctx.store, ctx.store.accessibleDataSource(ctx.params.data_source_id));
}

function updateDataSource(ctx: RequestContext): unknown {
  const { store, body } = ctx;
  refuseUnsupported(body, ["parent"]);
  const ds = store.accessibleDataSource(ctx.params.data_source_id);
  const inTrash = parseTrashFlag(body);
  const title = body.title === undefined ? undefined : parseRichText(body.title, "body.title");
  const icon = body.icon === undefined ? undefined : parseIcon(body.icon, "body.icon");
  const commitSchema =
    body.properties === undefined
      ? undefined
      : planSchemaUpdate(ds, body.properties, "body.properties", store);
  const edits = title !== undefined || icon !== undefined || commitSchema !== undefined;
  if ((ds.inTrash || store.databaseOf(ds).inTrash) && inTrash !== false && edits) throw archivedObject();
  commitSchema?.();
  if (title !== undefined) ds.title = title;
  if (icon !== undefined) ds.icon = icon;
  if (inTrash !== undefined) ds.inTrash = inTrash;
  ds.lastEditedTime = store.now();
  return renderDataSource(store, ds);
}

function createDataSource(ctx: RequestContext): unknown {
  const { store, body } = ctx;
  const parent = requireObject(body.parent, "body.parent");
  const db = store.accessibleDatabase(parent.database_id, "body.parent.database_id");
  if (db.inTrash) throw archivedObject();
  const title = parseOptionalRichText(body.title, "body.title");
  const icon = body.icon === undefined ? null : parseIcon(body.icon, "body.icon");
  const id = store.newId();
  const schema = parseInitialSchema(
    body.properties ?? { Name: { title: {} } },
    "body.properties",
    store,
    id,
    plainText(title),
  );
  const now = store.now();
  const ds: DataSourceRecord = {
    id,
    databaseId: db.id,
    title,
    description: [],
    properties: schema.properties,
    inTrash: false,
    icon,
    createdTime: now,
    lastEditedTime: now,
  };
  store.state.dataSources[id] = ds;
  db.dataSourceIds.push(id);
  for (const effect of schema.effects) effect();
  return renderDataSource(store, ds);
}

function queryDataSource(ctx: RequestContext): unknown {
  const { store, body, settings } = ctx;
  const ds = store.accessibleDataSource(ctx.params.data_source_id);
  const pageSize = parsePageSize(body.page_size, "body.page_size");
  const includeTrashed = parseTrashFlag(body) === true;
  if (body.result_type !== undefined && body.result_type !== "page" && body.result_type !== "data_source") {
    throw invalid("body.result_type", 'should be `"page"` or `"data_source"`', body.result_type);
  }
  const run = runQuery(store, ds, {
    filter: body.filter,
    sorts: body.sorts,
    includeTrashed,
    limit: settings.queryResultLimit ?? DEFAULT_QUERY_RESULT_LIMIT,
  });
  const slice = paginate(run.rows, (p) => p.id, body.start_cursor, pageSize, "body.start_cursor");
  const only = filterPropertyIds(ctx.query);
  const reachedCap = run.incomplete && slice.nextCursor === null;
  return listResponse(
    slice.items.map((p) => renderPage(store, p, only)),
    slice.nextCursor,
    "page_or_data_source",
    {
      request_status: reachedCap
        ? { type: "incomplete", incomplete_reason: "query_result_limit_reached" }
        : { type: "complete" },
    },
  );
}

export const dataSourceRoutes: Route[] = [
  { method: "POST", pattern: "/v1/data_sources", handler: createDataSource, creates: true },
  { method: "GET", pattern: "/v1/data_sources/:data_source_id", handler: retrieveDataSource },
  { method: "PATCH", pattern: "/v1/data_sources/:data_source_id", handler: updateDataSource },
  {
    method: "POST",
    pattern: "/v1/data_sources/:data_source_id/query",
    handler: queryDataSource,
    readOnly: true,
  },
];
