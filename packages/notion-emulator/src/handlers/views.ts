import { archivedObject, validationError } from "../api-error.js";
import { compileCondition, compileFilter } from "../query/filter.js";
import { paginate, parsePageSize } from "../query/pagination.js";
import { compileSorts } from "../query/sort.js";
import { listResponse } from "../render/list.js";
import { renderView } from "../render/view.js";
import type { RequestContext, Route } from "../router.js";
import type { DatabaseRecord, DataSourceRecord, ViewRecord, ViewType } from "../state.js";
import { VIEW_TYPES } from "../state.js";
import { requireId, type Store } from "../store.js";
import { invalid, invalidAt, requireArray, requireObject } from "../validation/json.js";
import { checkPlacement, parsePlacement, placeWidget, removeWidget } from "../views/dashboard-layout.js";
import { assertPlanAllows } from "../views/plan-gates.js";
import { parseViewConfiguration } from "../views/view-configuration.js";
import { resolvePropertyRef } from "../views/view-fields.js";

function parseName(value: unknown, path: string): string {
  if (typeof value !== "string" || value.trim().length === 0)
    throw invalid(path, "should be a non-empty string", value);
  return value;
}

/** Validates a view filter (select/status values must be options or status groups). */
function checkFilter(store: Store, ds: DataSourceRecord, filter: unknown, path: string): unknown {
  compileFilter(ds, filter, path, { now: store.now(), botId: store.state.botId, strictOptionValues: true });
  return structuredClone(filter);
}

function checkSorts(ds: DataSourceRecord, sorts: unknown, path: string, allowTimestamp: boolean): unknown[] {
  compileSorts(ds, sorts, path, { allowTimestamp });
  return structuredClone(requireArray(sorts, path));
}

/** Quick filters keyed by property (name or id in, id out); a `null` entry removes one on update. */
function mergeQuickFilters(
  store: Store,
  ds: DataSourceRecord,
  value: unknown,
  path: string,
  existing: Record<string, unknown> | null,
): Record<string, unknown> | null {
  if (value === null) return null;
  const entries = requireObject(value, path);
  const result: Record<string, unknown> = { ...(existing ?? {}) };
  for (const [key, condition] of Object.entries(entries)) {
    const prop = resolvePropertyRef(ds, key, `${path}.${key}`);
    if (condition === null) {
      delete result[prop.id];
      continue;
    }
    const cond = requireObject(condition, `${path}.${key}`);
    if (Object.keys(cond).length > 0) {
      const typeKeys = Object.keys(cond);
      if (typeKeys.length !== 1 || typeKeys[0] !== prop.type) {
        throw invalidAt(
          `${path}.${key}`,
          `should be a \`${prop.type}\` filter condition for property ${prop.name}.`,
        );
      }
      compileCondition(prop, cond[prop.type], `${path}.${key}.${prop.type}`, {
        now: store.now(),
        botId: store.state.botId,
        strictOptionValues: true,
      });
    }
    result[prop.id] = structuredClone(cond);
  }
  return Object.keys(result).length === 0 ? null : result;
}

function chosenContainer(body: Record<string, unknown>): "database_id" | "view_id" | "create_database" {
  const given = (["database_id", "view_id", "create_database"] as const).filter((k) => body[k] !== undefined);
  if (given.length !== 1) {
    throw validationError(
      `body failed validation: exactly one of \`database_id\`, \`view_id\` or \`create_database\` should be provided, instead ${given.length === 0 ? "none was" : `${given.join(", ")} were`}.`,
    );
  }
  return given[0] as "database_id" | "view_id" | "create_database";
}

function insertTab(db: DatabaseRecord, viewId: string, position: unknown): void {
  if (position === undefined) {
    db.viewIds.push(viewId);
    return;
  }
  const p = requireObject(position, "body.position");
  if (p.type === "start") db.viewIds.unshift(viewId);
  else if (p.type === "end") db.viewIds.push(viewId);
  else if (p.type === "after_view") {
    const after = requireId(p.view_id, "body.position.view_id");
    const at = db.viewIds.indexOf(after);
    if (at < 0) throw invalidAt("body.position.view_id", `is not a view of database ${db.id}.`);
    db.viewIds.splice(at + 1, 0, viewId);
  } else throw invalid("body.position.type", 'should be `"start"`, `"end"` or `"after_view"`', p.type);
}

function checkPosition(db: DatabaseRecord, position: unknown): void {
  if (position === undefined) return;
  const probe = { ...db, viewIds: [...db.viewIds] };
  insertTab(probe, "probe", position);
}

function createView(ctx: RequestContext): unknown {
  const { store, body, settings } = ctx;
  if (body.data_source_id === undefined) throw invalid("body.data_source_id", "should be defined", undefined);
  const name = parseName(body.name, "body.name");
  if (!(VIEW_TYPES as readonly unknown[]).includes(body.type)) {
    throw invalid(
      "body.type",
      `should be one of ${VIEW_TYPES.map((t) => `\`"${t}"\``).join(", ")}`,
      body.type,
    );
  }
  const type = body.type as ViewType;
  const container = chosenContainer(body);
  const ds = store.accessibleDataSource(body.data_source_id, "body.data_source_id");
  if (body.position !== undefined && container !== "database_id") {
    throw invalidAt("body.position", "is only allowed together with `database_id`.");
  }
  if (body.placement !== undefined && container !== "view_id") {
    throw invalidAt("body.placement", "is only allowed together with `view_id` (a dashboard widget).");
  }
  assertPlanAllows(store, settings.plan, type);

  let db: DatabaseRecord | undefined;
  let dashboard: ViewRecord | undefined;
  let linkedParentPageId: string | undefined;
  if (container === "database_id") {
    db = store.accessibleDatabase(body.database_id, "body.database_id");
    if (db.inTrash) throw archivedObject();
    checkPosition(db, body.position);
  } else if (container === "view_id") {
    dashboard = store.accessibleView(body.view_id, "body.view_id");
    if (dashboard.type !== "dashboard") {
      throw invalidAt(
        "body.view_id",
        `should be a dashboard view, instead ${dashboard.id} is a \`${dashboard.type}\` view.`,
      );
    }
    if (type === "dashboard")
      throw invalidAt("body.type", "cannot be `dashboard` for a widget: dashboards cannot be nested.");
    checkPlacement(dashboard.rows ?? [], parsePlacement(body.placement, "body.placement"), "body.placement");
  } else {
    const create = requireObject(body.create_database, "body.create_database");
    const parent = requireObject(create.parent, "body.create_database.parent");
    if (parent.type !== undefined && parent.type !== "page_id") {
      throw invalid("body.create_database.parent.type", 'should be `"page_id"`', parent.type);
    }
    const page = store.accessiblePage(parent.page_id, "body.create_database.parent.page_id");
    if (page.inTrash) throw archivedObject();
    if (create.position !== undefined) {
      const pos = requireObject(create.position, "body.create_database.position");
      if (pos.type !== "after_block")
        throw invalid("body.create_database.position.type", 'should be `"after_block"`', pos.type);
      const blockId = requireId(pos.block_id, "body.create_database.position.block_id");
      if (!page.childIds.includes(blockId)) {
        throw invalidAt(
          "body.create_database.position.block_id",
          `is not a direct child of page ${page.id}.`,
        );
      }
    }
    linkedParentPageId = page.id;
  }

  const configuration =
    body.configuration === undefined
      ? null
      : parseViewConfiguration(type, ds, body.configuration, "body.configuration", null);
  const filter =
    body.filter === undefined || body.filter === null
      ? null
      : checkFilter(store, ds, body.filter, "body.filter");
  const sorts =
    body.sorts === undefined || body.sorts === null ? null : checkSorts(ds, body.sorts, "body.sorts", true);
  const quickFilters =
    body.quick_filters === undefined
      ? null
      : mergeQuickFilters(store, ds, body.quick_filters, "body.quick_filters", null);

  const now = store.now();
  const id = store.newId();
  if (linkedParentPageId) {
    db = {
      id: store.newId(),
      parent: { type: "page_id", page_id: linkedParentPageId },
      title: [],
      description: [],
      isInline: true,
      inTrash: false,
      isLocked: false,
      icon: null,
      cover: null,
      dataSourceIds: [ds.id],
      viewIds: [],
      createdTime: now,
      lastEditedTime: now,
      linked: true,
    };
    store.state.databases[db.id] = db;
  }
  const view: ViewRecord = {
    id,
    databaseId: dashboard ? ds.databaseId : (db as DatabaseRecord).id,
    dataSourceId: type === "dashboard" ? null : ds.id,
    name,
    type,
    filter,
    sorts,
    quickFilters,
    configuration,
    createdTime: now,
    lastEditedTime: now,
  };
  if (type === "dashboard") view.rows = [];
  if (dashboard) {
    view.dashboardViewId = dashboard.id;
    const rows = dashboard.rows ?? [];
    placeWidget(
      rows,
      parsePlacement(body.placement, "body.placement"),
      { id: store.newId(), view_id: id },
      () => store.newId(),
    );
    dashboard.rows = rows;
    dashboard.lastEditedTime = now;
  } else insertTab(db as DatabaseRecord, id, body.position);
  store.state.views[id] = view;
  return renderView(store, view);
}

function retrieveView(ctx: RequestContext): unknown {
  return renderView(ctx.store, ctx.store.accessibleView(ctx.params.view_id));
}

const UPDATABLE = ["name", "filter", "sorts", "quick_filters", "configuration"];

function updateView(ctx: RequestContext): unknown {
  const { store, body } = ctx;
  const view = store.accessibleView(ctx.params.view_id);
  for (const key of Object.keys(body)) {
    if (!UPDATABLE.includes(key)) {
      throw invalidAt(
        `body.${key}`,
        "cannot be changed by an update (only name, filter, sorts, quick_filters and configuration); delete and recreate the view.",
      );
    }
  }
  const ds = view.dataSourceId ? store.accessibleDataSource(view.dataSourceId) : undefined;
  const needsSource = (key: string): DataSourceRecord => {
    if (!ds) throw invalidAt(`body.${key}`, "is not available on a dashboard view.");
    return ds;
  };
  const name = body.name === undefined ? undefined : parseName(body.name, "body.name");
  const filter =
    body.filter === undefined
      ? undefined
      : body.filter === null
        ? null
        : checkFilter(store, needsSource("filter"), body.filter, "body.filter");
  const sorts =
    body.sorts === undefined
      ? undefined
      : body.sorts === null
        ? null
        : checkSorts(needsSource("sorts"), body.sorts, "body.sorts", false);
  const quickFilters =
    body.quick_filters === undefined
      ? undefined
      : mergeQuickFilters(
          store,
          needsSource("quick_filters"),
          body.quick_filters,
          "body.quick_filters",
          view.quickFilters,
        );
  let configuration: Record<string, unknown> | undefined;
  if (body.configuration !== undefined) {
    if (view.type === "dashboard")
      throw invalidAt(
        "body.configuration",
        "of a dashboard is read-only: add or delete widget views instead.",
      );
    configuration = parseViewConfiguration(
      view.type,
      needsSource("configuration"),
      body.configuration,
      "body.configuration",
      view.configuration,
    );
  }
  if (name !== undefined) view.name = name;
  if (filter !== undefined) view.filter = filter;
  if (sorts !== undefined) view.sorts = sorts;
  if (quickFilters !== undefined) view.quickFilters = quickFilters;
  if (configuration !== undefined) view.configuration = configuration;
  view.lastEditedTime = store.now();
  return renderView(store, view);
}

function deleteView(ctx: RequestContext): unknown {
  const { store } = ctx;
  const view = store.accessibleView(ctx.params.view_id);
  if (view.dashboardViewId) {
    const dashboard = store.state.views[view.dashboardViewId];
    if (dashboard) dashboard.rows = removeWidget(dashboard.rows ?? [], view.id);
  } else {
    const db = store.state.databases[view.databaseId] as DatabaseRecord;
    if (db.viewIds.length <= 1) {
      throw validationError(
        "Cannot delete the last view of a database. To remove the database, move it to the trash (in_trash: true) instead.",
      );
    }
    db.viewIds = db.viewIds.filter((id) => id !== view.id);
    if (view.type === "dashboard") {
      for (const row of view.rows ?? []) for (const w of row.widgets) delete store.state.views[w.view_id];
    }
  }
  delete store.state.views[view.id];
  return {
    object: "view",
    id: view.id,
    parent: { type: "database_id", database_id: view.databaseId },
    type: view.type,
  };
}

function listViews(ctx: RequestContext): unknown {
  const { store, query } = ctx;
  const databaseId = query.get("database_id") ?? undefined;
  const dataSourceId = query.get("data_source_id") ?? undefined;
  if (databaseId === undefined && dataSourceId === undefined) {
    throw validationError(
      "query failed validation: one of `database_id` or `data_source_id` should be provided.",
    );
  }
  let views: ViewRecord[];
  if (databaseId !== undefined) {
    const db = store.accessibleDatabase(databaseId, "query.database_id");
    views = db.viewIds.flatMap((id) => store.state.views[id] ?? []);
    if (dataSourceId !== undefined) {
      const ds = store.accessibleDataSource(dataSourceId, "query.data_source_id");
      views = views.filter((v) => v.dataSourceId === ds.id);
    }
  } else {
    const ds = store.accessibleDataSource(dataSourceId, "query.data_source_id");
    views = Object.values(store.state.views).filter((v) => v.dataSourceId === ds.id);
  }
  const pageSize = parsePageSize(query.get("page_size") ?? undefined, "query.page_size");
  const slice = paginate(
    views,
    (v) => v.id,
    query.get("start_cursor") ?? undefined,
    pageSize,
    "query.start_cursor",
  );
  return listResponse(
    slice.items.map((v) => ({ object: "view", id: v.id })),
    slice.nextCursor,
    "view",
  );
}

export const viewRoutes: Route[] = [
  { method: "GET", pattern: "/v1/views", handler: listViews },
  { method: "POST", pattern: "/v1/views", handler: createView, creates: true },
  { method: "GET", pattern: "/v1/views/:view_id", handler: retrieveView },
  { method: "PATCH", pattern: "/v1/views/:view_id", handler: updateView },
  { method: "DELETE", pattern: "/v1/views/:view_id", handler: deleteView },
];
