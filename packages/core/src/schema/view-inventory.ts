import type { ListDatabaseViewsParameters } from "@notionhq/client";
import { NotionAccessError } from "../errors.js";
import type { NotionClient } from "../notion/client.js";
import { paginate } from "../notion/paginate.js";

/** A view as retrieved (`views.retrieve`), narrowed to what setup and doctor read. */
export interface LiveView {
  id: string;
  name: string;
  type: string;
  dataSourceId: string | null;
  /** Set on dashboard widgets. */
  dashboardViewId?: string;
  configuration: Record<string, unknown> | null;
}

/** Dashboard layout rows: the widget view ids of each row, in order. */
export type DashboardRows = string[][];

export function liveViewOf(response: unknown): LiveView {
  const v = response as Record<string, unknown>;
  return {
    id: String(v.id),
    name: typeof v.name === "string" ? v.name : "",
    type: typeof v.type === "string" ? v.type : "",
    dataSourceId: typeof v.data_source_id === "string" ? v.data_source_id : null,
    ...(typeof v.dashboard_view_id === "string" ? { dashboardViewId: v.dashboard_view_id } : {}),
    configuration:
      v.configuration && typeof v.configuration === "object"
        ? (v.configuration as Record<string, unknown>)
        : null,
  };
}

/** The widget view ids of a retrieved dashboard, row by row. */
export function dashboardRows(dashboard: LiveView): DashboardRows {
  const rows = dashboard.configuration?.rows;
  if (!Array.isArray(rows)) return [];
  return rows.map((row) => {
    const widgets = (row as { widgets?: unknown })?.widgets;
    return Array.isArray(widgets)
      ? widgets.flatMap((w) =>
          typeof (w as { view_id?: unknown })?.view_id === "string"
            ? [(w as { view_id: string }).view_id]
            : [],
        )
      : [];
  });
}

/**
 * The views shown as tabs of a database: lists them (ids only) and retrieves each for its name and
 * type. Dashboard widgets (views with `dashboard_view_id`) are left out.
 */
export async function listTabViews(
  client: NotionClient,
  databaseId: string,
  label?: string,
): Promise<LiveView[]> {
  const options = label ? { label } : undefined;
  const views: LiveView[] = [];
  for await (const ref of paginate((a: ListDatabaseViewsParameters) => client.views.list(a, options), {
    database_id: databaseId,
    page_size: 100,
  })) {
    const view = await retrieveView(client, ref.id, label);
    if (view && !view.dashboardViewId) views.push(view);
  }
  return views;
}

/** The widgets of a dashboard, retrieved, in layout order. */
export async function listWidgets(
  client: NotionClient,
  dashboard: LiveView,
  label?: string,
): Promise<LiveView[]> {
  const widgets: LiveView[] = [];
  for (const id of dashboardRows(dashboard).flat()) {
    const widget = await retrieveView(client, id, label);
    if (widget) widgets.push(widget);
  }
  return widgets;
}

/** Retrieves a view; undefined when it is gone (404) between listing and retrieving. */
export async function retrieveView(
  client: NotionClient,
  viewId: string,
  label?: string,
): Promise<LiveView | undefined> {
  try {
    return liveViewOf(await client.views.retrieve({ view_id: viewId }, label ? { label } : undefined));
  } catch (error) {
    if (NotionAccessError.is(error) && error.code === "notion_not_shared") return undefined;
    throw error;
  }
}
