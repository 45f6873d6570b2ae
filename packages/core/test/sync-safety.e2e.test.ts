import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { parseConfig } from "../src/config/load.js";
import type { NotionOpsConfig } from "../src/config/schema.js";
import { DataSourceError } from "../src/errors.js";
import { createLogger, createMemorySink } from "../src/log/index.js";
import { createNotionClient } from "../src/notion/client.js";
import { decodeRecord, type PlainValue } from "../src/notion/codec.js";
import type { DeviceObservation, SiteObservation } from "../src/plugins/observations.js";
import type { DataSourcePlugin } from "../src/plugins/plugin.js";
import type { DatabaseKey } from "../src/schema/database-keys.js";
import { runSetup } from "../src/schema/setup.js";
import { startTestWorkspace, type TestWorkspace } from "../src/schema/test-support/workspace.js";
import { runSync, type SyncOptions } from "../src/sync/run-sync.js";

/** Daily Health under a failed source, duplicates left by overlapping runs, and two runs at once. */

const site = (source: string, sourceId: string, name: string, extra: Partial<SiteObservation> = {}) =>
  ({
    source,
    sourceId,
    name,
    matchKeys: { siteId: sourceId },
    devicesOnline: 2,
    devicesTotal: 3,
    criticalAlerts: 1,
    backupStatus: "failed",
    ...extra,
  }) satisfies SiteObservation;

const device = (source: string, id: string, siteSourceId: string): DeviceObservation => ({
  key: `${source}:${id}`,
  source,
  vendorId: id,
  siteSourceId,
  name: `Device ${id}`,
  status: "online",
});

function plugin(
  name: string,
  estate: { sites: SiteObservation[]; devices: DeviceObservation[] },
  down: { now: boolean },
): DataSourcePlugin<Record<string, never>> {
  return {
    name,
    displayName: name,
    configSchema: z.strictObject({}),
    credentials: { env: [], required: [], secret: [] },
    check: async () => ({ ok: true, messages: [] }),
    collect: async () => {
      if (down.now) throw new DataSourceError(name, `${name}: GET /v1/sites returned 503 after 5 attempts`);
      return { source: name, ...structuredClone(estate), services: [], errors: [], notes: [] };
    },
  };
}

let ws: TestWorkspace;
let config: NotionOpsConfig;
const sink = createMemorySink();
const logger = createLogger(sink);
const rmmDown = { now: false };
const plugins = [
  plugin(
    "unifi",
    { sites: [site("unifi", "u1", "Acme Corp")], devices: [device("unifi", "1", "u1")] },
    { now: false },
  ),
  plugin(
    "rmm",
    { sites: [site("rmm", "r1", "Acme Corp", { criticalAlerts: 4 })], devices: [device("rmm", "7", "r1")] },
    rmmDown,
  ),
];

beforeEach(async () => {
  ws = await startTestWorkspace();
  rmmDown.now = false;
  sink.lines.length = 0;
  const { refs } = await runSetup({ client: ws.client, parentPageId: ws.parentPageId, configured: {} });
  config = parseConfig(
    [
      "notion:",
      "  databases:",
      ...Object.entries(refs).map(
        ([key, ref]) =>
          `    ${key}: { databaseId: "${ref?.databaseId}", dataSourceId: "${ref?.dataSourceId}" }`,
      ),
      "sources: { unifi: {}, rmm: {} }",
      "sites:",
      "  - { key: ACME-001, name: Acme Corp }",
    ].join("\n"),
    "notion-ops.yml",
    { sourceSchemas: { unifi: z.strictObject({}), rmm: z.strictObject({}) } },
  );
});
afterEach(async () => {
  expect(ws.emulator.internalErrors()).toEqual([]);
  await ws.emulator.stop();
});

const sync = (options: Partial<SyncOptions> = {}) =>
  runSync({ config, client: ws.client, plugins, env: {}, logger, date: "2026-11-21", ...options });

const pages = (key: DatabaseKey): (Record<string, PlainValue> & { id: string })[] =>
  ws.emulator.pages(config.notion.databases[key]!.dataSourceId).map((page) => ({
    id: page.id,
    ...decodeRecord(page.properties as Record<string, unknown>),
  }));

describe("Daily Health when a source could not be read", () => {
  it("writes no snapshot from partial data, says so, and the next complete run writes it", async () => {
    rmmDown.now = true;
    const partial = await sync();
    expect(partial.sourceFailures.map((f) => f.source)).toEqual(["rmm"]);
    expect(pages("dailyHealth")).toEqual([]);
    expect(pages("customerSites")).toHaveLength(1);
    expect(sink.lines.map((l) => l.message)).toContain(
      "Daily Health: no snapshot written for 2026-11-21, because rmm could not be read; the next run that reads every source writes them",
    );

    rmmDown.now = false;
    await sync();
    const [snapshot, ...more] = pages("dailyHealth");
    expect(more).toEqual([]);
    // Both sources' alerts: 1 from UniFi and 4 from the RMM.
    expect(snapshot).toMatchObject({ "Snapshot Key": "ACME-001@2026-11-21", "Critical Alerts": 5 });
  });
});

describe("duplicates", () => {
  it("a run resolves the duplicates an earlier overlap left before it plans, relations included", async () => {
    await sync();
    const [kept] = pages("customerSites");
    // An overlapping run's copy of the site (created later, so it sorts after the kept page), and
    // a device of that run pointing at it.
    const ds = config.notion.databases;
    const copy = await ws.client.pages.create({
      parent: { type: "data_source_id", data_source_id: ds.customerSites!.dataSourceId },
      properties: {
        "Site Name": { title: [{ type: "text", text: { content: "Acme Corp" } }] },
        "Site Key": { rich_text: [{ type: "text", text: { content: "ACME-001" } }] },
      },
    });
    const [older, newer] = [kept!.id, copy.id].sort(
      (a, b) =>
        String(ws.emulator.page(a)!.created_time).localeCompare(String(ws.emulator.page(b)!.created_time)) ||
        a.localeCompare(b),
    ) as [string, string];
    const device = pages("networkDevices").find((d) => d["Device Key"] === "unifi:1")!;
    await ws.client.pages.update({ page_id: device.id, properties: { Site: { relation: [{ id: newer }] } } });

    const result = await sync();
    expect(result.duplicatesResolved).toEqual([
      { database: "customerSites", key: "ACME-001", kept: older, trashed: [newer], leftAlone: [] },
    ]);
    expect(pages("customerSites").map((p) => p.id)).toEqual([older]);
    for (const d of pages("networkDevices")) expect(d.Site).toEqual([older]);
    for (const s of pages("dailyHealth")) expect(s.Site).toEqual([older]);
  });

  it("two runs at once, each with its own client, end with every key once", async () => {
    const second = createNotionClient({
      token: ws.emulator.token,
      baseUrl: ws.emulator.url,
      rateLimit: 1000,
      baseDelayMs: 1,
    });
    const [a, b] = await Promise.all([sync(), sync({ client: second })]);
    const created = (r: typeof a) => r.databases.reduce((sum, d) => sum + d.created, 0);
    expect(created(a)).toBe(4);
    expect(created(b)).toBe(4);
    const trashed = [...a.duplicatesResolved, ...b.duplicatesResolved].flatMap((r) => r.trashed);
    expect(new Set(trashed).size).toBe(4);
    for (const key of ["customerSites", "dailyHealth", "networkDevices"] as const) {
      const keys = pages(key).map((p) =>
        String(
          p[key === "customerSites" ? "Site Key" : key === "dailyHealth" ? "Snapshot Key" : "Device Key"],
        ),
      );
      expect(new Set(keys).size).toBe(keys.length);
    }
    const [kept] = pages("customerSites");
    for (const d of [...pages("networkDevices"), ...pages("dailyHealth")]) expect(d.Site).toEqual([kept!.id]);
  });
});
