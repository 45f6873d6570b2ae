import { archivedObject, validationError } from "../api-error.js";
import { addChildObjectBlock } from "../block-tree.js";
import { renderDatabase } from "../render/database.js";
import { parseOptionalRichText, plainText } from "../rich-text.js";
import type { RequestContext, Route } from "../router.js";
import { parseInitialSchema } from "../schema/property-config.js";
import type { DatabaseRecord, DataSourceRecord, ViewRecord } from "../state.js";
import type { Store } from "../store.js";
import { requireObject } from "../validation/json.js";
import {
  optionalBoolean,
  parseCover,
  parseIcon,
  parseTrashFlag,
  refuseUnsupported,
} from "./object-fields.js";

/** The table view every new database starts with. */
export function defaultView(store: Store, databaseId: string, dataSourceId: string): ViewRecord {
  const now = store.now();
  return {
    id: store.newId(),
    databaseId,
    dataSourceId,
    name: "Default view",
    type: "table",
    filter: null,
    sorts: null,
    quickFilters: null,
    configuration: null,
    createdTime: now,
    lastEditedTime: now,
  };
}

function createDatabase(ctx: RequestContext): unknown {
  const { store, body } = ctx;
  const parent = requireObject(body.parent, "body.parent");
  if (parent.workspace === true || parent.type === "workspace") {
    throw validationError(
      "body failed validation: body.parent.workspace is only available to public integrations; create the database under a page.",
    );
  }
  const parentPage = store.accessiblePage(parent.page_id, "body.parent.page_id");
  if (parentPage.inTrash) throw archivedObject();
  if (parentPage.parent.type === "data_source_id") {
    throw validationError(
      "body failed validation: body.parent.page_id must be a page, not a row of a data source.",
    );
  }
  const title = parseOptionalRichText(body.title, "body.title");
  const description = parseOptionalRichText(body.description, "body.description");
  const isInline = optionalBoolean(body, "is_inline") ?? false;
  const icon = body.icon === undefined ? null : parseIcon(body.icon, "body.icon");
  const cover = body.cover === undefined ? null : parseCover(body.cover, "body.cover");
  const initial =
    body.initial_data_source === undefined
      ? {}
      : requireObject(body.initial_data_source, "body.initial_data_source");
  const databaseId = store.newId();
  let dataSourceId = store.newId();
  while (dataSourceId === databaseId) dataSourceId = store.newId();
  const schema = parseInitialSchema(
    initial.properties ?? { Name: { title: {} } },
    "body.initial_data_source.properties",
    store,
    dataSourceId,
    plainText(title),
  );

  const now = store.now();
  const view = defaultView(store, databaseId, dataSourceId);
  const db: DatabaseRecord = {
    id: databaseId,
    parent: { type: "page_id", page_id: parentPage.id },
    title,
    description,
    isInline,
    inTrash: false,
    isLocked: false,
    icon,
    cover,
    dataSourceIds: [dataSourceId],
    viewIds: [view.id],
    createdTime: now,
    lastEditedTime: now,
  };
  const ds: DataSourceRecord = {
    id: dataSourceId,
    databaseId,
    title: structuredClone(title),
    description: [],
    properties: schema.properties,
    inTrash: false,
    icon,
    createdTime: now,
    lastEditedTime: now,
  };
  store.state.databases[db.id] = db;
  store.state.dataSources[ds.id] = ds;
  store.state.views[view.id] = view;
  for (const effect of schema.effects) effect();
  addChildObjectBlock(store, parentPage.id, db.id, "child_database");
  return renderDatabase(store, db);
}

function retrieveDatabase(ctx: RequestContext): unknown {
  return renderDatabase(ctx.store, ctx.store.accessibleDatabase(ctx.params.database_id));
}

function updateDatabase(ctx: RequestContext): unknown {
  const { store, body } = ctx;
  refuseUnsupported(body, ["parent"]);
  const db = store.accessibleDatabase(ctx.params.database_id);
  const inTrash = parseTrashFlag(body);
  const title = body.title === undefined ? undefined : parseOptionalRichText(body.title, "body.title");
  const description =
    body.description === undefined ? undefined : parseOptionalRichText(body.description, "body.description");
  const isInline = optionalBoolean(body, "is_inline");
  const isLocked = optionalBoolean(body, "is_locked");
  const icon = body.icon === undefined ? undefined : parseIcon(body.icon, "body.icon");
  const cover = body.cover === undefined ? undefined : parseCover(body.cover, "body.cover");
  const edits = [title, description, isInline, icon, cover].some((v) => v !== undefined);
  if (db.inTrash && inTrash !== false && edits) throw archivedObject();
  if (title !== undefined) db.title = title;
  if (description !== undefined) db.description = description;
  if (isInline !== undefined) db.isInline = isInline;
  if (isLocked !== undefined) db.isLocked = isLocked;
  if (icon !== undefined) db.icon = icon;
  if (cover !== undefined) db.cover = cover;
  if (inTrash !== undefined) db.inTrash = inTrash;
  db.lastEditedTime = store.now();
  return renderDatabase(store, db);
}

export const databaseRoutes: Route[] = [
  { method: "POST", pattern: "/v1/databases", handler: createDatabase, creates: true },
  { method: "GET", pattern: "/v1/databases/:database_id", handler: retrieveDatabase },
  { method: "PATCH", pattern: "/v1/databases/:database_id", handler: updateDatabase },
];
