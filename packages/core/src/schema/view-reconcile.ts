import type { CreateViewParameters } from "@notionhq/client";
import { NotionOpsError } from "../errors.js";
import type { Logger } from "../log/index.js";
import type { NotionClient } from "../notion/client.js";
import type { NotionTarget } from "../notion/errors-map.js";
import { DATABASE_KEYS, type DatabaseKey } from "./database-keys.js";
import { DATABASES } from "./databases.js";
import type { LiveSchema } from "./live-schema.js";
import { planRefusalReason } from "./plan-refusal.js";
import {
  type DashboardDefinition,
  isDashboard,
  type TabViewDefinition,
  type ViewDefinition,
  type ViewType,
  type WidgetDefinition,
} from "./view-definition.js";
import {
  type DashboardRows,
  dashboardRows,
  type LiveView,
  listTabViews,
  listWidgets,
  liveViewOf,
  retrieveView,
} from "./view-inventory.js";
import {
  type DatabaseIds,
  dashboardRequest,
  type ResolvedView,
  tabViewRequest,
  type WidgetPlacement,
  widgetRequest,
} from "./view-request.js";

/**
 * `create`: create what is missing (setup, doctor --repair); `check`: only report (doctor);
 * `plan`: report what would be created (setup --dry-run).
 */
export type ViewMode = "create" | "check" | "plan";

export type ViewStatus = "found" | "created" | "missing" | "skipped_plan" | "failed" | "would_create";

export interface ViewOutcome {
  key: string;
  /** The database whose tab (or dashboard) this is. */
  database: DatabaseKey;
  name: string;
  type: ViewType;
  /** For widgets: the dashboard they sit in, and the database they show. */
  dashboard?: string;
  source?: DatabaseKey;
  status: ViewStatus;
  viewId?: string;
  /** Why it was skipped or failed. */
  reason?: string;
  /** A found view whose layout differs from the definition (the user changed it; left alone). */
  note?: string;
}

export interface ViewReconcileOptions {
  client: NotionClient;
  logger: Logger;
  mode: ViewMode;
  definitions: readonly ViewDefinition[];
  /** Ids of the databases that exist (a database missing here is skipped, or planned in `plan` mode). */
  refs: Partial<Record<DatabaseKey, DatabaseIds>>;
  /** Schemas (property ids) of those databases' data sources. */
  schemas: Partial<Record<DatabaseKey, LiveSchema>>;
  /** Views recorded (in the database's tag) as refused for the plan. */
  skippedOnPlan: Partial<Record<DatabaseKey, readonly string[]>>;
  /** Try recorded plan refusals again (setup: the plan may have changed); otherwise they stay skipped. */
  retrySkipped: boolean;
}

/** The name a widget has in a tag's skipped list. */
export const widgetLabel = (dashboard: string, widget: string): string => `${dashboard}/${widget}`;

/**
 * Finds each defined view by name (tabs by listing the database's views; widgets inside their
 * dashboard) and, in `create` mode, creates the ones that are missing. Existing views are never
 * modified or deleted, whatever the user did to them.
 */
export async function reconcileViews(options: ViewReconcileOptions): Promise<ViewOutcome[]> {
  const outcomes: ViewOutcome[] = [];
  for (const database of DATABASE_KEYS) {
    const definitions = options.definitions.filter((d) => d.database === database);
    if (definitions.length === 0) continue;
    const ids = options.refs[database];
    if (!ids) {
      if (options.mode === "plan") {
        for (const d of definitions) outcomes.push(...planned(d, "would_create"));
      }
      continue;
    }
    const title = DATABASES[database].title;
    const tabs = await listTabViews(options.client, ids.databaseId, title);
    const skipped = new Set(options.skippedOnPlan[database] ?? []);
    for (const definition of definitions) {
      const existing = tabs.find((v) => v.name === definition.name);
      if (existing) {
        outcomes.push(found(definition, database, existing));
        if (isDashboard(definition) && existing.type === "dashboard") {
          outcomes.push(...(await reconcileWidgets(options, definition, existing, skipped)));
        }
        continue;
      }
      const outcome = await ensureMissing(options, definition, database, ids, skipped.has(definition.name));
      outcomes.push(outcome);
      if (isDashboard(definition)) {
        if (outcome.status === "created" && outcome.viewId) {
          const dashboard: LiveView = {
            id: outcome.viewId,
            name: definition.name,
            type: "dashboard",
            dataSourceId: null,
            configuration: null,
          };
          outcomes.push(...(await reconcileWidgets(options, definition, dashboard, skipped)));
        } else if (outcome.status === "would_create") {
          outcomes.push(...planned(definition, "would_create").slice(1));
        }
      }
    }
  }
  return outcomes;
}

function found(definition: ViewDefinition, database: DatabaseKey, view: LiveView): ViewOutcome {
  return {
    ...describe(definition, database),
    status: "found",
    viewId: view.id,
    ...(view.type && view.type !== definition.type
      ? { note: `now a ${view.type} view (left as the user made it)` }
      : {}),
  };
}

function describe(definition: ViewDefinition, database: DatabaseKey): Omit<ViewOutcome, "status"> {
  return { key: definition.key, database, name: definition.name, type: definition.type };
}

function describeWidget(
  dashboard: DashboardDefinition,
  widget: WidgetDefinition,
): Omit<ViewOutcome, "status"> {
  return {
    key: widget.key,
    database: dashboard.database,
    name: widget.name,
    type: widget.type,
    dashboard: dashboard.name,
    source: widget.source,
  };
}

function planned(definition: ViewDefinition, status: ViewStatus): ViewOutcome[] {
  const rows: ViewOutcome[] = [{ ...describe(definition, definition.database), status }];
  if (isDashboard(definition))
    for (const w of definition.widgets) rows.push({ ...describeWidget(definition, w), status });
  return rows;
}

async function ensureMissing(
  options: ViewReconcileOptions,
  definition: ViewDefinition,
  database: DatabaseKey,
  ids: DatabaseIds,
  recordedSkip: boolean,
): Promise<ViewOutcome> {
  const base = describe(definition, database);
  if (recordedSkip && !(options.mode === "create" && options.retrySkipped)) {
    return {
      ...base,
      status: "skipped_plan",
      reason: "Notion refused it for this workspace's plan when setup ran",
    };
  }
  if (options.mode === "check")
    return { ...base, status: "missing", reason: "run notion-ops doctor --repair" };
  if (options.mode === "plan") return { ...base, status: "would_create" };

  let resolved: ResolvedView;
  if (isDashboard(definition)) resolved = { ok: true, request: dashboardRequest(definition, ids) };
  else resolved = tabViewRequest(definition as TabViewDefinition, ids, options.schemas[database] ?? {});
  const lookup = async () => {
    const tabs = await listTabViews(options.client, ids.databaseId, DATABASES[database].title);
    return tabs.find((v) => v.name === definition.name);
  };
  return create(options, base, resolved, lookup, {
    type: "database",
    id: ids.databaseId,
    label: DATABASES[database].title,
  });
}

async function reconcileWidgets(
  options: ViewReconcileOptions,
  dashboard: DashboardDefinition,
  live: LiveView,
  skipped: ReadonlySet<string>,
): Promise<ViewOutcome[]> {
  const outcomes: ViewOutcome[] = [];
  const existing = live.configuration
    ? await listWidgets(options.client, live, DATABASES[dashboard.database].title)
    : [];
  const rows: DashboardRows = dashboardRows(live);
  for (const widget of dashboard.widgets) {
    const base = describeWidget(dashboard, widget);
    const match = existing.find((v) => v.name === widget.name);
    if (match) {
      outcomes.push({ ...base, status: "found", viewId: match.id });
      continue;
    }
    // A widget over a database that is missing or unreachable cannot be checked or created; that
    // database's own problem is what the user needs to fix.
    if (options.mode !== "plan" && !options.refs[widget.source]) continue;
    const recordedSkip = skipped.has(widgetLabel(dashboard.name, widget.name));
    if (recordedSkip && !(options.mode === "create" && options.retrySkipped)) {
      outcomes.push({
        ...base,
        status: "skipped_plan",
        reason: "Notion refused it for this workspace's plan when setup ran",
      });
      continue;
    }
    if (options.mode !== "create") {
      outcomes.push({
        ...base,
        status: options.mode === "plan" ? "would_create" : "missing",
        ...(options.mode === "check" ? { reason: "run notion-ops doctor --repair" } : {}),
      });
      continue;
    }
    const source = options.refs[widget.source];
    const schema = options.schemas[widget.source];
    if (!source || !schema) {
      outcomes.push({
        ...base,
        status: "failed",
        reason: `needs the ${DATABASES[widget.source].title} database, which is not set up`,
      });
      continue;
    }
    const placement = placementFor(rows, widget.row);
    const resolved = widgetRequest(widget, live.id, source.dataSourceId, schema, placement);
    const lookup = async () => {
      const dashboardNow = await retrieveView(options.client, live.id);
      if (!dashboardNow) return undefined;
      return (await listWidgets(options.client, dashboardNow)).find((v) => v.name === widget.name);
    };
    const outcome = await create(options, base, resolved, lookup, {
      type: "view",
      id: live.id,
      label: dashboard.name,
    });
    if (outcome.status === "created" && outcome.viewId) {
      if (placement.type === "existing_row") rows[placement.row_index]?.push(outcome.viewId);
      else rows.push([outcome.viewId]);
    }
    outcomes.push(outcome);
  }
  return outcomes;
}

/** Into its defined row when that row exists and has room (4 widgets at most), else a new row. */
export function placementFor(rows: DashboardRows, row: number): WidgetPlacement {
  const existing = rows[row];
  if (existing && existing.length < 4) return { type: "existing_row", row_index: row };
  return { type: "new_row" };
}

async function create(
  options: ViewReconcileOptions,
  base: Omit<ViewOutcome, "status">,
  resolved: ResolvedView,
  lookup: () => Promise<LiveView | undefined>,
  target: NotionTarget,
): Promise<ViewOutcome> {
  const where = base.dashboard ? `${base.dashboard} › ${base.name}` : base.name;
  if (!resolved.ok) {
    const reason = `its data source has no property ${resolved.missingProperties.map((p) => `"${p}"`).join(", ")} (run notion-ops doctor)`;
    options.logger.warn(`View "${where}" not created: ${reason}.`);
    return { ...base, status: "failed", reason };
  }
  const request: CreateViewParameters = resolved.request;
  try {
    const created = await options.client.createKeyed<LiveView>({
      kind: "views.create",
      description: `view "${where}"`,
      target,
      create: async (sdk) => liveViewOf(await sdk.views.create(request)),
      lookup,
    });
    options.logger.info(`  view "${where}" (${base.type}): created`);
    return { ...base, status: "created", viewId: created.value.id };
  } catch (error) {
    if (!NotionOpsError.is(error)) throw error;
    const planReason = planRefusalReason(error, base.type);
    if (planReason) {
      options.logger.info(`  view "${where}" (${base.type}): skipped, ${planReason}`);
      return { ...base, status: "skipped_plan", reason: planReason };
    }
    options.logger.warn(`View "${where}" could not be created: ${error.message}`);
    return { ...base, status: "failed", reason: error.message };
  }
}
