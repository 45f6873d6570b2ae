import { archivedObject, NotionApiError, validationError } from "../api-error.js";
import { addChildObjectBlock, insertBlocks } from "../block-tree.js";
import { paginate, parsePageSize } from "../query/pagination.js";
import { listResponse } from "../render/list.js";
import { renderPage, renderPropertyValue } from "../render/page.js";
import { parseRichText } from "../rich-text.js";
import type { RequestContext, Route } from "../router.js";
import type { DataSourceRecord, PageParent, PageRecord, RichTextItem, UserRef } from "../state.js";
import { findProperty, type Store } from "../store.js";
import { type BlockDraft, parseBlockChildren } from "../validation/blocks.js";
import { invalid, isObject, requireObject } from "../validation/json.js";
import {
  commitPropertyWrite,
  type PropertyWrite,
  parsePropertyValues,
} from "../validation/property-values.js";
import {
  optionalBoolean,
  parseCover,
  parseIcon,
  parseTrashFlag,
  refuseUnsupported,
} from "./object-fields.js";

/** The ids named by `filter_properties` query parameters (as given or URL-decoded). */
export function filterPropertyIds(query: URLSearchParams): Set<string> | undefined {
  const values = query.getAll("filter_properties").flatMap((v) => v.split(","));
  if (values.length === 0) return undefined;
  const ids = new Set<string>();
  for (const v of values) {
    ids.add(v);
    ids.add(encodeURIComponent(v));
    try {
      ids.add(decodeURIComponent(v));
    } catch {
      // keep the raw value only
    }
  }
  return ids;
}

interface ResolvedParent {
  parent: PageParent;
  dataSource?: DataSourceRecord;
}

function resolveParent(store: Store, raw: unknown): ResolvedParent {
  const parent = requireObject(raw, "body.parent");
  if (parent.data_source_id !== undefined || parent.type === "data_source_id") {
    const ds = store.accessibleDataSource(parent.data_source_id, "body.parent.data_source_id");
    return { parent: { type: "data_source_id", data_source_id: ds.id }, dataSource: ds };
  }
  if (parent.database_id !== undefined || parent.type === "database_id") {
    const db = store.accessibleDatabase(parent.database_id, "body.parent.database_id");
    if (db.dataSourceIds.length !== 1) {
      throw validationError(
        `Database ${db.id} has ${db.dataSourceIds.length} data sources; create the page with parent.data_source_id instead.`,
      );
    }
    const ds = store.accessibleDataSource(db.dataSourceIds[0]);
    return { parent: { type: "data_source_id", data_source_id: ds.id }, dataSource: ds };
  }
  if (parent.page_id !== undefined || parent.type === "page_id") {
    const page = store.accessiblePage(parent.page_id, "body.parent.page_id");
    if (page.inTrash) throw archivedObject();
    return { parent: { type: "page_id", page_id: page.id } };
  }
  if (parent.workspace === true || parent.type === "workspace") {
    throw validationError(
      "body failed validation: body.parent.workspace is only available to public integrations; use a page_id, database_id or data_source_id parent.",
    );
  }
  throw invalid(
    "body.parent",
    "should have one of `data_source_id`, `database_id`, `page_id` or `workspace`",
    parent,
  );
}

/** A page whose parent is a page has exactly one property: `title`. */
function parsePageTitle(input: unknown, path: string): RichTextItem[] | undefined {
  if (input === undefined) return undefined;
  const props = requireObject(input, path);
  let title: RichTextItem[] | undefined;
  for (const [key, value] of Object.entries(props)) {
    if (key !== "title") throw validationError(`${key} is not a property that exists.`);
    if (!isObject(value) || value.title === undefined)
      throw validationError("title is expected to be title.");
    title = parseRichText(value.title, `${path}.title.title`);
  }
  return title;
}

function createPage(ctx: RequestContext): unknown {
  const { store, body } = ctx;
  refuseUnsupported(body, ["markdown", "template", "content", "position"]);
  const { parent, dataSource } = resolveParent(store, body.parent);
  let write: PropertyWrite | undefined;
  let title: RichTextItem[] | undefined;
  if (dataSource) {
    write = parsePropertyValues(store, dataSource, body.properties ?? {}, "body.properties");
    store.assertDataSourceWritable(dataSource);
  } else title = parsePageTitle(body.properties, "body.properties");
  const children: BlockDraft[] =
    body.children === undefined ? [] : parseBlockChildren(body.children, "body.children");
  const icon = body.icon === undefined ? null : parseIcon(body.icon, "body.icon");
  const cover = body.cover === undefined ? null : parseCover(body.cover, "body.cover");

  const now = store.now();
  const page: PageRecord = {
    id: store.newId(),
    parent,
    values: title ? { title } : {},
    inTrash: false,
    isLocked: false,
    icon,
    cover,
    createdTime: now,
    lastEditedTime: now,
    seq: store.nextSeq(),
    childIds: [],
  };
  store.state.pages[page.id] = page;
  if (dataSource && write) {
    for (const prop of dataSource.properties) {
      if (prop.type === "unique_id") {
        page.values[prop.id] = prop.nextNumber ?? 1;
        prop.nextNumber = (prop.nextNumber ?? 1) + 1;
      }
    }
    commitPropertyWrite(store, dataSource, page, write);
  }
  if (children.length > 0) insertBlocks(store, { type: "page_id", page_id: page.id }, children);
  if (parent.type === "page_id") addChildObjectBlock(store, parent.page_id, page.id, "child_page");
  return renderPage(store, page, filterPropertyIds(ctx.query));
}

function retrievePage(ctx: RequestContext): unknown {
  const page = ctx.store.accessiblePage(ctx.params.page_id);
  return renderPage(ctx.store, page, filterPropertyIds(ctx.query));
}

function updatePage(ctx: RequestContext): unknown {
  const { store, body } = ctx;
  refuseUnsupported(body, ["template"]);
  const page = store.accessiblePage(ctx.params.page_id);
  const inTrash = parseTrashFlag(body);
  const isLocked = optionalBoolean(body, "is_locked");
  const eraseContent = optionalBoolean(body, "erase_content");
  const edits =
    body.properties !== undefined ||
    body.icon !== undefined ||
    body.cover !== undefined ||
    eraseContent === true;
  if (page.inTrash && inTrash !== false && edits) throw archivedObject();
  const ds = store.dataSourceOfPage(page);
  let write: PropertyWrite | undefined;
  let title: RichTextItem[] | undefined;
  if (body.properties !== undefined) {
    if (ds) {
      write = parsePropertyValues(store, ds, body.properties, "body.properties");
      store.assertDataSourceWritable(ds);
    } else title = parsePageTitle(body.properties, "body.properties");
  }
  const icon = body.icon === undefined ? undefined : parseIcon(body.icon, "body.icon");
  const cover = body.cover === undefined ? undefined : parseCover(body.cover, "body.cover");

  if (ds && write) commitPropertyWrite(store, ds, page, write);
  if (title) page.values.title = title;
  if (icon !== undefined) page.icon = icon;
  if (cover !== undefined) page.cover = cover;
  if (inTrash !== undefined) page.inTrash = inTrash;
  if (isLocked !== undefined) page.isLocked = isLocked;
  if (eraseContent) {
    for (const id of page.childIds) {
      const block = store.state.blocks[id];
      if (block && block.type !== "child_page" && block.type !== "child_database") block.inTrash = true;
    }
    page.childIds = page.childIds.filter((id) => !store.state.blocks[id]?.inTrash);
  }
  page.lastEditedTime = store.now();
  return renderPage(store, page, filterPropertyIds(ctx.query));
}

/** `GET pages/{id}/properties/{property_id}`: a property item, paginated for list-like types. */
function retrievePageProperty(ctx: RequestContext): unknown {
  const { store } = ctx;
  const page = store.accessiblePage(ctx.params.page_id);
  const key = ctx.params.property_id as string;
  const ds = store.dataSourceOfPage(page);
  const prop = ds
    ? findProperty(ds, key)
    : key === "title"
      ? { id: "title", name: "title", type: "title" as const, description: null }
      : undefined;
  if (!prop) throw new NotionApiError(404, "object_not_found", `Could not find property with ID: ${key}.`);
  const value = renderPropertyValue(store, page, prop);
  const list = (items: unknown[], type: string) => {
    const indexed = items.map((item, i) => ({ item, cursor: String(i) }));
    const pageSize = parsePageSize(ctx.query.get("page_size") ?? undefined, "query.page_size");
    const slice = paginate(
      indexed,
      (x) => x.cursor,
      ctx.query.get("start_cursor") ?? undefined,
      pageSize,
      "query.start_cursor",
    );
    return listResponse(
      slice.items.map(({ item }) => ({ object: "property_item", id: prop.id, type, [type]: item })),
      slice.nextCursor,
      "property_item",
      { property_item: { id: prop.id, next_url: null, type, [type]: {} } },
    );
  };
  const raw = page.values[prop.id];
  switch (prop.type) {
    case "title":
    case "rich_text":
      return list((value[prop.type] as unknown[]) ?? [], prop.type);
    case "relation":
      return list(
        ((raw as string[] | undefined) ?? []).map((id) => ({ id })),
        "relation",
      );
    case "people":
      return list((raw as UserRef[] | undefined) ?? [], "people");
    default:
      return { object: "property_item", ...value };
  }
}

export const pageRoutes: Route[] = [
  { method: "POST", pattern: "/v1/pages", handler: createPage, creates: true },
  { method: "GET", pattern: "/v1/pages/:page_id", handler: retrievePage },
  { method: "PATCH", pattern: "/v1/pages/:page_id", handler: updatePage },
  { method: "GET", pattern: "/v1/pages/:page_id/properties/:property_id", handler: retrievePageProperty },
];
