import { afterEach, describe, expect, it } from "vitest";
import { createNotionClient } from "../notion/client.js";
import type { DatabaseKey } from "./database-keys.js";
import { type DoctorCheck, doctorTable, runDoctor } from "./doctor.js";
import { runSetup, type SetupResult } from "./setup.js";
import { startTestWorkspace, type TestWorkspace } from "./test-support/workspace.js";

let ws: TestWorkspace;
let refs: SetupResult["refs"];
afterEach(async () => {
  expect(ws.emulator.internalErrors()).toEqual([]);
  await ws.emulator.stop();
});

async function setUp(): Promise<void> {
  ws = await startTestWorkspace();
  refs = (await runSetup({ client: ws.client, parentPageId: ws.parentPageId, configured: {} })).refs;
}

const ds = (key: DatabaseKey) => refs[key]?.dataSourceId as string;
const doctor = (repair = false, configured = refs) => runDoctor({ client: ws.client, configured, repair });
const problems = (checks: DoctorCheck[]) =>
  checks.filter((c) => c.status === "problem").map((c) => `${c.area} ${c.subject}: ${c.message}`);

describe("doctor", () => {
  it("passes a workspace setup made, checking the token, every database, every schema and every view", async () => {
    await setUp();
    const result = await doctor();
    expect(problems(result.checks)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.checks[0]).toMatchObject({ area: "token", status: "ok" });
    expect(result.checks.filter((c) => c.subject === "database" && c.status === "ok")).toHaveLength(7);
    expect(result.checks.filter((c) => c.subject === "schema" && c.status === "ok")).toHaveLength(7);
    expect(result.checks.filter((c) => c.subject.startsWith("view ") && c.status === "ok")).toHaveLength(16);
    expect(doctorTable(result).title).toBe("Doctor: no problems");
  });

  it("names a removed property, a retyped one and a deleted option; --repair adds the missing ones and never retypes", async () => {
    await setUp();
    ws.emulator.removeProperty(ds("customerSites"), "Open Tickets");
    ws.emulator.retypeProperty(ds("customerSites"), "Health Score", "rich_text");
    ws.emulator.removeSelectOption(ds("scriptRuns"), "Status", "timeout");
    ws.emulator.removeSelectOption(ds("scriptRuns"), "Status", "blocked");

    const before = await doctor();
    expect(before.ok).toBe(false);
    expect(problems(before.checks)).toEqual([
      'customerSites property "Health Score": "Health Score" is a rich_text property, expected number. notion-ops never changes a property\'s type (it would lose data): change it back in Notion (open the database → click the column header → Edit property → Type), or rename it and run notion-ops doctor --repair to add a new "Health Score".',
      'customerSites property "Open Tickets": "Open Tickets" (number) is missing; notion-ops doctor --repair adds it.',
      'scriptRuns property "Status": "Status" lacks the options "timeout", "blocked"; notion-ops doctor --repair adds them.',
    ]);

    const mark = ws.mark();
    const repaired = await doctor(true);
    const patches = ws.emulator
      .requestLog()
      .filter((e) => e.seq > mark && e.method === "PATCH")
      .map((e) => [e.endpoint, Object.keys((e.body as { properties: object }).properties)]);
    expect(patches).toEqual([
      ["PATCH /v1/data_sources/:data_source_id", ["Open Tickets"]],
      ["PATCH /v1/data_sources/:data_source_id", ["Status"]],
    ]);
    expect(
      repaired.checks.filter((c) => c.status === "repaired").map((c) => `${c.subject}: ${c.message}`),
    ).toEqual([
      'property "Open Tickets": added "Open Tickets"',
      'property "Status": added the options "timeout", "blocked"',
    ]);
    expect(problems(repaired.checks)).toHaveLength(1);
    expect(repaired.ok).toBe(false);

    const after = await doctor();
    expect(problems(after.checks).map((p) => p.split(":")[0])).toEqual([
      'customerSites property "Health Score"',
    ]);
    const live = ws.emulator.dataSources() as {
      id: string;
      properties: Record<string, { type: string; select?: { options: { name: string }[] } }>;
    }[];
    const cs = live.find((d) => d.id === ds("customerSites"));
    expect(cs?.properties["Health Score"]?.type).toBe("rich_text");
    expect(cs?.properties["Open Tickets"]?.type).toBe("number");
    const runs = live.find((d) => d.id === ds("scriptRuns"));
    expect(runs?.properties.Status?.select?.options.map((o) => o.name)).toEqual([
      "success",
      "failed",
      "skipped",
      "timeout",
      "blocked",
    ]);
  });

  it("reports the user's own properties as info and leaves them alone, and flags a relation to the wrong data source", async () => {
    await setUp();
    await ws.client.dataSources.update({
      data_source_id: ds("networkDevices"),
      properties: { "Rack Slot": { rich_text: {} } },
    });
    ws.emulator.removeProperty(ds("configChanges"), "Site");
    await ws.client.dataSources.update({
      data_source_id: ds("configChanges"),
      properties: {
        Site: { relation: { data_source_id: ds("runbooks"), type: "single_property", single_property: {} } },
      },
    });
    const mark = ws.mark();
    const result = await doctor(true);
    expect(result.checks.find((c) => c.subject === 'property "Rack Slot"')).toMatchObject({
      status: "info",
      area: "networkDevices",
    });
    const wrong = result.checks.find((c) => c.area === "configChanges" && c.subject === 'property "Site"');
    expect(wrong?.status).toBe("problem");
    expect(wrong?.message).toContain(`relates to data source ${ds("runbooks")}`);
    expect(ws.emulator.requestLog().filter((e) => e.seq > mark && e.method !== "GET")).toEqual([]);
  });

  it("gives the sharing fix for a database the integration cannot see, and says to run setup for one missing from the config", async () => {
    await setUp();
    ws.emulator.setShared(refs.dailyHealth?.databaseId as string, false);
    const { runbooks: _, ...withoutRunbooks } = refs;
    const result = await doctor(false, withoutRunbooks);
    expect(result.ok).toBe(false);
    const byArea = Object.fromEntries(
      result.checks.filter((c) => c.subject === "database").map((c) => [c.area, c]),
    );
    expect(byArea.dailyHealth?.status).toBe("problem");
    expect(byArea.dailyHealth?.message).toContain(
      "open the page that contains it in Notion → ••• → Connections → add your integration",
    );
    expect(byArea.runbooks?.message).toBe(
      "not in the config (notion.databases.runbooks); run notion-ops setup --parent-page <page id> to create it and write its ids.",
    );
    // Only those two: the rest is checked as usual, and the widget over Daily Health is not
    // reported separately.
    expect(problems(result.checks).map((p) => p.split(" ")[0])).toEqual(["dailyHealth", "runbooks"]);
    expect(byArea.customerSites?.status).toBe("ok");
  });

  it("stops at a rejected token with a message that says so", async () => {
    await setUp();
    const bad = createNotionClient({
      token: "secret_wrong",
      baseUrl: ws.emulator.url,
      rateLimit: 1000,
      baseDelayMs: 1,
    });
    const result = await runDoctor({ client: bad, configured: refs });
    expect(result.checks).toHaveLength(1);
    expect(result.checks[0]).toMatchObject({ area: "token", status: "problem" });
    expect(result.checks[0]?.message).toMatch(/^Notion rejected the token \(401 unauthorized\)/);
    expect(result.checks[0]?.message).not.toContain("secret_wrong");
  });
});

describe("doctor and views", () => {
  it("reports a deleted view; --repair recreates only that one, and a deleted widget goes back into its row", async () => {
    await setUp();
    const views = ws.emulator.views() as {
      id: string;
      name: string;
      dashboard_view_id?: string;
      configuration: { rows?: { widgets: { view_id: string }[] }[] };
    }[];
    const calendar = views.find((v) => v.name === "Change calendar" && !v.dashboard_view_id);
    const dashboard = views.find((v) => v.name === "Operations");
    const trend = views.find((v) => v.name === "Health score trend" && v.dashboard_view_id);
    ws.emulator.removeView(calendar?.id as string);
    ws.emulator.removeView(trend?.id as string);

    const before = await doctor();
    expect(problems(before.checks)).toEqual([
      'customerSites view "Operations › Health score trend": missing (chart); run notion-ops doctor --repair to recreate it',
      'configChanges view "Change calendar": missing (calendar); run notion-ops doctor --repair to recreate it',
    ]);

    const mark = ws.mark();
    const repaired = await doctor(true);
    const creates = ws.emulator
      .requestLog()
      .filter((e) => e.seq > mark && e.method === "POST" && e.endpoint === "POST /v1/views");
    expect(creates.map((e) => (e.body as { name: string }).name)).toEqual([
      "Health score trend",
      "Change calendar",
    ]);
    expect((creates[0]?.body as { placement?: unknown } | undefined)?.placement).toEqual({
      type: "existing_row",
      row_index: 0,
    });
    expect(repaired.counts.repaired).toBe(2);
    expect(repaired.ok).toBe(true);

    const layout = (ws.emulator.views() as typeof views).find((v) => v.id === dashboard?.id)?.configuration
      .rows;
    expect(layout?.map((r) => r.widgets.length)).toEqual([2, 2]);
    expect((await doctor()).ok).toBe(true);
  });

  it("never touches a view the user renamed or edited; the renamed one's name is taken back by a new view", async () => {
    await setUp();
    const views = ws.emulator.views() as { id: string; name: string }[];
    const attention = views.find((v) => v.name === "Needs attention");
    const board = views.find((v) => v.name === "Health board");
    await ws.client.views.update({ view_id: attention?.id as string, name: "Escalations" });
    await ws.client.views.update({
      view_id: board?.id as string,
      sorts: [{ property: "Site Name", direction: "ascending" }] as never,
    });

    const before = await doctor();
    expect(problems(before.checks)).toEqual([
      'customerSites view "Needs attention": missing (table); run notion-ops doctor --repair to recreate it',
    ]);
    const mark = ws.mark();
    await doctor(true);
    const requests = ws.emulator.requestLog().filter((e) => e.seq > mark && e.method !== "GET");
    expect(requests.map((e) => [e.endpoint, (e.body as { name?: string }).name])).toEqual([
      ["POST /v1/views", "Needs attention"],
    ]);
    const after = ws.emulator.views() as { id: string; name: string; sorts: unknown }[];
    expect(after.find((v) => v.id === attention?.id)?.name).toBe("Escalations");
    expect(after.find((v) => v.id === board?.id)?.sorts).toEqual([
      { property: "Site Name", direction: "ascending" },
    ]);
  });
});
