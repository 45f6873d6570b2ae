import { afterEach, describe, expect, it } from "vitest";
import { NotionAccessError, UsageError } from "../errors.js";
import { createLogger, createMemorySink } from "../log/index.js";
import { DATABASE_KEYS, type DatabaseKey } from "./database-keys.js";
import { readTag } from "./database-tag.js";
import { DATABASES } from "./databases.js";
import { runDoctor } from "./doctor.js";
import { runSetup, type SetupResult } from "./setup.js";
import { startTestWorkspace, type TestWorkspace } from "./test-support/workspace.js";
import { VIEWS } from "./views.js";

let ws: TestWorkspace;
afterEach(async () => {
  expect(ws.emulator.internalErrors()).toEqual([]);
  await ws.emulator.stop();
});

const setup = (configured: SetupResult["refs"] = {}, extra: { dryRun?: boolean } = {}) =>
  runSetup({ client: ws.client, parentPageId: ws.parentPageId, configured, ...extra });

interface EmulatedDataSource {
  id: string;
  title: { plain_text: string }[];
  parent: { database_id: string };
  properties: Record<string, { id: string; type: string; [k: string]: unknown }>;
}
const dataSources = () => ws.emulator.dataSources() as unknown as EmulatedDataSource[];
const dataSource = (id: string) => dataSources().find((ds) => ds.id === id) as EmulatedDataSource;
const writes = (mark: number) =>
  ws.emulator
    .requestLog()
    .filter(
      (e) => e.seq > mark && e.method !== "GET" && !(e.method === "POST" && /\/(search|query)$/.test(e.path)),
    );
const totalTabs = VIEWS.length;
const totalViews = VIEWS.reduce((n, v) => n + 1 + (v.type === "dashboard" ? v.widgets.length : 0), 0);

describe("setup", () => {
  it("creates the seven databases of SPEC §4 under the parent, Customer Sites first, with exact names, types, options and relations", async () => {
    ws = await startTestWorkspace();
    const result = await setup();

    expect(result.databases.map((d) => [d.key, d.status])).toEqual(
      DATABASE_KEYS.map((key) => [key, "created"]),
    );
    const creates = ws.emulator.requestLog().filter((e) => e.endpoint === "POST /v1/databases");
    expect(
      creates.map((e) => (e.body as { title: { text: { content: string } }[] }).title[0]?.text.content),
    ).toEqual(DATABASE_KEYS.map((key) => DATABASES[key].title));
    expect(ws.emulator.databases()).toHaveLength(7);
    for (const db of ws.emulator.databases()) {
      expect(db.parent).toEqual({ type: "page_id", page_id: ws.parentPageId });
    }

    const customerSitesDs = result.refs.customerSites?.dataSourceId as string;
    for (const key of DATABASE_KEYS) {
      const ref = result.refs[key];
      expect(ref, key).toBeDefined();
      const ds = dataSource(ref?.dataSourceId as string);
      expect(ds.parent.database_id).toBe(ref?.databaseId);
      expect(ds.title.map((t) => t.plain_text).join("")).toBe(DATABASES[key].title);
      const actual = Object.fromEntries(Object.entries(ds.properties).map(([name, p]) => [name, p.type]));
      const expected = Object.fromEntries(DATABASES[key].properties.map((p) => [p.name, p.type]));
      expect(actual, key).toEqual(expected);
      for (const property of DATABASES[key].properties) {
        const live = ds.properties[property.name] as Record<string, unknown>;
        if (property.type === "relation") {
          expect(
            (live.relation as { data_source_id: string }).data_source_id,
            `${key}.${property.name}`,
          ).toBe(customerSitesDs);
        }
        if (property.options) {
          const options = (live[property.type] as { options: { name: string; color: string }[] }).options;
          expect(options.map((o) => [o.name, o.color])).toEqual(
            property.options.map((o) => [o.name, o.color]),
          );
        }
      }
    }
    // 2025-09-03 relation configs carry only data_source_id.
    for (const entry of creates) {
      const props = (
        entry.body as { initial_data_source: { properties: Record<string, Record<string, unknown>> } }
      ).initial_data_source.properties;
      for (const config of Object.values(props)) {
        if (config.relation) {
          expect(config.relation).toEqual({
            data_source_id: customerSitesDs,
            type: "single_property",
            single_property: {},
          });
        }
      }
    }
    // Each database is tagged so setup can find it again.
    for (const db of ws.emulator.databases()) {
      const description = (db.description as { plain_text: string }[]).map((t) => t.plain_text).join("");
      const key = DATABASE_KEYS.find((k) => result.refs[k]?.databaseId === db.id) as DatabaseKey;
      expect(description).toContain(DATABASES[key].purpose);
      expect(readTag(description)).toEqual({ key, skippedViews: [] });
    }
    expect(result.views.filter((v) => v.status === "created")).toHaveLength(totalViews);
  });

  it("creates nothing on a second run: by the ids in the config, or by the tag when the ids are lost", async () => {
    ws = await startTestWorkspace();
    const first = await setup();

    let mark = ws.mark();
    const second = await setup(first.refs);
    expect(writes(mark)).toEqual([]);
    expect(second.databases.map((d) => [d.status, d.foundBy])).toEqual(
      DATABASE_KEYS.map(() => ["found", "config"]),
    );
    expect(second.refs).toEqual(first.refs);
    expect(second.views.every((v) => v.status === "found")).toBe(true);
    expect(second.views).toHaveLength(totalViews);

    mark = ws.mark();
    const third = await setup({});
    expect(writes(mark)).toEqual([]);
    expect(third.databases.map((d) => [d.status, d.foundBy])).toEqual(
      DATABASE_KEYS.map(() => ["found", "tag"]),
    );
    expect(third.refs).toEqual(first.refs);
  });

  it("finds a database by its tag after the user renamed it and the sync rewrote the rest of the description", async () => {
    ws = await startTestWorkspace();
    const first = await setup();
    const id = first.refs.customerSites?.databaseId as string;
    await ws.client.databases.update({
      database_id: id,
      title: [{ type: "text", text: { content: "Kunden" } }],
      description: [
        {
          type: "text",
          text: { content: "Last sync 2026-03-02 06:00 UTC: 12 sites\nnotion-ops:customerSites\nOur notes" },
        },
      ],
    });
    const mark = ws.mark();
    const again = await setup({
      dailyHealth: first.refs.dailyHealth as NonNullable<SetupResult["refs"]["dailyHealth"]>,
    });
    expect(writes(mark)).toEqual([]);
    const cs = again.databases.find((d) => d.key === "customerSites");
    expect(cs).toMatchObject({ status: "found", foundBy: "tag", databaseId: id });
    expect(cs?.note).toContain('named "Kunden"');
  });

  it("puts its tag back into a description the user cleared, and touches nothing else", async () => {
    ws = await startTestWorkspace();
    const first = await setup();
    const id = first.refs.runbooks?.databaseId as string;
    await ws.client.databases.update({
      database_id: id,
      description: [{ type: "text", text: { content: "Our runbooks" } }],
    });
    const mark = ws.mark();
    await setup(first.refs);
    const sent = writes(mark);
    expect(sent.map((e) => e.path)).toEqual([`/v1/databases/${id}`]);
    expect(sent[0]?.body).toEqual({
      description: [{ type: "text", text: { content: "Our runbooks\nnotion-ops:runbooks" } }],
    });
  });

  it("recreates only a database that was deleted, and only its views", async () => {
    ws = await startTestWorkspace();
    const first = await setup();
    ws.emulator.deleteDatabase(first.refs.networkDevices?.databaseId as string);

    const mark = ws.mark();
    const again = await setup(first.refs);
    const created = writes(mark);
    expect(
      created
        .filter((e) => e.endpoint === "POST /v1/databases")
        .map((e) => (e.body as { title: { text: { content: string } }[] }).title[0]?.text.content),
    ).toEqual(["Network Devices"]);
    expect(again.databases.map((d) => d.status)).toEqual(
      DATABASE_KEYS.map((key) => (key === "networkDevices" ? "recreated" : "found")),
    );
    const viewCreates = created
      .filter((e) => e.endpoint === "POST /v1/views")
      .map((e) => (e.body as { name: string }).name);
    // Its two tabs, and the dashboard widget that showed its rows (Notion deleted it with the data source).
    expect(viewCreates.sort()).toEqual(["Devices by vendor", "Offline and missing", "Offline devices"]);
    expect(again.refs.networkDevices?.databaseId).not.toBe(first.refs.networkDevices?.databaseId);
    expect(ws.emulator.databases()).toHaveLength(7);
  });

  it("recreates a database that sits in the trash, and warns when the Site relations point at a replaced Customer Sites", async () => {
    ws = await startTestWorkspace();
    const first = await setup();
    await ws.client.databases.update({
      database_id: first.refs.customerSites?.databaseId as string,
      in_trash: true,
    });
    const sink = createMemorySink();
    const again = await runSetup({
      client: ws.client,
      parentPageId: ws.parentPageId,
      configured: first.refs,
      logger: createLogger(sink),
    });
    expect(again.databases.find((d) => d.key === "customerSites")?.status).toBe("recreated");
    expect(again.databases.filter((d) => d.status !== "found").map((d) => d.key)).toEqual(["customerSites"]);
    expect(again.warnings.filter((w) => w.includes("(Site)"))).toHaveLength(3);
    expect(again.warnings.join("\n")).toMatch(
      /Daily Health: 1 difference from the notion-ops schema \(Site\); run notion-ops doctor/,
    );
    expect(sink.lines.filter((l) => l.level === "warn").map((l) => l.message)).toEqual(again.warnings);
  });

  it("creates a database at most once when the create fails ambiguously (it landed, the response was lost)", async () => {
    ws = await startTestWorkspace();
    ws.emulator.queueFaults({
      kind: "ambiguous_create",
      method: "POST",
      path: "/v1/databases",
      outcome: "internal_server_error",
    });
    const result = await setup();
    expect(ws.emulator.databases()).toHaveLength(7);
    expect(result.databases.every((d) => d.status === "created")).toBe(true);
    const titles = ws.emulator.databases().map((d) => (d.title as { plain_text: string }[])[0]?.plain_text);
    expect(new Set(titles).size).toBe(7);
  });

  it("--dry-run sends no write and lists the databases and views it would create", async () => {
    ws = await startTestWorkspace();
    const mark = ws.mark();
    const result = await setup({}, { dryRun: true });
    expect(writes(mark)).toEqual([]);
    expect(ws.emulator.databases()).toHaveLength(0);
    expect(result.databases.map((d) => d.status)).toEqual(DATABASE_KEYS.map(() => "would_create"));
    expect(result.views.map((v) => v.status)).toEqual(Array(totalViews).fill("would_create"));
    expect(result.views.filter((v) => !v.dashboard).map((v) => v.name)).toEqual(
      expect.arrayContaining(VIEWS.map((v) => v.name)),
    );
    expect(result.views.filter((v) => !v.dashboard)).toHaveLength(totalTabs);
  });

  it("--dry-run after a view was deleted lists just that view", async () => {
    ws = await startTestWorkspace();
    const first = await setup();
    const failures = first.views.find((v) => v.key === "scriptRuns.failures");
    ws.emulator.removeView(failures?.viewId as string);
    const mark = ws.mark();
    const plan = await setup(first.refs, { dryRun: true });
    expect(writes(mark)).toEqual([]);
    expect(plan.views.filter((v) => v.status !== "found").map((v) => [v.name, v.status])).toEqual([
      ["Failures", "would_create"],
    ]);
  });

  it("refuses a parent page that is not an id, and explains how to share one the integration cannot see", async () => {
    ws = await startTestWorkspace();
    await expect(runSetup({ client: ws.client, parentPageId: "my page", configured: {} })).rejects.toThrow(
      UsageError,
    );
    ws.emulator.setShared(ws.parentPageId, false);
    const failure = setup();
    await expect(failure).rejects.toThrow(NotionAccessError);
    await expect(failure).rejects.toThrow(/Connections → add your integration/);
    expect(ws.emulator.databases()).toHaveLength(0);
  });
});

describe("setup on plans that refuse views", () => {
  it("Free: keeps the one chart it may create, skips the others and the dashboard with the reason, records them, and doctor does not count them", async () => {
    ws = await startTestWorkspace({ plan: "free" });
    const first = await setup();
    const byStatus = (status: string) => first.views.filter((v) => v.status === status).map((v) => v.key);
    expect(byStatus("failed")).toEqual([]);
    expect(byStatus("skipped_plan")).toEqual([
      "customerSites.operations",
      "dailyHealth.sitesBelow60",
      "configChanges.changesPerSite",
      "networkDevices.devicesByVendor",
      "scriptRuns.runsPerDay",
    ]);
    expect(byStatus("created")).toContain("dailyHealth.scoreTrend");
    const dashboard = first.views.find((v) => v.key === "customerSites.operations");
    expect(dashboard?.reason).toMatch(
      /^dashboards need a Business or Enterprise plan \(Notion: "Dashboards are available/,
    );
    expect(first.views.find((v) => v.key === "scriptRuns.runsPerDay")?.reason).toMatch(
      /one chart per workspace/,
    );

    const descriptions = Object.fromEntries(
      ws.emulator
        .databases()
        .map((db) => [db.id, (db.description as { plain_text: string }[]).map((t) => t.plain_text).join("")]),
    );
    expect(
      readTag(descriptions[first.refs.customerSites?.databaseId as string] as string)?.skippedViews,
    ).toEqual(["Operations"]);
    expect(
      readTag(descriptions[first.refs.dailyHealth?.databaseId as string] as string)?.skippedViews,
    ).toEqual(["Sites below 60 per day"]);

    const doctor = await runDoctor({ client: ws.client, configured: first.refs });
    expect(doctor.ok).toBe(true);
    expect(doctor.counts.skipped).toBe(5);
    expect(doctor.checks.filter((c) => c.status === "skipped").map((c) => c.subject)).toContain(
      'view "Operations"',
    );

    // A re-run tries again (the plan may have changed), is refused again, and rewrites nothing.
    const mark = ws.mark();
    const again = await setup(first.refs);
    expect(again.views.filter((v) => v.status === "skipped_plan")).toHaveLength(5);
    expect(writes(mark).filter((e) => e.status === 200)).toEqual([]);

    // After an upgrade, setup creates what was skipped and clears the record.
    ws.emulator.setPlan("business");
    const upgraded = await setup(first.refs);
    expect(upgraded.views.filter((v) => v.status === "created")).toHaveLength(5 + 4);
    expect(upgraded.views.filter((v) => v.status === "skipped_plan")).toEqual([]);
    const after = await runDoctor({ client: ws.client, configured: first.refs });
    expect(after.counts).toMatchObject({ problem: 0, skipped: 0 });
  });

  it("Plus: creates every chart and skips only the dashboard", async () => {
    ws = await startTestWorkspace({ plan: "plus" });
    const result = await setup();
    expect(result.views.filter((v) => v.status === "skipped_plan").map((v) => v.name)).toEqual([
      "Operations",
    ]);
    expect(result.views.filter((v) => v.type === "chart" && v.status === "created")).toHaveLength(5);
  });
});
