import { readFileSync } from "node:fs";
import { json, type VendorRequest, type VendorResponse, type VendorRouter } from "./fake-vendor.js";

/**
 * The plugins' own published-shape fixtures (packages/plugin-*\/test/fixtures), served as the
 * vendors would serve them, so the fault suite runs the real plugins end to end.
 */
const packages = new URL("../../../../", import.meta.url);
const fixture = (plugin: string, name: string): unknown =>
  JSON.parse(readFileSync(new URL(`${plugin}/test/fixtures/${name}`, packages), "utf8"));

export const UNIFI_API_KEY = "unifi_reliability_key_Xq81vT3mZ";
export const NINJAONE_CLIENT_ID = "reliability-client-id";
export const NINJAONE_CLIENT_SECRET = "s3cr3t-Reliability-Secret-Vw7";
const NINJAONE_TOKEN = "eyJhbGciOiJSUzI1NiJ9.reliability-access-token";

export const UNIFI_SITE_ACME = "66a1f3c27b9e4a5d8c0e1f21";
export const UNIFI_SITE_BETA_WAREHOUSE = "66a1f3c27b9e4a5d8c0e1f22";
export const NINJAONE_ORG_ACME = 2;
export const NINJAONE_ORG_GLOBEX = 3;
export const SUB_A = "a1a1a1a1-0000-4000-8000-00000000000a";
export const SUB_B = "b2b2b2b2-0000-4000-8000-00000000000b";

const notFound = (request: VendorRequest): VendorResponse =>
  json(
    { code: "NOT_FOUND", message: `no fixture for ${request.method} ${request.pathname}?${request.query}` },
    404,
  );

/** Site Manager API (`/v1/sites`, `/v1/hosts`, `/v1/devices`, SD-WAN), `nextToken` paging. */
export function unifiSiteManager(): VendorRouter {
  const load = (name: string) => fixture("plugin-unifi", name);
  const sitesToken1 = "602232A870250000000006C514FF00000000073A79F8000000006369FDA2:1467082514";
  const sitesToken2 = "602232A870250000000006C514FF00000000073A79F8000000006369FDA2:1467082999";
  const devicesToken1 = "602232A870250000000006C514FF00000000073A79F8000000006369FDA2:1467085000";
  const devicesToken2 = "602232A870250000000006C514FF00000000073A79F8000000006369FDA2:1467085999";
  const pages: Record<string, Record<string, string>> = {
    "/v1/sites": {
      "": "sites-page-1.json",
      [sitesToken1]: "sites-page-2.json",
      [sitesToken2]: "sites-page-3.json",
    },
    "/v1/devices": {
      "": "devices-page-1.json",
      [devicesToken1]: "devices-page-2.json",
      [devicesToken2]: "devices-page-3.json",
    },
    "/v1/hosts": { "": "hosts.json" },
    "/v1/sd-wan-configs": { "": "sd-wan-configs.json" },
    "/v1/sd-wan-configs/5f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/status": { "": "sd-wan-status.json" },
  };
  return (request) => {
    if (request.headers.get("x-api-key") !== UNIFI_API_KEY) return json(load("error-401.json"), 401);
    const name = pages[request.pathname]?.[request.query.get("nextToken") ?? ""];
    return name && request.method === "GET" ? json(load(name)) : notFound(request);
  };
}

/**
 * NinjaOne (`/ws/oauth/token`, `/v2/…`) over the plugin's multi-page fixtures at `pageSize: 2`.
 * Cursor reports name their cursor per page (`<name>.<page>`), so the stand-in is stateless and
 * two runs can page through it at the same time.
 */
export function ninjaOne(): VendorRouter {
  const load = (name: string) => fixture("plugin-ninjaone", `${name}.json`);
  const afterPages: Record<string, Record<string, string>> = {
    "/v2/organizations": {
      "": "organizations-page-1",
      "3": "organizations-page-2",
      "7": "organizations-page-3",
    },
    "/v2/devices-detailed": {
      "": "devices-page-1",
      "7": "devices-page-2",
      "11": "devices-page-3",
      "14": "devices-page-4",
    },
  };
  const cursorPages: Record<string, string[]> = {
    "/v2/queries/device-health": ["device-health-page-1", "device-health-page-2"],
    "/v2/backup/jobs": [
      "backup-jobs-page-1",
      "backup-jobs-page-2",
      "backup-jobs-page-3",
      "backup-jobs-page-4",
    ],
  };
  const cursorPage = (pathname: string, cursor: string | null): unknown => {
    const names = cursorPages[pathname] ?? [];
    const index = cursor === null ? 0 : Number(cursor.split(".").at(-1));
    const name = names[index];
    if (!name) return undefined;
    const report = load(name) as { cursor: { name: string } };
    return { ...report, cursor: { ...report.cursor, name: `${report.cursor.name}.${index + 1}` } };
  };
  return (request) => {
    if (request.pathname === "/ws/oauth/token" && request.method === "POST") {
      const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
      if (
        form.get("client_id") !== NINJAONE_CLIENT_ID ||
        form.get("client_secret") !== NINJAONE_CLIENT_SECRET
      )
        return json({ error: "invalid_client" }, 401);
      return json({ ...(load("token") as object), access_token: NINJAONE_TOKEN });
    }
    if (request.headers.get("authorization") !== `Bearer ${NINJAONE_TOKEN}`)
      return json({ error: "invalid_token" }, 401);
    if (request.query.get("pageSize") !== null && request.query.get("pageSize") !== "2")
      return notFound(request);
    const after = afterPages[request.pathname];
    if (after) {
      const name = after[request.query.get("after") ?? ""];
      if (!name) return notFound(request);
      const page = load(name) as Record<string, unknown>[];
      return json(request.pathname === "/v2/devices-detailed" ? page.map(repairDevice) : page);
    }
    if (cursorPages[request.pathname]) {
      const page = cursorPage(request.pathname, request.query.get("cursor"));
      return page ? json(page) : notFound(request);
    }
    if (request.pathname === "/v2/alerts") return json(load("alerts"));
    if (request.pathname === "/v2/ticketing/trigger/boards") return json(load("ticket-boards"));
    if (request.pathname === "/v2/ticketing/trigger/board/2/run" && request.method === "POST") {
      const body = request.body as { lastCursorId?: number };
      return json(load(body.lastCursorId === 1262 ? "board-run-page-2" : "board-run-page-1"));
    }
    return notFound(request);
  };
}

/**
 * The plugin's device fixtures include two deliberately malformed records (for its own bad-record
 * tests: `offline: "yes"`, and a device without an id). Here they are served repaired, so that a
 * fault-free run has nothing to report and every failure a case sees comes from its faults; bad
 * vendor records are the bad-input suite's subject.
 */
function repairDevice(device: Record<string, unknown>): Record<string, unknown> {
  return {
    ...device,
    ...(typeof device.offline === "string" ? { offline: device.offline === "yes" } : {}),
    ...(device.id === undefined ? { id: 13 } : {}),
  };
}

const RESOURCE_GRAPH = "/providers/Microsoft.ResourceGraph/resources";

const PROVIDER_TYPES: Record<string, string> = {
  "microsoft.compute/virtualmachines": "Microsoft.Compute/virtualMachines",
  "microsoft.compute/disks": "Microsoft.Compute/disks",
  "microsoft.storage/storageaccounts": "Microsoft.Storage/storageAccounts",
  "microsoft.web/sites": "Microsoft.Web/sites",
  "microsoft.keyvault/vaults": "Microsoft.KeyVault/vaults",
};

/** A `Resources` row as the plugin's query projects it (plugin-azure/test/arg-fixtures.ts). */
function resourceRow(subscriptionId: string, resourceGroup: string, type: string, name: string) {
  return {
    id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${PROVIDER_TYPES[type] ?? type}/${name}`,
    name,
    type,
    location: "westeurope",
    resourceGroup: resourceGroup.toLowerCase(),
    subscriptionId,
    tags: { env: "prod" },
  };
}

const healthRow = (resource: { id: string; subscriptionId: string }, availabilityState: string) => ({
  id: `${resource.id}/providers/Microsoft.ResourceHealth/availabilityStatuses/current`,
  targetResourceId: resource.id.toLowerCase(),
  availabilityState,
  subscriptionId: resource.subscriptionId,
});

/**
 * Azure Resource Graph (2022-10-01): ResourceContainers, Resources (two pages chained by
 * `$skipToken`) and HealthResources for two subscriptions.
 */
export function azureResourceGraph(): VendorRouter {
  const vm1 = resourceRow(SUB_A, "Acme-RG", "microsoft.compute/virtualmachines", "vm1");
  const vm2 = resourceRow(SUB_A, "Acme-RG", "microsoft.compute/virtualmachines", "vm2");
  const disk1 = resourceRow(SUB_A, "Acme-RG", "microsoft.compute/disks", "vm1-os");
  const st1 = resourceRow(SUB_A, "Acme-Data", "microsoft.storage/storageaccounts", "acmedata");
  const web1 = resourceRow(SUB_A, "Acme-Web", "microsoft.web/sites", "acme-portal");
  const kv1 = resourceRow(SUB_A, "Acme-RG", "microsoft.keyvault/vaults", "acme-kv");
  const vm3 = resourceRow(SUB_B, "globex-rg", "microsoft.compute/virtualmachines", "gx-vm");
  const st2 = resourceRow(SUB_B, "globex-rg", "microsoft.storage/storageaccounts", "gxone");
  const containers = [
    {
      id: `/subscriptions/${SUB_A}`,
      name: "Acme Production",
      type: "microsoft.resources/subscriptions",
      subscriptionId: SUB_A,
      resourceGroup: "",
    },
    {
      id: `/subscriptions/${SUB_B}`,
      name: "Globex",
      type: "microsoft.resources/subscriptions",
      subscriptionId: SUB_B,
      resourceGroup: "",
    },
    ...[
      [SUB_A, "Acme-RG"],
      [SUB_A, "Acme-Data"],
      [SUB_A, "Acme-Web"],
      [SUB_B, "globex-rg"],
    ].map(([subscriptionId, name]) => ({
      id: `/subscriptions/${subscriptionId}/resourceGroups/${name}`,
      name,
      type: "microsoft.resources/subscriptions/resourcegroups",
      subscriptionId,
      resourceGroup: (name as string).toLowerCase(),
    })),
  ];
  const tables: Record<string, unknown[][]> = {
    ResourceContainers: [containers],
    Resources: [
      [vm1, vm2, disk1, st1],
      [web1, kv1, vm3, st2],
    ],
    HealthResources: [
      [
        healthRow(vm1, "Available"),
        healthRow(vm2, "Degraded"),
        healthRow(st1, "Available"),
        healthRow(web1, "Unavailable"),
        healthRow(vm3, "Available"),
      ],
    ],
  };
  return (request) => {
    if (!request.headers.get("authorization")?.startsWith("Bearer "))
      return json({ error: { code: "AuthenticationFailed", message: "no token" } }, 401);
    if (request.pathname !== RESOURCE_GRAPH || request.method !== "POST") return notFound(request);
    const body = request.body as { query: string; options: { $skipToken?: string } };
    const table = body.query.split(" |")[0] ?? "";
    const pages = tables[table];
    const index = body.options.$skipToken ? Number(body.options.$skipToken.split("-").at(-1)) : 0;
    const rows = pages?.[index];
    if (!pages || !rows) return notFound(request);
    const total = pages.reduce((sum, page) => sum + page.length, 0);
    const next = index + 1 < pages.length ? `${table}-token-${index + 1}` : undefined;
    return json({
      totalRecords: total,
      count: rows.length,
      resultTruncated: "false",
      ...(next ? { $skipToken: next } : {}),
      facets: [],
      data: rows,
    });
  };
}

/** A TokenCredential (`@azure/core-auth`) that hands out a fresh fake token per call. */
export function fakeAzureCredential() {
  let issued = 0;
  return {
    async getToken() {
      issued += 1;
      return { token: `azure-fake-token-${issued}`, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}
