import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ninjaonePlugin } from "../src/plugin.js";
import { harness, nockCompleteRun, nockToken, TOKEN_1, useNock } from "./support.js";

beforeAll(useNock);
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

describe("collect over the multi-page fixtures", () => {
  it("returns every organization and device exactly once with counts, alerts, backups and tickets", async () => {
    nockToken(TOKEN_1);
    nockCompleteRun(TOKEN_1);
    const h = harness();
    const result = await ninjaonePlugin.collect(h.context);

    expect(result.source).toBe("ninjaone");
    expect(result.services).toEqual([]);
    expect(result.sites.map((site) => site.sourceId)).toEqual(["2", "3", "4", "7"]);
    const site = (id: string) => result.sites.find((s) => s.sourceId === id);

    expect(site("2")).toMatchObject({
      source: "ninjaone",
      name: "Acme Corp",
      matchKeys: { organizationId: "2" },
      devicesOnline: 1,
      devicesTotal: 2,
      criticalAlerts: 1, // CPU alert on the UNHEALTHY ESXi host
      warningAlerts: 1, // AGENT_OFFLINE on a workstation
      backupStatus: "partial", // workstation image re-ran and completed; host files failed
      openTickets: 2, // 1261 (named "Acme Corp") and 1263 (clientId 2)
      lastSeen: "2025-03-19T19:24:12.744Z",
    });
    expect(site("3")).toMatchObject({
      name: "Globex",
      devicesOnline: 2,
      devicesTotal: 2, // device 11 and the id-less record were malformed
      criticalAlerts: 1, // AGENT_OFFLINE on a Windows server
      warningAlerts: 2,
      backupStatus: "failed", // image FAILED (a newer run is still RUNNING), files CANCELED
      openTickets: 0, // 1262 is Closed
      lastSeen: "2025-03-19T19:25:00.123Z", // lastContact given in milliseconds
    });
    expect(site("4")).toMatchObject({
      name: "Initech",
      devicesOnline: 1,
      devicesTotal: 1,
      criticalAlerts: 0,
      warningAlerts: 0,
      backupStatus: "success", // job without organizationId, attributed through its device
      openTickets: 0,
      lastSeen: "2025-03-19T19:21:40.000Z",
    });
    expect(site("7")).toEqual({
      source: "ninjaone",
      sourceId: "7",
      name: "Empty Org Ltd",
      matchKeys: { organizationId: "7" },
      devicesOnline: 0,
      devicesTotal: 0,
      criticalAlerts: 0,
      warningAlerts: 0,
      backupStatus: "unknown",
      openTickets: 0,
      configFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    expect(result.devices.map((device) => device.key)).toEqual([
      "ninjaone:5",
      "ninjaone:7",
      "ninjaone:9",
      "ninjaone:14",
      "ninjaone:20",
    ]);
    expect(result.devices[0]).toEqual({
      key: "ninjaone:5",
      source: "ninjaone",
      vendorId: "5",
      siteSourceId: "2",
      name: "ACME-WS-01",
      vendor: "Dell Inc.",
      model: "OptiPlex 7090",
      status: "offline",
      mac: "00:15:5d:0a:0b:0c",
      ip: "192.168.1.20",
      firmware: "Windows 11 Professional Edition (build 22631)",
      lastSeen: "2025-03-18T17:46:40.500Z",
    });
    expect(result.devices[1]).toEqual({
      key: "ninjaone:7",
      source: "ninjaone",
      vendorId: "7",
      siteSourceId: "2",
      name: "192.168.50.43",
      model: "VMWARE_VM_HOST",
      status: "online",
      lastSeen: "2025-03-19T19:24:12.744Z",
    });
    expect(result.devices[2]).toMatchObject({
      name: "GLOBEX-DC01", // blank displayName falls back to systemName
      vendor: "HPE",
      model: "WINDOWS_SERVER",
      mac: "a4:bb:6d:11:22:33",
      ip: "10.0.0.5",
      firmware: "Windows Server 2022 Standard (build 20348)",
      lastSeen: "2025-03-19T19:25:00.123Z",
    });
    expect(result.devices[3]).toMatchObject({
      name: "Core switch",
      model: "NMS_SWITCH",
      mac: "f4:e2:c6:c2:3f:13",
    });

    expect(result.errors).toEqual([
      {
        source: "ninjaone",
        entity: "device",
        id: "11",
        message: expect.stringMatching(/^malformed device 11: offline: .*; skipped$/),
      },
      {
        source: "ninjaone",
        entity: "device",
        message: expect.stringMatching(/^malformed device #6 \(no usable id\): id: .*; skipped$/),
      },
    ]);
    expect(result.notes).toEqual(["1 alert(s) are on devices of no known organization and were not counted"]);
    expect(h.sleeps).toEqual([]);
    expect(h.sink.lines.filter((line) => line.level === "warn").map((line) => line.message)).toEqual([
      expect.stringContaining("malformed device 11"),
      expect.stringContaining("malformed device #6"),
    ]);
  });

  it("reports an organization with no devices as a site with 0 of 0", async () => {
    nockToken(TOKEN_1);
    const h = harness({ config: { pageSize: 50, openTickets: false } });
    const run = nock("https://eu.ninjarmm.com", { reqheaders: { authorization: `Bearer ${TOKEN_1}` } });
    run
      .get("/v2/organizations")
      .query({ pageSize: "50" })
      .reply(200, [{ id: 7, name: "Empty Org Ltd", nodeApprovalMode: "REJECT" }])
      .get("/v2/devices-detailed")
      .query({ pageSize: "50" })
      .reply(200, [])
      .get("/v2/queries/device-health")
      .query({ pageSize: "50" })
      .reply(200, { cursor: null, results: [] })
      .get("/v2/alerts")
      .reply(200, [])
      .get("/v2/backup/jobs")
      .query({ pageSize: "50" })
      .reply(200, { cursor: { name: "c", offset: 0, count: 0, expires: 1742412552.5 }, results: [] });
    const result = await ninjaonePlugin.collect(h.context);
    expect(result.sites).toEqual([
      expect.objectContaining({
        sourceId: "7",
        devicesOnline: 0,
        devicesTotal: 0,
        criticalAlerts: 0,
        warningAlerts: 0,
        backupStatus: "unknown",
      }),
    ]);
    expect(result.sites[0]).not.toHaveProperty("openTickets");
    expect(result.sites[0]).not.toHaveProperty("lastSeen");
    expect(result.devices).toEqual([]);
    expect(result.errors).toEqual([]);
  });

  it("keeps a device listed on two pages once", async () => {
    nockToken(TOKEN_1);
    const h = harness({ config: { openTickets: false } });
    const device = (id: number) => ({ id, organizationId: 2, offline: false, displayName: `D${id}` });
    nock("https://eu.ninjarmm.com")
      .get("/v2/organizations")
      .query({ pageSize: "2" })
      .reply(200, [{ id: 2, name: "Acme Corp" }])
      .get("/v2/devices-detailed")
      .query({ pageSize: "2" })
      .reply(200, [device(1), device(2)])
      .get("/v2/devices-detailed")
      .query({ pageSize: "2", after: "2" })
      .reply(200, [device(2), device(3)])
      .get("/v2/devices-detailed")
      .query({ pageSize: "2", after: "3" })
      .reply(200, [])
      .get("/v2/queries/device-health")
      .query(true)
      .reply(200, { results: [] })
      .get("/v2/alerts")
      .reply(200, [])
      .get("/v2/backup/jobs")
      .query(true)
      .reply(200, { results: [] });
    const result = await ninjaonePlugin.collect(h.context);
    expect(result.devices.map((d) => d.key)).toEqual(["ninjaone:1", "ninjaone:2", "ninjaone:3"]);
    expect(result.sites[0]).toMatchObject({ devicesOnline: 3, devicesTotal: 3 });
  });
});
