import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { unifiPlugin } from "../src/index.js";
import {
  API_KEY,
  fixture,
  HOST_A,
  HOST_B,
  NOW,
  SITE_MANAGER,
  TOKEN_1,
  TOKEN_2,
  unifiContext,
} from "./helpers.js";

const S1 = "88f7af54-98f8-306a-a1c7-c9349722b1f6";
const S2 = "6b2b2ff1-2a52-4f4c-9d0b-7f0e3b1c2d3e";
const AP1 = "c9a1b2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d";
const AP2 = "d0b2c3e4-f5a6-4b7c-9d8e-0f1a2b3c4d5e";
const ACME_SITE = "66a1f3c27b9e4a5d8c0e1f21";

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

const api = () => nock(SITE_MANAGER, { reqheaders: { "x-api-key": API_KEY } });
const page = (offset: number) => ({ offset: String(offset), limit: "200" });
/** The connector path keeps the host id's ":" as the official examples write it. */
const connector = (hostId: string) => `/v1/connector/consoles/${hostId}/proxy/network/integration`;

function mockSiteManager(): void {
  api()
    .get("/v1/sites")
    .query({ pageSize: "100" })
    .reply(200, fixture("sites-page-1.json"))
    .get("/v1/sites")
    .query({ pageSize: "100", nextToken: TOKEN_1 })
    .reply(200, fixture("sites-page-2.json"))
    .get("/v1/sites")
    .query({ pageSize: "100", nextToken: TOKEN_2 })
    .reply(200, fixture("sites-page-3.json"))
    .get("/v1/hosts")
    .query({ pageSize: "100" })
    .reply(200, fixture("hosts.json"))
    .get("/v1/sd-wan-configs")
    .query({ pageSize: "100" })
    .reply(200, { data: [], httpStatusCode: 200, traceId: "a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0" });
}

function mockConsole(hostId: string): void {
  const base = connector(hostId);
  api()
    .get(`${base}/v1/sites`)
    .query(page(0))
    .reply(200, fixture("integration-sites.json"))
    .get(`${base}/v1/sites/${S1}/devices`)
    .query(page(0))
    .reply(200, fixture("integration-devices-page-1.json"))
    .get(`${base}/v1/sites/${S1}/devices`)
    .query(page(2))
    .reply(200, fixture("integration-devices-page-2.json"))
    .get(`${base}/v1/sites/${S1}/devices`)
    .query(page(4))
    .reply(200, fixture("integration-devices-page-3.json"))
    .get(`${base}/v1/sites/${S1}/clients`)
    .query(page(0))
    .reply(200, fixture("integration-clients.json"))
    .get(`${base}/v1/sites/${S1}/devices/${AP1}/statistics/latest`)
    .reply(200, fixture("integration-statistics-ap1.json"))
    .get(`${base}/v1/sites/${S1}/devices/${AP2}/statistics/latest`)
    .reply(200, fixture("integration-statistics-ap2.json"))
    .get(`${base}/v1/sites/${S2}/devices`)
    .query(page(0))
    .reply(200, fixture("integration-empty-page.json"))
    .get(`${base}/v1/sites/${S2}/clients`)
    .query(page(0))
    .reply(200, fixture("integration-empty-page.json"));
}

describe("unifi collect, mode connector (Site Manager + integration API through the cloud connector)", () => {
  it("pairs console sites with Site Manager sites and takes devices and clients from the console", async () => {
    mockSiteManager();
    mockConsole(HOST_B);
    const { context } = unifiContext({ mode: "connector", hostIds: [HOST_B] });
    const result = await unifiPlugin.collect(context);

    const [acme, warehouse] = result.sites;
    expect(result.sites).toHaveLength(2);
    // Site Manager id, name, alerts and fingerprint; console device and client counts
    expect(acme).toMatchObject({
      sourceId: ACME_SITE,
      name: "Acme Corp - Main Office",
      matchKeys: { siteId: ACME_SITE, hostId: HOST_B },
      devicesTotal: 5,
      devicesOnline: 3,
      wifiClients: 10,
      weakSignalClients: 1,
      criticalAlerts: 2,
      warningAlerts: 0,
      lastSeen: NOW.toISOString(),
    });
    expect(acme?.configFingerprint).toMatch(/^[0-9a-f]{64}$/);
    // a console site Site Manager does not list keeps its console id
    expect(warehouse).toEqual({
      source: "unifi",
      sourceId: S2,
      name: "Acme Warehouse",
      matchKeys: { siteId: S2, hostId: HOST_B },
      devicesTotal: 0,
      devicesOnline: 0,
      wifiClients: 0,
      lastSeen: NOW.toISOString(),
    });
    expect(result.devices).toHaveLength(5);
    expect(new Set(result.devices.map((d) => d.siteSourceId))).toEqual(new Set([ACME_SITE]));
    expect(result.errors).toEqual([]);
    expect(result.notes).toEqual([
      `console "Acme UDM Pro" (${HOST_B}): site Acme Warehouse is not in Site Manager; reported under its console id ${S2}`,
    ]);
  });

  it("falls back to Site Manager counts for a console the connector cannot reach, and says so", async () => {
    mockSiteManager();
    api()
      .get(`${connector(HOST_B)}/v1/sites`)
      .query(page(0))
      .reply(403, {
        statusCode: 403,
        statusName: "FORBIDDEN",
        code: "api.authorization.forbidden",
        message: "Forbidden",
        timestamp: "2026-03-01T09:59:00.000Z",
        requestPath: "/integration/v1/sites",
        requestId: "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9",
      });
    const { context } = unifiContext({ mode: "connector", hostIds: [HOST_B] });
    const result = await unifiPlugin.collect(context);
    expect(result.sites).toHaveLength(1);
    expect(result.sites[0]).toMatchObject({
      sourceId: ACME_SITE,
      devicesTotal: 12,
      devicesOnline: 11,
      wifiClients: 80,
    });
    expect(result.devices).toEqual([]);
    expect(result.errors).toEqual([
      {
        source: "unifi",
        entity: "device",
        id: HOST_B,
        message: expect.stringMatching(
          /^console "Acme UDM Pro" \(70A7.*:1261206302\): devices and clients not collected through the cloud connector \(.*returned 403: Forbidden \(api\.authorization\.forbidden\) \[trace id 0b1c2d3e-.*\]\); its 1 site\(s\) carry Site Manager counts only$/,
        ),
      },
    ]);
  });

  it("reaches every console that has a site when no hostIds are set", async () => {
    api()
      .get("/v1/sites")
      .query({ pageSize: "100" })
      .reply(200, { ...fixture<object>("sites-page-1.json"), nextToken: null })
      .get("/v1/hosts")
      .query({ pageSize: "100" })
      .reply(200, fixture("hosts.json"))
      .get("/v1/sd-wan-configs")
      .query({ pageSize: "100" })
      .reply(200, { data: [], httpStatusCode: 200, traceId: "b0" });
    for (const hostId of [HOST_A, HOST_B]) {
      api()
        .get(`${connector(hostId)}/v1/sites`)
        .query(page(0))
        .reply(200, {
          offset: 0,
          limit: 200,
          count: 1,
          totalCount: 1,
          data: [
            {
              id: `${hostId.slice(0, 8)}-0000-4000-8000-000000000000`,
              internalReference: "main",
              name: "Main",
            },
          ],
        })
        .get(/\/v1\/sites\/[^/]+\/(devices|clients)$/)
        .query(page(0))
        .times(2)
        .reply(200, fixture("integration-empty-page.json"));
    }
    const { context } = unifiContext({ mode: "connector" });
    const result = await unifiPlugin.collect(context);
    // consoles in host id order; one site on each side of a console: paired even though the slugs differ
    expect(result.sites.map((s) => [s.sourceId, s.devicesTotal])).toEqual([
      [ACME_SITE, 0],
      ["661900ae6aec8f548d49fd54", 0],
    ]);
    expect(result.notes).toEqual([]);
  });
});
