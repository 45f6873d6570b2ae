import { readFileSync } from "node:fs";
import nock from "nock";
import { VENDOR_ENV } from "./workspace.js";

/**
 * The three vendors as nock interceptors, answering with bodies shaped like their published
 * responses (the plugins' own fixtures are the starting point). Everything is `persist()`ed, so a
 * sync can be run twice against the same data.
 */
export const UNIFI = "https://api.ui.com";
export const NINJAONE = "https://eu.ninjarmm.com";
export const ENTRA = "https://login.microsoftonline.com";
export const ARM = "https://management.azure.com";
export const ARG_PATH = "/providers/Microsoft.ResourceGraph/resources";

export const HOST_A = "900A6F00301100000000074A6BA90000000007A3387E0000000063EC9853:123456789";
export const SUB_A = "a1a1a1a1-0000-4000-8000-00000000000a";

export function pluginFixture<T = unknown>(plugin: "unifi" | "ninjaone", name: string): T {
  const url = new URL(`../../../../plugin-${plugin}/test/fixtures/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as T;
}

/** Requests that reached nock for a host other than the emulator's loopback address. */
export interface VendorTraffic {
  unmatched: string[];
  stop(): void;
}

/** No real network: only loopback (the emulator) may be reached; vendor requests are recorded. */
export function isolateNetwork(): VendorTraffic {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  const unmatched: string[] = [];
  const onNoMatch = (request: { method?: string; href?: string; url?: string; host?: string }) => {
    const where = request.href ?? request.url ?? `${request.host ?? "?"}`;
    if (!/\/\/127\.0\.0\.1[:/]/.test(where)) unmatched.push(`${request.method ?? "?"} ${where}`);
  };
  nock.emitter.on("no match", onNoMatch);
  return {
    unmatched,
    stop() {
      nock.emitter.removeListener("no match", onNoMatch);
      nock.cleanAll();
    },
  };
}

const envelope = (data: unknown[]) => ({
  data,
  httpStatusCode: 200,
  traceId: "f1f2f3f4f5f6f7f8f9f0f1f2f3f4f5f6",
});

export interface UnifiData {
  sites: unknown[];
  hosts?: unknown[];
  /** `/v1/devices` groups: `{ hostId, hostName, devices, updatedAt }`. */
  devices?: unknown[];
}

/** Site Manager (cloud mode): one page each of sites, hosts, SD-WAN configs and devices. */
export function serveUnifi(data: UnifiData): void {
  const scope = nock(UNIFI, { reqheaders: { "x-api-key": VENDOR_ENV.UNIFI_API_KEY } }).persist();
  scope.get("/v1/sites").query(true).reply(200, envelope(data.sites));
  scope
    .get("/v1/hosts")
    .query(true)
    .reply(200, envelope(data.hosts ?? pluginFixture<{ data: unknown[] }>("unifi", "hosts.json").data));
  scope.get("/v1/sd-wan-configs").query(true).reply(200, envelope([]));
  scope
    .get("/v1/devices")
    .query(true)
    .reply(200, envelope(data.devices ?? []));
}

export interface NinjaOneData {
  organizations: unknown[];
  devices?: unknown[];
  health?: unknown[];
  alerts?: unknown[];
  backups?: unknown[];
}

const NINJA_TOKEN = "eyJhbGciOiJSUzI1NiJ9.hostile-suite-ninjaone-access-token";

/** NinjaOne (region eu): the client-credentials token, then one page of each list and report. */
export function serveNinjaOne(data: NinjaOneData): void {
  nock(NINJAONE).persist().post("/ws/oauth/token").reply(200, {
    access_token: NINJA_TOKEN,
    token_type: "Bearer",
    expires_in: 3600,
    scope: "monitoring management",
  });
  const api = nock(NINJAONE, { reqheaders: { authorization: `Bearer ${NINJA_TOKEN}` } }).persist();
  api.get("/v2/organizations").query(true).reply(200, data.organizations);
  api
    .get("/v2/devices-detailed")
    .query(true)
    .reply(200, data.devices ?? []);
  api
    .get("/v2/queries/device-health")
    .query(true)
    .reply(200, { cursor: null, results: data.health ?? [] });
  api
    .get("/v2/alerts")
    .query(true)
    .reply(200, data.alerts ?? []);
  api
    .get("/v2/backup/jobs")
    .query(true)
    .reply(200, { cursor: null, results: data.backups ?? [] });
}

export interface AzureData {
  containers: unknown[];
  resources?: unknown[];
  health?: unknown[];
}

const AZURE_TOKEN = "eyJ0eXAiOiJKV1QifQ.hostile-suite-arm-access-token";

/** Entra (client secret, as locally) and Resource Graph answering each of the three queries. */
export function serveAzure(data: AzureData): void {
  nock(ENTRA)
    .persist()
    .post(`/${VENDOR_ENV.AZURE_TENANT_ID}/oauth2/v2.0/token`)
    .query(true)
    .reply(200, { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: AZURE_TOKEN });
  nock(ARM, { reqheaders: { authorization: `Bearer ${AZURE_TOKEN}` } })
    .persist()
    .post(ARG_PATH)
    .query({ "api-version": "2022-10-01" })
    .reply(async (request: Request) => {
      const body = (await request.json()) as { query: string };
      const rows = body.query.startsWith("ResourceContainers")
        ? data.containers
        : body.query.startsWith("HealthResources")
          ? (data.health ?? [])
          : (data.resources ?? []);
      return [
        200,
        { totalRecords: rows.length, count: rows.length, resultTruncated: "false", facets: [], data: rows },
      ];
    });
}

/** Resource Graph rows as the plugin's queries project them. */
export const azureRows = {
  subscription: (subscriptionId: string, name: string) => ({
    id: `/subscriptions/${subscriptionId}`,
    name,
    type: "microsoft.resources/subscriptions",
    subscriptionId,
    resourceGroup: "",
  }),
  resource: (subscriptionId: string, resourceGroup: string, type: string, name: string) => ({
    id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${type}/${name}`,
    name,
    type,
    location: "westeurope",
    resourceGroup: resourceGroup.toLowerCase(),
    subscriptionId,
    tags: {},
  }),
};
