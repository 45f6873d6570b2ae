import { DataSourceError } from "@notion-ops/core";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { unifiPlugin } from "../src/index.js";
import { API_KEY, closeServer, fixture, NOW, selfSignedConsole, unifiContext } from "./helpers.js";

const CONSOLE = "https://192.168.1.1";
const INTEGRATION = `${CONSOLE}/proxy/network/integration`;
const S1 = "88f7af54-98f8-306a-a1c7-c9349722b1f6";
const S2 = "6b2b2ff1-2a52-4f4c-9d0b-7f0e3b1c2d3e";
const AP1 = "c9a1b2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d";
const AP2 = "d0b2c3e4-f5a6-4b7c-9d8e-0f1a2b3c4d5e";

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
});

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

const console_ = () => nock(INTEGRATION, { reqheaders: { "x-api-key": API_KEY } });
const page = (offset: number) => ({ offset: String(offset), limit: "200" });

/** Site S1 with 5 devices over 3 pages, 13 clients (10 wireless) and two APs; site S2 empty. */
function mockConsole(options: { apStatistics?: boolean; s2Devices?: "empty" | "failing" } = {}): void {
  const scope = console_()
    .get("/v1/sites")
    .query(page(0))
    .reply(200, fixture("integration-sites.json"))
    .get(`/v1/sites/${S1}/devices`)
    .query(page(0))
    .reply(200, fixture("integration-devices-page-1.json"))
    .get(`/v1/sites/${S1}/devices`)
    .query(page(2))
    .reply(200, fixture("integration-devices-page-2.json"))
    .get(`/v1/sites/${S1}/devices`)
    .query(page(4))
    .reply(200, fixture("integration-devices-page-3.json"))
    .get(`/v1/sites/${S1}/clients`)
    .query(page(0))
    .reply(200, fixture("integration-clients.json"))
    .get(`/v1/sites/${S2}/clients`)
    .query(page(0))
    .reply(200, fixture("integration-empty-page.json"));
  if (options.apStatistics !== false) {
    scope
      .get(`/v1/sites/${S1}/devices/${AP1}/statistics/latest`)
      .reply(200, fixture("integration-statistics-ap1.json"))
      .get(`/v1/sites/${S1}/devices/${AP2}/statistics/latest`)
      .reply(200, fixture("integration-statistics-ap2.json"));
  }
  if (options.s2Devices === "failing") {
    scope
      .get(`/v1/sites/${S2}/devices`)
      .query(page(0))
      .times(5)
      .reply(500, {
        statusCode: 500,
        statusName: "INTERNAL_SERVER_ERROR",
        code: "api.internal",
        message: "Internal error",
        timestamp: "2026-03-01T09:59:00.000Z",
        requestPath: `/integration/v1/sites/${S2}/devices`,
        requestId: "9f0e8d7c-6b5a-4938-8271-605f4e3d2c1b",
      });
  } else {
    scope.get(`/v1/sites/${S2}/devices`).query(page(0)).reply(200, fixture("integration-empty-page.json"));
  }
}

describe("unifi collect, mode local (Network integration API on the console)", () => {
  it("pages with offset/limit/totalCount and maps sites and devices", async () => {
    mockConsole();
    const { context } = unifiContext({ mode: "local", consoleUrl: CONSOLE });
    const result = await unifiPlugin.collect(context);

    expect(result.sites).toEqual([
      {
        source: "unifi",
        sourceId: S1,
        name: "Default",
        matchKeys: { siteId: S1 },
        lastSeen: NOW.toISOString(),
        devicesTotal: 5,
        devicesOnline: 3,
        wifiClients: 10,
        // 4 clients on AP1 (mean retry (30 + 20) / 2 = 25 %) + 6 on AP2 (0 %): round(1 + 0)
        weakSignalClients: 1,
      },
      {
        source: "unifi",
        sourceId: S2,
        name: "Acme Warehouse",
        matchKeys: { siteId: S2 },
        lastSeen: NOW.toISOString(),
        devicesTotal: 0,
        devicesOnline: 0,
        wifiClients: 0,
      },
    ]);
    expect(result.devices.map((d) => [d.name, d.status, d.firmware])).toEqual([
      ["Acme Gateway", "online", "4.1.13"],
      ["IW HD", "online", "6.6.55"],
      ["Lobby AP", "online", "6.6.77"],
      // a Network 9.x list item has no firmwareVersion
      ["Old Switch", "offline", undefined],
      ["Pending AP", "pending_adoption", undefined],
    ]);
    expect(result.devices[1]).toEqual({
      key: `unifi:${AP1}`,
      source: "unifi",
      vendorId: AP1,
      siteSourceId: S1,
      name: "IW HD",
      vendor: "Ubiquiti",
      model: "UHDIW",
      status: "online",
      mac: "94:2a:6f:26:c6:ca",
      ip: "192.168.1.55",
      firmware: "6.6.55",
      lastSeen: NOW.toISOString(),
    });
    expect(result.errors).toEqual([]);
    expect(result.notes).toEqual([
      "local mode: critical/warning alerts and configuration fingerprints come only from Site Manager (modes cloud, connector) and are not reported",
    ]);
  });

  it("asks for no AP statistics when the weak-signal estimate is off", async () => {
    mockConsole({ apStatistics: false });
    const { context } = unifiContext({ mode: "local", consoleUrl: CONSOLE, weakSignal: "off" });
    const result = await unifiPlugin.collect(context);
    expect(result.sites.every((s) => s.weakSignalClients === undefined)).toBe(true);
  });

  it("reports a site whose devices cannot be read and goes on", async () => {
    mockConsole({ s2Devices: "failing" });
    const { context } = unifiContext({ mode: "local", consoleUrl: CONSOLE });
    const result = await unifiPlugin.collect(context);
    expect(result.sites.map((s) => s.sourceId)).toEqual([S1, S2]);
    expect(result.sites[1]).not.toHaveProperty("devicesTotal");
    expect(result.errors).toEqual([
      {
        source: "unifi",
        entity: "device",
        id: S2,
        message: expect.stringMatching(
          /^devices of site Acme Warehouse \(6b2b2ff1-.*\) of console https:\/\/192\.168\.1\.1 not collected: .*returned 500 after 5 attempts.*Internal error \(api\.internal\) \[trace id 9f0e8d7c-6b5a-4938-8271-605f4e3d2c1b\]$/,
        ),
      },
    ]);
  });

  it("fails with 'API key rejected' and the console's request id on 401", async () => {
    console_().get("/v1/sites").query(page(0)).reply(401, fixture("integration-error-401.json"));
    const { context } = unifiContext({ mode: "local", consoleUrl: CONSOLE });
    const error = (await unifiPlugin.collect(context).catch((e: unknown) => e)) as DataSourceError;
    expect(DataSourceError.is(error)).toBe(true);
    expect(error.message).toBe(
      "unifi: console https://192.168.1.1: API key rejected (401): create one in the console's Network application → Settings → Control Plane → Integrations [trace id 3fa85f64-5717-4562-b3fc-2c963f66afa6]",
    );
  });

  it("accepts a self-signed console certificate only when allowSelfSignedTls is set", async () => {
    const paths: string[] = [];
    const { url, server } = await selfSignedConsole((path, res) => {
      paths.push(path);
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(fixture("integration-empty-page.json")));
    });
    try {
      const strict = unifiContext({ mode: "local", consoleUrl: url });
      const error = (await unifiPlugin.collect(strict.context).catch((e: unknown) => e)) as Error;
      expect(error.message).toMatch(
        /TLS certificate not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\).*set sources\.unifi\.allowSelfSignedTls: true$/,
      );
      // a certificate problem is not retried
      expect(strict.sleeps).toEqual([]);
      expect(paths).toEqual([]);

      const lenient = unifiContext({ mode: "local", consoleUrl: url, allowSelfSignedTls: true });
      const result = await unifiPlugin.collect(lenient.context);
      expect(result.sites).toEqual([]);
      expect(paths).toEqual(["/proxy/network/integration/v1/sites"]);
    } finally {
      await closeServer(server);
    }
  });
});
