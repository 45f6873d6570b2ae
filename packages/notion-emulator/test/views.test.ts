import { collectPaginatedAPI } from "@notionhq/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type NotionPlan, startNotionEmulator } from "../src/index.js";
import {
  type AnyRecord,
  expectNotionError,
  type Harness,
  sdkClient,
  startHarness,
  text,
} from "./support/harness.js";

let h: Harness;
let databaseId: string;
let dataSourceId: string;
let props: Record<string, string>;

async function setup(plan?: NotionPlan) {
  h = await startHarness(plan ? { plan } : {});
  const db = (await h.notion.databases.create({
    parent: { type: "page_id", page_id: h.parentPageId },
    title: text("Customer Sites"),
    initial_data_source: {
      properties: {
        "Site Name": { title: {} },
        "Health Score": { number: {} },
        "Health Status": {
          select: { options: [{ name: "Healthy" }, { name: "Warning" }, { name: "Critical" }] },
        },
        "Risk Level": { select: { options: [{ name: "Low" }, { name: "Medium" }, { name: "High" }] } },
        Stage: { status: {} },
        "Contract Renewal": { date: {} },
        "Config Drift": { checkbox: {} },
        Notes: { rich_text: {} },
      },
    },
  })) as AnyRecord;
  databaseId = db.id;
  dataSourceId = db.data_sources[0].id;
  const ds = (await h.notion.dataSources.retrieve({ data_source_id: dataSourceId })) as AnyRecord;
  props = Object.fromEntries(Object.entries(ds.properties).map(([name, p]) => [name, (p as AnyRecord).id]));
}

afterEach(async () => {
  expect(h.emulator.internalErrors()).toEqual([]);
  await h.emulator.stop();
});

const create = (args: Record<string, unknown>) =>
  h.notion.views.create({
    data_source_id: dataSourceId,
    database_id: databaseId,
    ...args,
  } as never) as Promise<AnyRecord>;

const lineChart = {
  type: "chart",
  chart_type: "line",
  x_axis: { type: "date", property_id: "Contract Renewal", group_by: "day", sort: { type: "ascending" } },
  y_axis: { aggregator: "average", property_id: "Health Score" },
};

describe("views: create, list, retrieve, update, delete", () => {
  beforeEach(() => setup());

  it("lists the default view by id only, and retrieves full view objects", async () => {
    const list = (await h.notion.views.list({ database_id: databaseId })) as AnyRecord;
    expect(list).toMatchObject({ object: "list", type: "view", has_more: false, next_cursor: null });
    expect(list.results).toEqual([{ object: "view", id: expect.any(String) }]);
    const view = (await h.notion.views.retrieve({ view_id: list.results[0].id })) as AnyRecord;
    expect(view).toMatchObject({
      object: "view",
      parent: { type: "database_id", database_id: databaseId },
      data_source_id: dataSourceId,
      name: "Default view",
      type: "table",
      filter: null,
      sorts: null,
      configuration: null,
    });
    expect(view.url).toBe(
      `https://www.notion.so/${databaseId.replaceAll("-", "")}?v=${view.id.replaceAll("-", "")}`,
    );
    await expectNotionError(h.notion.views.list({}), {
      status: 400,
      code: "validation_error",
      message: /one of `database_id` or `data_source_id`/,
    });
  });

  it("creates a board grouped by a select, resolving names to property ids", async () => {
    const board = await create({
      name: "Health board",
      type: "board",
      sorts: [{ property: "Health Score", direction: "ascending" }],
      configuration: {
        type: "board",
        group_by: {
          type: "select",
          property_id: "Health Status",
          sort: { type: "manual" },
          hide_empty_groups: true,
        },
        properties: [{ property_id: "Health Score", visible: true }],
        card_layout: "compact",
      },
    });
    expect(board.configuration).toEqual({
      type: "board",
      group_by: {
        type: "select",
        property_id: props["Health Status"],
        property_name: "Health Status",
        sort: { type: "manual" },
        hide_empty_groups: true,
      },
      properties: [{ property_id: props["Health Score"], property_name: "Health Score", visible: true }],
      card_layout: "compact",
    });
    const ids = (await collectPaginatedAPI(h.notion.views.list, { database_id: databaseId })).map(
      (v) => v.id,
    );
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(board.id);
  });

  it("validates the configuration shape for each view type", async () => {
    await expectNotionError(
      create({ name: "b", type: "board", configuration: { type: "board", properties: [] } }),
      {
        status: 400,
        code: "validation_error",
        message:
          "body failed validation: body.configuration.group_by should be defined: a board configuration always needs it, instead was `undefined`.",
      },
    );
    await expectNotionError(
      create({ name: "c", type: "calendar", configuration: { type: "calendar", view_range: "month" } }),
      {
        status: 400,
        code: "validation_error",
        message: /body\.configuration\.date_property_id should be defined/,
      },
    );
    await expectNotionError(
      create({
        name: "c",
        type: "calendar",
        configuration: { type: "calendar", date_property_id: "Health Score" },
      }),
      {
        status: 400,
        code: "validation_error",
        message:
          /body\.configuration\.date_property_id should name a property of type `date`.*Health Score is a `number` property/,
      },
    );
    await expectNotionError(
      create({ name: "t", type: "table", configuration: { type: "board", group_by: {} } }),
      {
        status: 400,
        code: "validation_error",
        message:
          'body failed validation: body.configuration.type should be `"table"` (the view\'s type), instead was `"board"`.',
      },
    );
    await expectNotionError(
      create({ name: "t", type: "table", configuration: { type: "table", colour: "red" } }),
      {
        status: 400,
        code: "validation_error",
        message: /body\.configuration\.colour is not a field of a table configuration/,
      },
    );
    await expectNotionError(
      create({
        name: "g",
        type: "board",
        configuration: {
          type: "board",
          group_by: { type: "status", property_id: "Stage", sort: { type: "manual" } },
        },
      }),
      {
        status: 400,
        code: "validation_error",
        message:
          "body failed validation: body.configuration.group_by.group_by should be defined, instead was `undefined`.",
      },
    );
    await expectNotionError(
      create({
        name: "g",
        type: "board",
        configuration: {
          type: "board",
          group_by: { type: "select", property_id: "Stage", sort: { type: "manual" } },
        },
      }),
      {
        status: 400,
        code: "validation_error",
        message: /body\.configuration\.group_by\.type should be `"status"` for Stage/,
      },
    );
    const calendar = await create({
      name: "Renewals",
      type: "calendar",
      configuration: { type: "calendar", date_property_id: "Contract Renewal" },
    });
    expect(calendar.configuration).toEqual({
      type: "calendar",
      date_property_id: props["Contract Renewal"],
      date_property_name: "Contract Renewal",
    });
  });

  it("validates chart configurations: chart_type, axes, aggregations and type-specific fields", async () => {
    const chart = (configuration: Record<string, unknown>) =>
      create({ name: "chart", type: "chart", configuration: { type: "chart", ...configuration } });
    await expectNotionError(chart({ x_axis: lineChart.x_axis }), {
      status: 400,
      code: "validation_error",
      message: /body\.configuration\.chart_type should be defined/,
    });
    await expectNotionError(chart({ chart_type: "pie" }), {
      status: 400,
      code: "validation_error",
      message: /body\.configuration\.chart_type should be one of `"column"`/,
    });
    await expectNotionError(chart({ chart_type: "column" }), {
      status: 400,
      code: "validation_error",
      message: /should define the x-axis of the `column` chart/,
    });
    await expectNotionError(
      chart({
        chart_type: "line",
        x_axis: { type: "date", property_id: "Contract Renewal", sort: { type: "ascending" } },
      }),
      {
        status: 400,
        code: "validation_error",
        message: /body\.configuration\.x_axis\.group_by should be defined/,
      },
    );
    await expectNotionError(chart({ ...lineChart, y_axis: { aggregator: "average" } }), {
      status: 400,
      code: "validation_error",
      message:
        /body\.configuration\.y_axis\.property_id should be defined: the `average` aggregator needs a property/,
    });
    await expectNotionError(chart({ ...lineChart, y_axis: { aggregator: "sum", property_id: "Notes" } }), {
      status: 400,
      code: "validation_error",
      message: /body\.configuration\.y_axis\.property_id should name a property of type `number`/,
    });
    await expectNotionError(
      chart({
        chart_type: "donut",
        x_axis: { type: "select", property_id: "Risk Level", sort: { type: "manual" } },
        stack_by: { type: "select", property_id: "Health Status", sort: { type: "manual" } },
      }),
      {
        status: 400,
        code: "validation_error",
        message: /body\.configuration\.stack_by is not used by `donut` charts/,
      },
    );
    await expectNotionError(chart({ chart_type: "number", x_axis: lineChart.x_axis }), {
      status: 400,
      code: "validation_error",
      message: /body\.configuration\.x_axis is not used by `number` charts/,
    });
    await expectNotionError(
      chart({ ...lineChart, x_axis_property_id: "Site Name", y_axis_property_id: "Health Score" }),
      {
        status: 400,
        code: "validation_error",
        message: /mixes grouped mode/,
      },
    );

    const line = await chart({
      ...lineChart,
      cumulative: false,
      smooth_line: true,
      reference_lines: [{ value: 60, label: "Critical", color: "red", dash_style: "dash" }],
    });
    expect(line.configuration).toMatchObject({
      type: "chart",
      chart_type: "line",
      x_axis: {
        type: "date",
        property_id: props["Contract Renewal"],
        property_name: "Contract Renewal",
        group_by: "day",
        sort: { type: "ascending" },
      },
      y_axis: { aggregator: "average", property_id: props["Health Score"] },
      reference_lines: [
        { id: expect.any(String), value: 60, label: "Critical", color: "red", dash_style: "dash" },
      ],
    });
    const stacked = await chart({
      chart_type: "column",
      x_axis: { type: "date", property_id: "Contract Renewal", group_by: "day", sort: { type: "ascending" } },
      y_axis: { aggregator: "count" },
      stack_by: { type: "select", property_id: "Risk Level", sort: { type: "manual" } },
      group_style: "normal",
    });
    expect(stacked.configuration.stack_by).toMatchObject({
      type: "select",
      property_id: props["Risk Level"],
    });
    const number = await chart({ chart_type: "number", value: { aggregator: "count" }, hide_title: true });
    expect(number.configuration).toEqual({
      type: "chart",
      chart_type: "number",
      value: { aggregator: "count" },
      hide_title: true,
    });
  });

  it("validates filters (option values are checked), sorts and quick filters", async () => {
    await expectNotionError(
      create({
        name: "bad",
        type: "table",
        filter: { property: "Risk Level", select: { equals: "Severe" } },
      }),
      {
        status: 400,
        code: "validation_error",
        message:
          /`Severe` is not a valid value for select property Risk Level\. Valid values: Low, Medium, High/,
      },
    );
    const view = await create({
      name: "Needs attention",
      type: "table",
      filter: {
        or: [
          { property: "Risk Level", select: { equals: "High" } },
          { property: "Health Status", select: { equals: "Critical" } },
        ],
      },
      sorts: [{ property: "Health Score", direction: "ascending" }],
      quick_filters: { "Config Drift": { checkbox: { equals: true } } },
    });
    expect(view.filter).toEqual({
      or: [
        { property: "Risk Level", select: { equals: "High" } },
        { property: "Health Status", select: { equals: "Critical" } },
      ],
    });
    expect(view.quick_filters).toEqual({ [props["Config Drift"] as string]: { checkbox: { equals: true } } });
    const byGroup = await create({
      name: "todo",
      type: "table",
      filter: { property: "Stage", status: { equals: "To-do" } },
    });
    expect(byGroup.filter).toEqual({ property: "Stage", status: { equals: "To-do" } });
  });

  it("requires exactly one of database_id, view_id and create_database", async () => {
    await expectNotionError(
      h.notion.views.create({ data_source_id: dataSourceId, name: "x", type: "table" } as never),
      {
        status: 400,
        code: "validation_error",
        message:
          /exactly one of `database_id`, `view_id` or `create_database` should be provided, instead none was/,
      },
    );
    await expectNotionError(
      h.notion.views.create({
        data_source_id: dataSourceId,
        database_id: databaseId,
        create_database: { parent: { type: "page_id", page_id: h.parentPageId } },
        name: "x",
        type: "table",
      } as never),
      { status: 400, code: "validation_error", message: /instead database_id, create_database were/ },
    );
    const linked = (await h.notion.views.create({
      data_source_id: dataSourceId,
      create_database: { parent: { type: "page_id", page_id: h.parentPageId } },
      name: "Linked",
      type: "list",
    } as never)) as AnyRecord;
    expect(linked.parent.database_id).not.toBe(databaseId);
    expect(linked.data_source_id).toBe(dataSourceId);
  });

  it("places views with position and lists views over a data source", async () => {
    const list = (await h.notion.views.list({ database_id: databaseId })) as AnyRecord;
    const defaultId = list.results[0].id;
    const first = await create({ name: "First", type: "table", position: { type: "start" } });
    const after = await create({
      name: "After default",
      type: "list",
      position: { type: "after_view", view_id: defaultId },
    });
    const ids = ((await h.notion.views.list({ database_id: databaseId })) as AnyRecord).results.map(
      (v: AnyRecord) => v.id,
    );
    expect(ids).toEqual([first.id, defaultId, after.id]);
    const bySource = (await h.notion.views.list({ data_source_id: dataSourceId, page_size: 2 })) as AnyRecord;
    expect(bySource.results).toHaveLength(2);
    expect(bySource.has_more).toBe(true);
  });

  it("updates name, filter, sorts and configuration (merged shallowly); type-required fields must be resent", async () => {
    const board = await create({
      name: "Board",
      type: "board",
      configuration: {
        type: "board",
        group_by: { type: "select", property_id: "Health Status", sort: { type: "manual" } },
        card_layout: "list",
      },
    });
    const updated = (await h.notion.views.update({
      view_id: board.id,
      name: "Health board",
      filter: { property: "Config Drift", checkbox: { equals: true } },
      configuration: {
        type: "board",
        group_by: { type: "select", property_id: "Risk Level", sort: { type: "descending" } },
        cover_size: "small",
      },
    } as never)) as AnyRecord;
    expect(updated.name).toBe("Health board");
    expect(updated.configuration).toMatchObject({
      card_layout: "list",
      cover_size: "small",
      group_by: { property_id: props["Risk Level"] },
    });
    await expectNotionError(
      h.notion.views.update({
        view_id: board.id,
        configuration: { type: "board", card_layout: "compact" },
      } as never),
      {
        status: 400,
        code: "validation_error",
        message: /body\.configuration\.group_by should be defined/,
      },
    );
    const cleared = (await h.notion.views.update({
      view_id: board.id,
      filter: null,
      configuration: { type: "board", group_by: updated.configuration.group_by, cover_size: null },
    } as never)) as AnyRecord;
    expect(cleared.filter).toBeNull();
    expect(cleared.configuration).not.toHaveProperty("cover_size");
    await expectNotionError(
      h.notion.views.update({
        view_id: board.id,
        sorts: [{ timestamp: "created_time", direction: "ascending" }],
      } as never),
      {
        status: 400,
        code: "validation_error",
        message: /body\.sorts\[0\]\.timestamp is not allowed here/,
      },
    );
    const res = await fetch(`${h.emulator.url}/v1/views/${board.id}`, {
      method: "PATCH",
      headers: {
        authorization: `Bearer ${h.emulator.token}`,
        "notion-version": "2025-09-03",
        "content-type": "application/json",
      },
      body: JSON.stringify({ type: "table" }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as AnyRecord).message).toMatch(/body\.type cannot be changed by an update/);
  });

  it("deletes views, but never the last view of a database", async () => {
    const list = (await h.notion.views.list({ database_id: databaseId })) as AnyRecord;
    const extra = await create({ name: "Extra", type: "table" });
    const deleted = (await h.notion.views.delete({ view_id: extra.id })) as AnyRecord;
    expect(deleted).toEqual({
      object: "view",
      id: extra.id,
      parent: { type: "database_id", database_id: databaseId },
      type: "table",
      request_id: expect.any(String),
    });
    await expectNotionError(h.notion.views.retrieve({ view_id: extra.id }), {
      status: 404,
      code: "object_not_found",
      message: /Could not find view with ID/,
    });
    await expectNotionError(h.notion.views.delete({ view_id: list.results[0].id }), {
      status: 400,
      code: "validation_error",
      message: /Cannot delete the last view of a database/,
    });
  });

  it("runs view queries with the view's filter and sorts", async () => {
    for (const [name, score] of [
      ["a", 90],
      ["b", 40],
      ["c", 55],
    ] as const) {
      await h.notion.pages.create({
        parent: { data_source_id: dataSourceId },
        properties: { "Site Name": { title: text(name) }, "Health Score": { number: score } },
      });
    }
    const view = await create({
      name: "Low",
      type: "table",
      filter: { property: "Health Score", number: { less_than: 60 } },
      sorts: [{ property: "Health Score", direction: "ascending" }],
    });
    const q = (await h.notion.views.queries.create({ view_id: view.id, page_size: 1 })) as AnyRecord;
    expect(q).toMatchObject({ object: "view_query", view_id: view.id, total_count: 2, has_more: true });
    const rest = (await h.notion.views.queries.results({
      view_id: view.id,
      query_id: q.id,
      start_cursor: q.next_cursor,
    })) as AnyRecord;
    expect(rest.results).toHaveLength(1);
    await h.notion.views.queries.delete({ view_id: view.id, query_id: q.id });
    await expectNotionError(h.notion.views.queries.results({ view_id: view.id, query_id: q.id }), {
      status: 404,
      code: "object_not_found",
    });
  });
});

describe("dashboards", () => {
  beforeEach(() => setup());

  it("creates a dashboard without configuration and lays widgets out in rows", async () => {
    await expectNotionError(create({ name: "Ops", type: "dashboard", configuration: { type: "table" } }), {
      status: 400,
      code: "validation_error",
      message: /body\.configuration is not accepted for dashboards/,
    });
    const dashboard = await create({ name: "Operations", type: "dashboard" });
    expect(dashboard).toMatchObject({
      type: "dashboard",
      data_source_id: null,
      configuration: { type: "dashboard", rows: [] },
    });
    const widget = (args: Record<string, unknown>) =>
      h.notion.views.create({
        data_source_id: dataSourceId,
        view_id: dashboard.id,
        ...args,
      } as never) as Promise<AnyRecord>;
    const trend = await widget({ name: "Trend", type: "chart", configuration: lineChart });
    expect(trend).toMatchObject({ dashboard_view_id: dashboard.id, parent: { database_id: databaseId } });
    const board = await widget({
      name: "Board",
      type: "board",
      configuration: {
        type: "board",
        group_by: { type: "select", property_id: "Health Status", sort: { type: "manual" } },
      },
      placement: { type: "existing_row", row_index: 0 },
    });
    const below = await widget({ name: "Below", type: "table", placement: { type: "new_row" } });
    const layout = ((await h.notion.views.retrieve({ view_id: dashboard.id })) as AnyRecord).configuration;
    expect(layout.rows).toHaveLength(2);
    expect(layout.rows[0].widgets.map((w: AnyRecord) => [w.view_id, w.width])).toEqual([
      [trend.id, 6],
      [board.id, 6],
    ]);
    expect(layout.rows[1].widgets).toEqual([
      { id: expect.any(String), view_id: below.id, width: 12, row_index: 1 },
    ]);

    await expectNotionError(widget({ name: "Nested", type: "dashboard" }), {
      status: 400,
      code: "validation_error",
      message: /dashboards cannot be nested/,
    });
    await expectNotionError(
      widget({ name: "Bad row", type: "table", placement: { type: "existing_row", row_index: 5 } }),
      {
        status: 400,
        code: "validation_error",
        message: /body\.placement\.row_index should be the index of an existing row/,
      },
    );
    await expectNotionError(create({ name: "tab", type: "table", placement: { type: "new_row" } }), {
      status: 400,
      code: "validation_error",
      message: /body\.placement is only allowed together with `view_id`/,
    });
    await expectNotionError(
      h.notion.views.create({
        data_source_id: dataSourceId,
        view_id: trend.id,
        name: "x",
        type: "table",
      } as never),
      { status: 400, code: "validation_error", message: /should be a dashboard view/ },
    );

    await h.notion.views.delete({ view_id: board.id });
    const after = ((await h.notion.views.retrieve({ view_id: dashboard.id })) as AnyRecord).configuration;
    expect(after.rows[0].widgets).toEqual([
      { id: expect.any(String), view_id: trend.id, width: 12, row_index: 0 },
    ]);
    const bySource = ((await h.notion.views.list({ data_source_id: dataSourceId })) as AnyRecord).results.map(
      (v: AnyRecord) => v.id,
    );
    expect(bySource).toContain(trend.id);
    const byDatabase = ((await h.notion.views.list({ database_id: databaseId })) as AnyRecord).results.map(
      (v: AnyRecord) => v.id,
    );
    expect(byDatabase).toContain(dashboard.id);
    expect(byDatabase).not.toContain(trend.id);

    await h.notion.views.delete({ view_id: dashboard.id });
    await expectNotionError(h.notion.views.retrieve({ view_id: trend.id }), {
      status: 404,
      code: "object_not_found",
    });
  });

  it("allows at most 4 widgets per row and 12 per dashboard", async () => {
    const dashboard = await create({ name: "Operations", type: "dashboard" });
    const widget = (placement: Record<string, unknown>) =>
      h.notion.views.create({
        data_source_id: dataSourceId,
        view_id: dashboard.id,
        name: "w",
        type: "table",
        placement,
      } as never);
    await widget({ type: "new_row" });
    for (let i = 0; i < 3; i++) await widget({ type: "existing_row", row_index: 0 });
    await expectNotionError(widget({ type: "existing_row", row_index: 0 }), {
      status: 400,
      code: "validation_error",
      message: /row 0 is full: a row holds at most 4 widgets/,
    });
    for (let i = 0; i < 8; i++) await widget({ type: "new_row" });
    await expectNotionError(widget({ type: "new_row" }), {
      status: 400,
      code: "validation_error",
      message: /a dashboard holds at most 12 widgets/,
    });
    const layout = ((await h.notion.views.retrieve({ view_id: dashboard.id })) as AnyRecord).configuration;
    expect(layout.rows[0].widgets.map((w: AnyRecord) => w.width)).toEqual([3, 3, 3, 3]);
  });

  it("dashboard layouts are read-only through update", async () => {
    const dashboard = await create({ name: "Operations", type: "dashboard" });
    await expectNotionError(
      h.notion.views.update({ view_id: dashboard.id, configuration: { type: "dashboard" } } as never),
      {
        status: 400,
        code: "validation_error",
        message: /of a dashboard is read-only/,
      },
    );
    const renamed = (await h.notion.views.update({ view_id: dashboard.id, name: "Ops" })) as AnyRecord;
    expect(renamed.name).toBe("Ops");
  });
});

describe("plan gates", () => {
  it("Free: one chart per workspace and no dashboards", async () => {
    await setup("free");
    await create({ name: "Trend", type: "chart", configuration: lineChart });
    await expectNotionError(create({ name: "Second", type: "chart", configuration: lineChart }), {
      status: 400,
      code: "validation_error",
      message: /The Free plan allows one chart per workspace/,
    });
    await expectNotionError(create({ name: "Ops", type: "dashboard" }), {
      status: 400,
      code: "validation_error",
      message:
        "Dashboards are available on Business and Enterprise plans; this workspace is on the Free plan.",
    });
    await expect(create({ name: "Board", type: "table" })).resolves.toMatchObject({ type: "table" });
  });

  it("Plus: unlimited charts, no dashboards; the plan can change at run time", async () => {
    await setup("plus");
    await create({ name: "One", type: "chart", configuration: lineChart });
    await create({ name: "Two", type: "chart", configuration: lineChart });
    await expectNotionError(create({ name: "Ops", type: "dashboard" }), {
      status: 400,
      code: "validation_error",
      message: /Plus plan/,
    });
    h.emulator.setPlan("enterprise");
    await expect(create({ name: "Ops", type: "dashboard" })).resolves.toMatchObject({ type: "dashboard" });
  });

  it("defaults to the Business plan", async () => {
    const emulator = await startNotionEmulator({ rateLimit: 0 });
    h = { emulator, notion: sdkClient(emulator), parentPageId: emulator.createParentPage("P") };
    const db = (await h.notion.databases.create({
      parent: { type: "page_id", page_id: h.parentPageId },
      title: text("D"),
    })) as AnyRecord;
    const dashboard = (await h.notion.views.create({
      data_source_id: db.data_sources[0].id,
      database_id: db.id,
      name: "Ops",
      type: "dashboard",
    } as never)) as AnyRecord;
    expect(dashboard.type).toBe("dashboard");
  });
});
