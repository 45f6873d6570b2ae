import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { parseConfig } from "../src/config/load.js";
import type { NotionOpsConfig } from "../src/config/schema.js";
import { createLogger, createMemorySink } from "../src/log/index.js";
import { decodeRecord, type PlainValue } from "../src/notion/codec.js";

import type { DeviceObservation, RecordError, SiteObservation } from "../src/plugins/observations.js";
import type { DataSourcePlugin } from "../src/plugins/plugin.js";
import type { DatabaseKey } from "../src/schema/database-keys.js";
import { runSetup } from "../src/schema/setup.js";
import { startTestWorkspace, type TestWorkspace } from "../src/schema/test-support/workspace.js";
import { customerSitesFreshness } from "../src/sync/freshness.js";
import { runSync, type SyncOptions } from "../src/sync/run-sync.js";
import { createRunbookSync } from "../src/sync/runbooks/index.js";

interface Estate {
  sites: SiteObservation[];
  devices: DeviceObservation[];
}

/** A data source at the plugin boundary: the engine sees exactly what a plugin would return. */
function estatePlugin(estate: Estate & { errors?: RecordError[] }): DataSourcePlugin<Record<string, never>> {
  return {
    name: "unifi",
    displayName: "UniFi",
    configSchema: z.strictObject({}),
    credentials: { env: [], required: [], secret: [] },
    check: async () => ({ ok: true, messages: [] }),
    collect: async () => ({
      source: "unifi",
      sites: structuredClone(estate.sites),
      devices: structuredClone(estate.devices),
      services: [],
      errors: structuredClone(estate.errors ?? []),
      notes: [],
    }),
  };
}

const site = (sourceId: string, name: string, extra: Partial<SiteObservation> = {}): SiteObservation => ({
  source: "unifi",
  sourceId,
  name,
  matchKeys: { siteId: sourceId },
  devicesOnline: 2,
  devicesTotal: 2,
  openTickets: 3,
  wifiClients: 10,
  weakSignalClients: 0,
  criticalAlerts: 0,
  warningAlerts: 0,
  backupStatus: "success",
  lastSeen: "2026-11-21T05:00:00Z",
  ...extra,
});
const device = (
  id: string,
  siteSourceId: string,
  extra: Partial<DeviceObservation> = {},
): DeviceObservation => ({
  key: `unifi:${id}`,
  source: "unifi",
  vendorId: id,
  siteSourceId,
  name: `Device ${id}`,
  model: "U6-LR",
  status: "online",
  mac: `aa:bb:cc:00:00:${id.padStart(2, "0")}`,
  ip: "10.0.0.1",
  firmware: "6.6.55",
  lastSeen: "2026-11-21T05:00:00Z",
  ...extra,
});

let ws: TestWorkspace;
let estate: Estate & { errors?: RecordError[] };
let config: NotionOpsConfig;
const sink = createMemorySink();
const logger = createLogger(sink);

beforeEach(async () => {
  ws = await startTestWorkspace();
  const setup = await runSetup({ client: ws.client, parentPageId: ws.parentPageId, configured: {} });
  const databases = Object.entries(setup.refs)
    .map(
      ([key, ref]) =>
        `    ${key}: { databaseId: "${ref?.databaseId}", dataSourceId: "${ref?.dataSourceId}" }`,
    )
    .join("\n");
  config = parseConfig(
    [
      "notion:",
      "  databases:",
      databases,
      "sources:",
      "  unifi: {}",
      "sites:",
      "  - { key: ACME-001, name: Acme Corp, unifi: { siteId: s1 }, contractRenewal: 2027-03-01 }",
      "  - { key: BETA-002, name: Beta Dental }",
      "  - { key: GONE-003, name: Not Reported Anywhere }",
    ].join("\n"),
    "notion-ops.yml",
    { sourceSchemas: { unifi: z.strictObject({}) } },
  );
  estate = {
    sites: [
      site("s1", "Acme HQ"),
      site("s2", "  beta   DENTAL "),
      site("s3", "Gamma Clinic", { devicesOnline: 1 }),
    ],
    devices: [
      device("1", "s1"),
      device("2", "s1"),
      device("3", "s2"),
      device("4", "s3", { status: "offline" }),
    ],
  };
});
afterEach(async () => {
  expect(ws.emulator.internalErrors()).toEqual([]);
  await ws.emulator.stop();
});

const sync = (options: Partial<SyncOptions> = {}) =>
  runSync({
    config,
    client: ws.client,
    plugins: [estatePlugin(estate)],
    env: {},
    logger,
    now: () => new Date("2026-11-21T06:00:00Z"),
    freshness: customerSitesFreshness(ws.client, config.notion.databases.customerSites!.databaseId),
    ...options,
  });

const records = (key: DatabaseKey): (Record<string, PlainValue> & { id: string })[] =>
  ws.emulator.pages(config.notion.databases[key]!.dataSourceId).map((page) => ({
    id: page.id,
    ...decodeRecord(page.properties as Record<string, unknown>),
  }));
const writesSince = (mark: number) =>
  ws.emulator
    .requestLog()
    .filter((e) => e.seq > mark && (e.method === "PATCH" || (e.method === "POST" && e.path === "/v1/pages")));

describe("sync against the emulator", () => {
  it("first sync creates exactly the expected pages with correct relations and values", async () => {
    const result = await sync();
    expect(result.failures).toEqual([]);
    const sites = records("customerSites");
    expect(sites.map((s) => s["Site Key"]).sort()).toEqual([
      "ACME-001",
      "BETA-002",
      "GONE-003",
      "auto:gamma-clinic",
    ]);
    const acme = sites.find((s) => s["Site Key"] === "ACME-001")!;
    expect(acme).toMatchObject({
      "Site Name": "Acme Corp",
      "Health Score": 100,
      "Health Status": "Healthy",
      "Risk Level": "Low",
      "Devices Online": 2,
      "Devices Total": 2,
      "Backup Status": "success",
      "Contract Renewal": "2027-03-01",
      "Last Seen": "2026-11-21",
    });
    const gamma = sites.find((s) => s["Site Key"] === "auto:gamma-clinic")!;
    expect(gamma["Health Score"]).toBe(85);
    const gone = sites.find((s) => s["Site Key"] === "GONE-003")!;
    expect(gone["Health Score"]).toBeNull();

    const snapshots = records("dailyHealth");
    expect(snapshots.map((s) => s["Snapshot Key"]).sort()).toEqual([
      "ACME-001@2026-11-21",
      "BETA-002@2026-11-21",
      "auto:gamma-clinic@2026-11-21",
    ]);
    expect(snapshots.find((s) => s["Snapshot Key"] === "ACME-001@2026-11-21")).toMatchObject({
      Snapshot: "Acme Corp · 2026-11-21",
      Date: "2026-11-21",
      Site: [acme.id],
    });

    const devices = records("networkDevices");
    expect(devices).toHaveLength(4);
    expect(devices.find((d) => d["Device Key"] === "unifi:1")).toMatchObject({
      "Device Name": "Device 1",
      Site: [acme.id],
      Vendor: "UniFi",
      Status: "online",
      "Last Seen": "2026-11-21",
    });
    expect(devices.find((d) => d["Device Key"] === "unifi:4")).toMatchObject({
      Status: "offline",
      Site: [gamma.id],
    });
    expect(result.matching.unreportedSites.map((s) => s.key)).toEqual(["GONE-003"]);
    expect(result.sites[0]?.key).toBe("auto:gamma-clinic");
  });

  it("a second sync writes no record, only the freshness line", async () => {
    await sync();
    const mark = ws.mark();
    const result = await sync();
    expect(result.databases.every((d) => d.created === 0 && d.updated === 0 && d.failed.length === 0)).toBe(
      true,
    );
    expect(writesSince(mark).map((e) => e.endpoint)).toEqual(["PATCH /v1/databases/:database_id"]);
  });

  it("a changed count updates only that property on that page", async () => {
    await sync();
    estate.sites[0]!.openTickets = 4;
    const mark = ws.mark();
    await sync();
    const writes = writesSince(mark).filter((e) => e.path.startsWith("/v1/pages/"));
    expect(writes).toHaveLength(1);
    const page = records("customerSites").find((s) => s["Site Key"] === "ACME-001")!;
    expect(writes[0]?.path).toBe(`/v1/pages/${page.id}`);
    expect(Object.keys((writes[0] as { body?: { properties?: object } }).body?.properties ?? {})).toEqual([
      "Open Tickets",
    ]);
    expect(page["Open Tickets"]).toBe(4);
  });

  it("a device gone from its source becomes missing, never deleted", async () => {
    await sync();
    estate.devices = estate.devices.filter((d) => d.key !== "unifi:2");
    const result = await sync();
    const devices = records("networkDevices");
    expect(devices).toHaveLength(4);
    expect(devices.find((d) => d["Device Key"] === "unifi:2")?.Status).toBe("missing");
    expect(result.databases.find((d) => d.database === "networkDevices")?.markedMissing).toBe(1);
    const again = await sync();
    expect(again.databases.find((d) => d.database === "networkDevices")?.updated).toBe(0);
  });

  it("marks nothing missing for a source that could not read every device", async () => {
    await sync();
    estate.devices = estate.devices.filter((d) => d.key !== "unifi:2");
    estate.errors = [{ source: "unifi", entity: "device", id: "host-1", message: "console unreachable" }];
    const result = await sync();
    expect(records("networkDevices").find((d) => d["Device Key"] === "unifi:2")?.Status).toBe("online");
    expect(result.databases.find((d) => d.database === "networkDevices")?.markedMissing).toBe(0);
    expect(result.sourceErrors).toHaveLength(1);
  });

  it("reports a Notion validation_error on one record with its key while the others land", async () => {
    for (const device of estate.devices.slice(1)) delete device.firmware;
    await sync();
    // Someone deleted the Firmware property in Notion: only the device that has firmware to write
    // is refused; the rest of the run goes on.
    ws.emulator.removeProperty(config.notion.databases.networkDevices!.dataSourceId, "Firmware");
    estate.devices[2]!.status = "offline";

    const result = await sync({ only: ["devices"] });
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({
      database: "networkDevices",
      key: "unifi:1",
      code: "notion_validation",
    });
    expect(result.failures[0]?.reason).toContain("Firmware");
    expect(records("networkDevices").find((d) => d["Device Key"] === "unifi:3")?.Status).toBe("offline");
    expect(result.databases[0]).toMatchObject({ updated: 1 });
  });

  it("--date backfills a day without touching other dates", async () => {
    await sync();
    const before = records("dailyHealth");
    await sync({ date: "2026-11-19", only: ["daily-health"] });
    const after = records("dailyHealth");
    expect(after).toHaveLength(before.length + 3);
    for (const snapshot of before) expect(after).toContainEqual(snapshot);
    expect(after.filter((s) => s.Date === "2026-11-19")).toHaveLength(3);
  });

  it("shows each site's trend against yesterday's snapshot", async () => {
    await sync({ date: "2026-11-20" });
    estate.sites[0]!.criticalAlerts = 2;
    const result = await sync({ date: "2026-11-21" });
    const acme = result.sites.find((s) => s.key === "ACME-001")!;
    const beta = result.sites.find((s) => s.key === "BETA-002")!;
    const yesterday = records("dailyHealth").find((s) => s["Snapshot Key"] === "ACME-001@2026-11-20")!;
    expect(acme.trend?.delta).toBe(acme.score! - (yesterday["Health Score"] as number));
    expect(acme.trend?.delta).toBeLessThan(0);
    expect(acme.trend?.movedComponents.map((m) => m.component)).toContain("alerts");
    expect(beta.trend?.delta).toBe(0);
    // Without yesterday's snapshot there is nothing to compare with.
    const first = await sync({ date: "2026-11-25", dryRun: true });
    expect(first.sites.find((s) => s.key === "ACME-001")?.trend?.delta).toBeNull();
  });

  it("--dry-run sends no write request and reports the plan", async () => {
    const mark = ws.mark();
    const result = await sync({ dryRun: true });
    expect(writesSince(mark)).toEqual([]);
    expect(result.plans.map((p) => [p.database, p.creates])).toEqual([
      ["customerSites", 4],
      ["dailyHealth", 3],
      ["networkDevices", 4],
    ]);
    expect(result.requestsPlanned).toBe(4 + 3 + 4 + 2);
  });

  it("--sites limits the run and marks missing only within those sites", async () => {
    await sync();
    estate.devices = estate.devices.filter((d) => d.key !== "unifi:1" && d.key !== "unifi:3");
    await sync({ sites: ["BETA-002"] });
    const devices = records("networkDevices");
    expect(devices.find((d) => d["Device Key"] === "unifi:3")?.Status).toBe("missing");
    expect(devices.find((d) => d["Device Key"] === "unifi:1")?.Status).toBe("online");
  });

  it("syncs runbooks: creates pages with their body, rewrites a changed one, leaves unchanged ones alone", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "notion-ops-runbooks-"));
    await mkdir(join(cwd, "runbooks", "network"), { recursive: true });
    const long = Array.from({ length: 150 }, (_, i) => `- step ${i + 1}`).join("\n");
    await writeFile(
      join(cwd, "runbooks", "network", "reset-ap.md"),
      `---\ncategory: Network\ntags: [wifi, ap]\n---\n# Reset an AP\n\n${long}\n`,
    );
    await writeFile(join(cwd, "runbooks", "backup.md"), "# Check backups\n\nLook at the dashboard.\n");
    const runbooks = createRunbookSync({ dir: "runbooks", cwd, now: () => new Date("2026-11-21T06:00:00Z") });
    await sync({ only: ["runbooks"], runbooks });
    const pages = records("runbooks");
    expect(pages.map((p) => [p["Runbook Key"], p.Title, p.Category, p.Tags]).sort()).toEqual([
      ["runbooks/backup.md", "Check backups", null, []],
      ["runbooks/network/reset-ap.md", "Reset an AP", "Network", ["wifi", "ap"]],
    ]);
    const resetAp = pages.find((p) => p["Runbook Key"] === "runbooks/network/reset-ap.md")!;
    expect(ws.emulator.blockChildren(resetAp.id)).toHaveLength(151);
    expect(resetAp["Content Hash"]).toMatch(/^[0-9a-f]{64}$/);

    const mark = ws.mark();
    const unchanged = await sync({ only: ["runbooks"], runbooks });
    expect(unchanged.databases[0]).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(writesSince(mark).filter((e) => e.path.startsWith("/v1/pages"))).toEqual([]);

    await writeFile(
      join(cwd, "runbooks", "backup.md"),
      "# Check backups\n\nLook at the dashboard.\n\nThen call Jane.\n",
    );
    const changed = await sync({ only: ["runbooks"], runbooks });
    expect(changed.databases[0]).toMatchObject({ created: 0, updated: 1 });
    const backup = records("runbooks").find((p) => p["Runbook Key"] === "runbooks/backup.md")!;
    const texts = ws.emulator
      .blockChildren(backup.id)
      .map((b) => JSON.stringify(b))
      .join("\n");
    expect(texts).toContain("Then call Jane.");
    expect(ws.emulator.blockChildren(backup.id)).toHaveLength(3);
  });

  it("never writes a duplicate when creates fail ambiguously", async () => {
    ws.emulator.queueFaults(
      {
        kind: "ambiguous_create",
        method: "POST",
        path: "/v1/pages",
        outcome: "internal_server_error",
        count: 2,
      },
      { kind: "ambiguous_create", method: "POST", path: "/v1/pages", outcome: "connection_reset" },
    );
    const result = await sync();
    expect(result.failures).toEqual([]);
    const keys = records("networkDevices").map((d) => d["Device Key"]);
    expect(new Set(keys).size).toBe(keys.length);
    expect(records("customerSites")).toHaveLength(4);
    expect(records("dailyHealth")).toHaveLength(3);
  });
});
