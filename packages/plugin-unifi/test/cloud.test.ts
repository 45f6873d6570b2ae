import { configFingerprint, DataSourceError } from "@notion-ops/core";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { unifiPlugin } from "../src/index.js";
import {
  API_KEY,
  closeServer,
  DEVICE_TOKEN_1,
  DEVICE_TOKEN_2,
  fixture,
  HOST_A,
  HOST_B,
  HOST_C,
  json,
  loopbackServer,
  NOW,
  SITE_MANAGER,
  TOKEN_1,
  TOKEN_2,
  unifiContext,
} from "./helpers.js";

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
});

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

const api = () => nock(SITE_MANAGER, { reqheaders: { "x-api-key": API_KEY } });

function mockSites(): void {
  api()
    .get("/v1/sites")
    .query({ pageSize: "100" })
    .reply(200, fixture("sites-page-1.json"))
    .get("/v1/sites")
    .query({ pageSize: "100", nextToken: TOKEN_1 })
    .reply(200, fixture("sites-page-2.json"))
    .get("/v1/sites")
    .query({ pageSize: "100", nextToken: TOKEN_2 })
    .reply(200, fixture("sites-page-3.json"));
}

function mockHostsAndSdWan(): void {
  api()
    .get("/v1/hosts")
    .query({ pageSize: "100" })
    .reply(200, fixture("hosts.json"))
    .get("/v1/sd-wan-configs")
    .query({ pageSize: "100" })
    .reply(200, fixture("sd-wan-configs.json"))
    .get("/v1/sd-wan-configs/5f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/status")
    .reply(200, fixture("sd-wan-status.json"));
}

function mockDevices(): void {
  api()
    .get("/v1/devices")
    .query({ pageSize: "100" })
    .reply(200, fixture("devices-page-1.json"))
    .get("/v1/devices")
    .query({ pageSize: "100", nextToken: DEVICE_TOKEN_1 })
    .reply(200, fixture("devices-page-2.json"))
    .get("/v1/devices")
    .query({ pageSize: "100", nextToken: DEVICE_TOKEN_2 })
    .reply(200, fixture("devices-page-3.json"));
}

function emptyPage(path: string): void {
  api()
    .get(path)
    .query({ pageSize: "100" })
    .reply(200, { data: [], httpStatusCode: 200, traceId: "e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0" });
}

describe("unifi collect, mode cloud (Site Manager API)", () => {
  it("returns every site and device of 3-page lists exactly once", async () => {
    mockSites();
    mockHostsAndSdWan();
    mockDevices();
    const { context } = unifiContext();
    const result = await unifiPlugin.collect(context);

    const siteIds = result.sites.map((s) => s.sourceId);
    expect(siteIds).toEqual([
      "661900ae6aec8f548d49fd54",
      "66a1f3c27b9e4a5d8c0e1f21",
      "66a1f3c27b9e4a5d8c0e1f22",
      "66a1f3c27b9e4a5d8c0e1f23",
      "66a1f3c27b9e4a5d8c0e1f24",
    ]);
    const deviceKeys = result.devices.map((d) => d.key);
    expect(deviceKeys.sort()).toEqual(
      [
        "unifi:F4E2C6C23F13",
        "unifi:74ACB9123456",
        "unifi:245A4C0A0B0C",
        "unifi:245A4C0A0B0D",
        "unifi:245A4C0A0B0E",
      ].sort(),
    );
    expect(result.errors).toEqual([]);
    expect(result.notes).toEqual([]);
  });

  it("maps the official List Sites example", async () => {
    mockSites();
    mockHostsAndSdWan();
    mockDevices();
    const { context } = unifiContext();
    const result = await unifiPlugin.collect(context);
    expect(result.sites[0]).toEqual({
      source: "unifi",
      sourceId: "661900ae6aec8f548d49fd54",
      name: "Default",
      matchKeys: { siteId: "661900ae6aec8f548d49fd54", hostId: HOST_A },
      devicesTotal: 1,
      devicesOnline: 1,
      wifiClients: 0,
      weakSignalClients: 0,
      criticalAlerts: 0,
      // two 5-minute windows with internet issues (one high latency, one bare)
      warningAlerts: 2,
      lastSeen: NOW.toISOString(),
      configFingerprint: configFingerprint({
        configuration: { lanConfiguration: 2, wanConfiguration: 2, wifiConfiguration: 0 },
      }),
    });
  });

  it("derives online devices, weak-signal clients, alerts and a fingerprint with gateway and SD-WAN", async () => {
    mockSites();
    mockHostsAndSdWan();
    mockDevices();
    const { context } = unifiContext();
    const acme = (await unifiPlugin.collect(context)).sites[1];
    expect(acme).toMatchObject({
      name: "Acme Corp - Main Office",
      matchKeys: { siteId: "66a1f3c27b9e4a5d8c0e1f21", hostId: HOST_B },
      devicesTotal: 12,
      devicesOnline: 11,
      wifiClients: 80,
      // 80 clients × 12.5 % tx retries
      weakSignalClients: 10,
      criticalAlerts: 2,
      warningAlerts: 0,
    });
    expect(acme?.configFingerprint).toBe(
      configFingerprint({
        configuration: { lanConfiguration: 4, wanConfiguration: 2, wifiConfiguration: 3 },
        gateway: {
          hardwareId: "e2d5f3a1-7c44-5b8e-9f10-2a3b4c5d6e7f",
          inspectionState: "on",
          ipsMode: "ips",
          shortname: "UDMPRO",
          ipsSignatureType: "ET",
        },
        sdWan: ["b8f1c0de"],
      }),
    );
  });

  it("tolerates missing and null statistics and unknown fields", async () => {
    mockSites();
    mockHostsAndSdWan();
    mockDevices();
    const { context } = unifiContext();
    const [, , noStatistics, allNull, partial] = (await unifiPlugin.collect(context)).sites;
    // the console is disconnected: last seen when its connection state changed
    const lastSeen = "2026-03-01T09:15:00.000Z";
    expect(noStatistics).toEqual({
      source: "unifi",
      sourceId: "66a1f3c27b9e4a5d8c0e1f22",
      name: "Beta Ltd - Warehouse",
      matchKeys: { siteId: "66a1f3c27b9e4a5d8c0e1f22", hostId: HOST_C },
      lastSeen,
    });
    expect(allNull).toEqual({
      source: "unifi",
      sourceId: "66a1f3c27b9e4a5d8c0e1f23",
      name: "Beta Ltd - Office",
      matchKeys: { siteId: "66a1f3c27b9e4a5d8c0e1f23", hostId: HOST_C },
      lastSeen,
    });
    expect(partial).toMatchObject({ devicesTotal: 3, devicesOnline: 0, wifiClients: 5, criticalAlerts: 0 });
    expect(partial).not.toHaveProperty("weakSignalClients");
    expect(partial).not.toHaveProperty("warningAlerts");
  });

  it("maps devices with lowercase status, MAC, IP, firmware and the site of their console", async () => {
    mockSites();
    mockHostsAndSdWan();
    mockDevices();
    const { context } = unifiContext();
    const devices = (await unifiPlugin.collect(context)).devices;
    expect(devices.find((d) => d.vendorId === "245A4C0A0B0C")).toEqual({
      key: "unifi:245A4C0A0B0C",
      source: "unifi",
      vendorId: "245A4C0A0B0C",
      siteSourceId: "66a1f3c27b9e4a5d8c0e1f21",
      name: "Lobby AP",
      vendor: "Ubiquiti",
      model: "U6 Pro",
      status: "offline",
      mac: "24:5a:4c:0a:0b:0c",
      ip: "10.0.0.20",
      firmware: "6.6.77",
    });
    expect(devices.find((d) => d.vendorId === "F4E2C6C23F13")).toMatchObject({
      siteSourceId: "661900ae6aec8f548d49fd54",
      status: "online",
      lastSeen: "2026-03-01T09:58:00.000Z",
    });
  });

  it("sends nextToken URL-encoded (the ':' as %3A) and stops when it is absent", async () => {
    const rawPaths: string[] = [];
    const record = (uri: string) => {
      rawPaths.push(uri);
      return true;
    };
    api()
      .get((uri) => uri.startsWith("/v1/sites") && !uri.includes("nextToken") && record(uri))
      .reply(200, fixture("sites-page-1.json"))
      .get((uri) => uri.startsWith("/v1/sites") && uri.includes("nextToken") && record(uri))
      .reply(200, fixture("sites-page-3.json"));
    mockHostsAndSdWan();
    emptyPage("/v1/devices");
    const { context } = unifiContext();
    const result = await unifiPlugin.collect(context);
    expect(result.sites).toHaveLength(3);
    const second = rawPaths.find((path) => path.includes("nextToken"));
    expect(second).toContain(`nextToken=${encodeURIComponent(TOKEN_1)}`);
    expect(second).toContain("%3A1467082514");
  });

  it("waits the Retry-After of a 429 and then goes on", async () => {
    api()
      .get("/v1/sites")
      .query({ pageSize: "100" })
      .reply(200, fixture("sites-page-1.json"))
      .get("/v1/sites")
      .query({ pageSize: "100", nextToken: TOKEN_1 })
      .reply(429, fixture("error-429.json"), { "Retry-After": "5" })
      .get("/v1/sites")
      .query({ pageSize: "100", nextToken: TOKEN_1 })
      .reply(200, fixture("sites-page-3.json"));
    mockHostsAndSdWan();
    emptyPage("/v1/devices");
    const { context, sleeps } = unifiContext();
    const result = await unifiPlugin.collect(context);
    expect(sleeps).toEqual([5000]);
    expect(result.sites.map((s) => s.sourceId)).toEqual([
      "661900ae6aec8f548d49fd54",
      "66a1f3c27b9e4a5d8c0e1f21",
      "66a1f3c27b9e4a5d8c0e1f24",
    ]);
  });

  it("fails with a clear 'API key rejected' error on 401, keeping the trace id and never the key", async () => {
    api().get("/v1/sites").query({ pageSize: "100" }).reply(401, fixture("error-401.json"));
    const { context, sleeps } = unifiContext();
    const error = await unifiPlugin.collect(context).catch((e: unknown) => e);
    expect(DataSourceError.is(error)).toBe(true);
    const failure = error as DataSourceError;
    expect(failure.status).toBe(401);
    expect(failure.traceId).toBe("4a4b4c4d4e4f40414243444546474849");
    expect(failure.message).toBe(
      "unifi: Site Manager API: API key rejected (401): create a Site Manager API key at unifi.ui.com → API (a key made on a console is not accepted by the cloud) [trace id 4a4b4c4d4e4f40414243444546474849]",
    );
    expect(failure.message).not.toContain(API_KEY);
    expect(sleeps).toEqual([]);
  });

  it("reports a malformed site record with its site id and goes on with the others", async () => {
    api().get("/v1/sites").query({ pageSize: "100" }).reply(200, fixture("sites-malformed.json"));
    mockHostsAndSdWan();
    emptyPage("/v1/devices");
    const { context } = unifiContext();
    const result = await unifiPlugin.collect(context);
    expect(result.sites.map((s) => s.sourceId)).toEqual([
      "661900ae6aec8f548d49fd54",
      "66a1f3c27b9e4a5d8c0e1f21",
    ]);
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]).toMatchObject({
      source: "unifi",
      entity: "site",
      id: "66a1f3c27b9e4a5d8c0e1f99",
    });
    expect(result.errors[0]?.message).toMatch(
      /^malformed site 66a1f3c27b9e4a5d8c0e1f99 \("Delta Dental"\): statistics\.counts\.totalDevice: /,
    );
    expect(result.errors[1]).toMatchObject({ source: "unifi", entity: "site" });
    expect(result.errors[1]).not.toHaveProperty("id");
    expect(result.errors[1]?.message).toMatch(/^malformed site without siteId \("Nameless Ltd"\): siteId: /);
  });

  it("reports a malformed device record and keeps the console's other devices", async () => {
    mockSites();
    mockHostsAndSdWan();
    const page = fixture<{ data: { devices: Record<string, unknown>[] }[] }>("devices-page-2.json");
    delete page.data[0]!.devices[1]!.id;
    api()
      .get("/v1/devices")
      .query({ pageSize: "100" })
      .reply(200, { ...page, nextToken: undefined });
    const { context } = unifiContext();
    const result = await unifiPlugin.collect(context);
    expect(result.devices.map((d) => d.vendorId)).toEqual(["74ACB9123456", "245A4C0A0B0D"]);
    expect(result.errors).toEqual([
      {
        source: "unifi",
        entity: "device",
        message: `malformed device of host ${HOST_B} without id ("Lobby AP"): id: Invalid input: expected string, received undefined`,
      },
    ]);
  });

  it("retries 500 and 502 responses with backoff", async () => {
    api()
      .get("/v1/sites")
      .query({ pageSize: "100" })
      .reply(500, fixture("error-500.json"))
      .get("/v1/sites")
      .query({ pageSize: "100" })
      .reply(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", { "content-type": "text/html" })
      .get("/v1/sites")
      .query({ pageSize: "100" })
      .reply(200, fixture("sites-page-3.json"));
    mockHostsAndSdWan();
    emptyPage("/v1/devices");
    const { context, sleeps } = unifiContext();
    const result = await unifiPlugin.collect(context);
    expect(result.sites).toHaveLength(1);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(250);
    expect(sleeps[0]).toBeLessThanOrEqual(500);
    expect(sleeps[1]).toBeGreaterThanOrEqual(500);
    expect(sleeps[1]).toBeLessThanOrEqual(1000);
  });

  it("gives up after the retries with the status and trace id", async () => {
    api().get("/v1/sites").query({ pageSize: "100" }).times(5).reply(500, fixture("error-500.json"));
    const { context, sleeps } = unifiContext();
    const error = (await unifiPlugin.collect(context).catch((e: unknown) => e)) as DataSourceError;
    expect(error.status).toBe(500);
    expect(error.message).toMatch(/returned 500 after 5 attempts .*internal server error \(SERVER_ERROR\)/);
    expect(error.traceId).toBe("7a7b7c7d7e7f70717273747576777879");
    expect(sleeps).toHaveLength(4);
  });

  it("times out a stalled request and retries it, and retries a dropped connection", async () => {
    const { url, server } = await loopbackServer((path) => {
      if (path === "/v1/sites") {
        return (req, res, seen) =>
          seen === 1 ? undefined : json(fixture("sites-page-3.json"))(req, res, seen);
      }
      if (path === "/v1/devices") {
        return (req, res, seen) =>
          seen === 1
            ? req.socket.destroy()
            : json({ data: [], httpStatusCode: 200, traceId: "x" })(req, res, seen);
      }
      if (path === "/v1/hosts") return json(fixture("hosts.json"));
      if (path === "/v1/sd-wan-configs") return json({ data: [], httpStatusCode: 200, traceId: "y" });
      return undefined;
    });
    try {
      const { context, sleeps } = unifiContext({ timeoutSeconds: 0.2 }, { UNIFI_BASE_URL: url });
      const result = await unifiPlugin.collect(context);
      expect(result.sites.map((s) => s.sourceId)).toEqual(["66a1f3c27b9e4a5d8c0e1f24"]);
      expect(sleeps).toHaveLength(2);
    } finally {
      await closeServer(server);
    }
  });

  it("limits sites and devices to the configured hostIds", async () => {
    mockSites();
    mockHostsAndSdWan();
    const devicePaths: string[] = [];
    api()
      // nock calls a path function with the bare path first, then with the query
      .get((uri) => uri === "/v1/devices" || devicePaths.push(uri) > 0)
      .reply(200, { ...fixture<object>("devices-page-2.json"), nextToken: "" });
    const { context } = unifiContext({ hostIds: [HOST_B] });
    const result = await unifiPlugin.collect(context);
    expect(result.sites.map((s) => s.sourceId)).toEqual(["66a1f3c27b9e4a5d8c0e1f21"]);
    expect(result.devices.map((d) => d.siteSourceId)).toEqual(Array(3).fill("66a1f3c27b9e4a5d8c0e1f21"));
    expect(devicePaths[0]).toBe(`/v1/devices?hostIds%5B%5D=${encodeURIComponent(HOST_B)}&pageSize=100`);
  });

  it("leaves out, with a note, the devices of a console that has several sites", async () => {
    mockSites();
    mockHostsAndSdWan();
    api().get("/v1/devices").query({ pageSize: "100" }).reply(200, fixture("devices-multi-site-host.json"));
    const { context } = unifiContext();
    const result = await unifiPlugin.collect(context);
    expect(result.devices).toEqual([]);
    expect(result.notes).toEqual([
      `console "Beta Cloud Key" (${HOST_C}) has 3 sites and Site Manager does not say which site each device is in; its 1 device(s) are not synced (mode: connector places them)`,
    ]);
  });

  it("treats SD-WAN as absent when the key may not read it, and reports no fingerprints when SD-WAN fails", async () => {
    const run = async (status: number) => {
      mockSites();
      api()
        .get("/v1/hosts")
        .query({ pageSize: "100" })
        .reply(200, fixture("hosts.json"))
        .get("/v1/sd-wan-configs")
        .query({ pageSize: "100" })
        .times(status === 403 ? 1 : 5)
        .reply(status, fixture(status === 403 ? "error-403.json" : "error-500.json"));
      emptyPage("/v1/devices");
      const { context } = unifiContext();
      return unifiPlugin.collect(context);
    };
    const forbidden = await run(403);
    expect(forbidden.sites[0]?.configFingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(forbidden.notes).toEqual([
      "SD-WAN configurations are not available to this API key (403); fingerprints leave SD-WAN out",
    ]);
    const broken = await run(500);
    expect(broken.sites.every((s) => s.configFingerprint === undefined)).toBe(true);
    expect(broken.notes[0]).toMatch(
      /^SD-WAN configurations not read \(.*500.*\); no configuration fingerprints this run$/,
    );
  });

  it("fails clearly without an API key or with a plain-http base URL", async () => {
    const missing = unifiContext({}, { UNIFI_API_KEY: " " });
    await expect(unifiPlugin.collect(missing.context)).rejects.toThrow(/UNIFI_API_KEY is not set/);
    const insecure = unifiContext({}, { UNIFI_BASE_URL: "http://api.example.com" });
    await expect(unifiPlugin.collect(insecure.context)).rejects.toThrow(/UNIFI_BASE_URL must use https/);
  });
});
