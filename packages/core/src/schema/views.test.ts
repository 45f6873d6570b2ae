import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "./databases.js";
import type { LiveSchema } from "./live-schema.js";
import { runSetup, type SetupResult } from "./setup.js";
import { startTestWorkspace, type TestWorkspace } from "./test-support/workspace.js";
import { isDashboard, type ViewDefinition } from "./view-definition.js";
import { placementFor } from "./view-reconcile.js";
import { resolveNames, tabViewRequest, widgetRequest } from "./view-request.js";
import { VIEWS } from "./views.js";

/** A schema as Notion would return it for a definition, with made-up ids (`id:<name>`). */
function fakeSchema(key: keyof typeof DATABASES): LiveSchema {
  return Object.fromEntries(
    DATABASES[key].properties.map((p) => [p.name, { id: `id:${p.name}`, name: p.name, type: p.type }]),
  );
}

describe("view definitions", () => {
  it("name each view once per database and keep dashboards within Notion's layout limits", () => {
    for (const key of Object.keys(DATABASES)) {
      const names = VIEWS.filter((v) => v.database === key).map((v) => v.name);
      expect(new Set(names).size, key).toBe(names.length);
    }
    for (const view of VIEWS.filter(isDashboard)) {
      expect(view.widgets.length).toBeLessThanOrEqual(12);
      const rows = new Map<number, number>();
      for (const w of view.widgets) rows.set(w.row, (rows.get(w.row) ?? 0) + 1);
      expect(Math.max(...rows.values())).toBeLessThanOrEqual(4);
      expect(new Set(view.widgets.map((w) => w.name)).size).toBe(view.widgets.length);
    }
  });

  it("refer only to properties their data source has, with a type that fits where they are used", () => {
    const typeOf = (source: keyof typeof DATABASES, name: string) =>
      DATABASES[source].properties.find((p) => p.name === name)?.type;
    const check = (
      source: keyof typeof DATABASES,
      view: Pick<ViewDefinition, "filter" | "sorts" | "name"> & { configuration?: unknown },
    ) => {
      const used: [string, string][] = [];
      const record = (where: string) => (name: string) => {
        used.push([where, name]);
        return name;
      };
      resolveNames(view.filter, record("filter"), /^property$/);
      resolveNames(view.sorts, record("sort"), /^property$/);
      resolveNames(view.configuration, record("config"), /^(?:\w+_)?property_id$/);
      for (const [, name] of used) expect(typeOf(source, name), `${view.name}: ${name}`).toBeDefined();
      const config = view.configuration as
        | Record<string, { type?: string; property_id?: string; aggregator?: string }>
        | undefined;
      for (const axis of ["group_by", "x_axis", "stack_by"]) {
        const group = config?.[axis];
        if (group?.property_id) {
          const expected = group.type === "date" ? "date" : group.type;
          expect(typeOf(source, group.property_id), `${view.name}.${axis}`).toBe(expected);
        }
      }
      const y = config?.y_axis;
      if (y?.aggregator === "average") expect(typeOf(source, y.property_id as string)).toBe("number");
      const date = (config as { date_property_id?: string } | undefined)?.date_property_id;
      if (date) expect(typeOf(source, date)).toBe("date");
    };
    for (const view of VIEWS) {
      if (isDashboard(view)) for (const w of view.widgets) check(w.source, w);
      else check(view.database, view);
    }
  });

  it("resolve property names to the data source's property ids in configuration, filters and sorts", () => {
    const trend = VIEWS.find((v) => v.key === "scriptRuns.failures");
    if (!trend || isDashboard(trend)) throw new Error("missing");
    const resolved = tabViewRequest(
      trend,
      { databaseId: "db", dataSourceId: "ds" },
      fakeSchema("scriptRuns"),
    );
    expect(resolved.ok).toBe(true);
    if (!resolved.ok) return;
    expect(resolved.request).toMatchObject({
      database_id: "db",
      data_source_id: "ds",
      name: "Failures",
      type: "table",
      sorts: [{ property: "id:Started", direction: "descending" }],
      filter: {
        or: [{ property: "id:Status", select: { equals: "failed" } }, expect.anything(), expect.anything()],
      },
    });
    const missing = tabViewRequest(trend, { databaseId: "db", dataSourceId: "ds" }, {});
    expect(missing).toEqual({
      ok: false,
      missingProperties: expect.arrayContaining(["Status", "Started", "Script"]),
    });

    const dashboard = VIEWS.find(isDashboard);
    const widget = dashboard?.widgets.find((w) => w.source === "dailyHealth");
    if (!widget) throw new Error("missing");
    const request = widgetRequest(widget, "dash", "dh", fakeSchema("dailyHealth"), { type: "new_row" });
    expect(request.ok && request.request).toMatchObject({
      view_id: "dash",
      data_source_id: "dh",
      placement: { type: "new_row" },
    });
    expect(request.ok && "database_id" in request.request).toBe(false);
  });

  it("place a widget in its row while the row has room, else in a new row", () => {
    expect(placementFor([], 0)).toEqual({ type: "new_row" });
    expect(placementFor([["a"]], 0)).toEqual({ type: "existing_row", row_index: 0 });
    expect(placementFor([["a"]], 1)).toEqual({ type: "new_row" });
    expect(placementFor([["a", "b", "c", "d"]], 0)).toEqual({ type: "new_row" });
  });
});

describe("views setup creates (against the emulator)", () => {
  let ws: TestWorkspace;
  let result: SetupResult;
  type View = {
    id: string;
    name: string;
    type: string;
    parent: { database_id: string };
    data_source_id: string | null;
    dashboard_view_id?: string;
    filter: unknown;
    sorts: unknown;
    configuration: Record<string, unknown> & { rows?: { widgets: { view_id: string }[] }[] };
  };
  let views: View[];
  const idOf = (key: keyof typeof DATABASES, name: string) => {
    const ds = (
      ws.emulator.dataSources() as { id: string; properties: Record<string, { id: string }> }[]
    ).find((d) => d.id === result.refs[key]?.dataSourceId);
    const id = ds?.properties[name]?.id;
    if (!id) throw new Error(`no property ${name}`);
    return id;
  };
  const tab = (key: keyof typeof DATABASES, name: string) => {
    const view = views.find(
      (v) => v.name === name && !v.dashboard_view_id && v.parent.database_id === result.refs[key]?.databaseId,
    );
    if (!view) throw new Error(`no view ${name}`);
    return view;
  };

  beforeAll(async () => {
    ws = await startTestWorkspace();
    result = await runSetup({ client: ws.client, parentPageId: ws.parentPageId, configured: {} });
    views = ws.emulator.views() as unknown as View[];
  });
  afterAll(async () => {
    expect(ws.emulator.internalErrors()).toEqual([]);
    await ws.emulator.stop();
  });

  it("adds every tab after the database's default view, in definition order", () => {
    for (const key of Object.keys(DATABASES) as (keyof typeof DATABASES)[]) {
      const tabs = ws.emulator.views(result.refs[key]?.databaseId).map((v) => v.name);
      expect(tabs, key).toEqual([
        "Default view",
        ...VIEWS.filter((v) => v.database === key).map((v) => v.name),
      ]);
    }
  });

  it("Daily Health: a line chart of the average Health Score per day", () => {
    const v = tab("dailyHealth", "Health score trend");
    expect([v.type, v.data_source_id]).toEqual(["chart", result.refs.dailyHealth?.dataSourceId]);
    expect(v.configuration.type).toBe("chart");
    expect(v.configuration.chart_type).toBe("line");
    expect(v.configuration.x_axis).toMatchObject({
      type: "date",
      property_id: idOf("dailyHealth", "Date"),
      group_by: "day",
      sort: { type: "ascending" },
    });
    expect(v.configuration.y_axis).toEqual({
      aggregator: "average",
      property_id: idOf("dailyHealth", "Health Score"),
    });
    expect([v.configuration.y_axis_min, v.configuration.y_axis_max]).toEqual([0, 100]);
  });

  it("Daily Health: a column chart counting snapshots below 60 per day", () => {
    const v = tab("dailyHealth", "Sites below 60 per day");
    expect([v.type, v.configuration.type, v.configuration.chart_type]).toEqual(["chart", "chart", "column"]);
    expect(v.configuration.x_axis).toMatchObject({
      type: "date",
      property_id: idOf("dailyHealth", "Date"),
      group_by: "day",
    });
    expect(v.configuration.y_axis).toEqual({ aggregator: "count" });
    expect(v.filter).toEqual({ property: idOf("dailyHealth", "Health Score"), number: { less_than: 60 } });
  });

  it("Network Devices: a donut of devices by Vendor, and offline/missing devices grouped by Site", () => {
    const donut = tab("networkDevices", "Devices by vendor");
    expect([donut.configuration.type, donut.configuration.chart_type]).toEqual(["chart", "donut"]);
    expect(donut.configuration.x_axis).toMatchObject({
      type: "select",
      property_id: idOf("networkDevices", "Vendor"),
    });
    expect(donut.configuration.y_axis).toEqual({ aggregator: "count" });
    const offline = tab("networkDevices", "Offline and missing");
    expect(offline.type).toBe("table");
    expect(offline.configuration.group_by).toMatchObject({
      type: "relation",
      property_id: idOf("networkDevices", "Site"),
    });
    const status = idOf("networkDevices", "Status");
    expect(offline.filter).toEqual({
      or: [
        { property: status, select: { equals: "offline" } },
        { property: status, select: { equals: "missing" } },
      ],
    });
  });

  it("Script Runs: failures newest first, and a column chart of runs per day stacked by Status", () => {
    const failures = tab("scriptRuns", "Failures");
    expect(failures.sorts).toEqual([{ property: idOf("scriptRuns", "Started"), direction: "descending" }]);
    expect(
      (failures.filter as { or: { select: { equals: string } }[] }).or.map((f) => f.select.equals),
    ).toEqual(["failed", "timeout", "blocked"]);
    const stacked = tab("scriptRuns", "Runs per day");
    expect([stacked.configuration.type, stacked.configuration.chart_type]).toEqual(["chart", "column"]);
    expect(stacked.configuration.x_axis).toMatchObject({
      type: "date",
      property_id: idOf("scriptRuns", "Started"),
      group_by: "day",
    });
    expect(stacked.configuration.y_axis).toEqual({ aggregator: "count" });
    expect(stacked.configuration.stack_by).toMatchObject({
      type: "select",
      property_id: idOf("scriptRuns", "Status"),
    });
    expect(stacked.configuration.group_style).toBe("normal");
  });

  it("Config Changes: a bar chart of changes per Site and a calendar by Timestamp", () => {
    const bar = tab("configChanges", "Changes per site");
    expect([bar.configuration.type, bar.configuration.chart_type]).toEqual(["chart", "bar"]);
    expect(bar.configuration.x_axis).toMatchObject({
      type: "relation",
      property_id: idOf("configChanges", "Site"),
    });
    expect(bar.configuration.y_axis).toEqual({ aggregator: "count" });
    const calendar = tab("configChanges", "Change calendar");
    expect([calendar.type, calendar.configuration.date_property_id]).toEqual([
      "calendar",
      idOf("configChanges", "Timestamp"),
    ]);
  });

  it("Customer Sites: a board by Health Status worst score first, Needs attention, and a renewal calendar", () => {
    const board = tab("customerSites", "Health board");
    expect(board.configuration.group_by).toMatchObject({
      type: "select",
      property_id: idOf("customerSites", "Health Status"),
    });
    expect(board.sorts).toEqual([
      { property: idOf("customerSites", "Health Score"), direction: "ascending" },
    ]);
    const attention = tab("customerSites", "Needs attention");
    expect(attention.filter).toEqual({
      or: [
        { property: idOf("customerSites", "Risk Level"), select: { equals: "High" } },
        { property: idOf("customerSites", "Health Status"), select: { equals: "Critical" } },
      ],
    });
    expect(tab("customerSites", "Contract renewals").configuration.date_property_id).toBe(
      idOf("customerSites", "Contract Renewal"),
    );
  });

  it("the Operations dashboard holds the board and trend side by side, then offline devices and script failures", () => {
    const dashboard = tab("customerSites", "Operations");
    expect([dashboard.type, dashboard.data_source_id]).toEqual(["dashboard", null]);
    const rows = dashboard.configuration.rows?.map((r) =>
      r.widgets.map((w) => {
        const widget = views.find((v) => v.id === w.view_id);
        return [widget?.name, widget?.type, widget?.data_source_id, widget?.dashboard_view_id];
      }),
    );
    expect(rows).toEqual([
      [
        ["Health board", "board", result.refs.customerSites?.dataSourceId, dashboard.id],
        ["Health score trend", "chart", result.refs.dailyHealth?.dataSourceId, dashboard.id],
      ],
      [
        ["Offline devices", "table", result.refs.networkDevices?.dataSourceId, dashboard.id],
        ["Recent script failures", "table", result.refs.scriptRuns?.dataSourceId, dashboard.id],
      ],
    ]);
    const trend = views.find((v) => v.name === "Health score trend" && v.dashboard_view_id);
    expect(trend?.configuration).toMatchObject({
      chart_type: "line",
      y_axis: { aggregator: "average", property_id: idOf("dailyHealth", "Health Score") },
    });
  });
});
