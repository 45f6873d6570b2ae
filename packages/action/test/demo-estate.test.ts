import { createLogger, createMemorySink, type Observations } from "@notion-ops/core";
import { azureConfigSchema, createAzurePlugin } from "@notion-ops/plugin-azure";
import { ninjaoneConfigSchema, ninjaonePlugin } from "@notion-ops/plugin-ninjaone";
import { unifiConfigSchema, unifiPlugin } from "@notion-ops/plugin-unifi";
import { afterEach, describe, expect, it } from "vitest";
import { generateEstate } from "../src/demo/estate.js";
import { estateTotals } from "../src/demo/estate-totals.js";
import { FAKE_AZURE_PAGE_LIMIT, fakeAzureCredential, startFakeAzure } from "../src/demo/fake-azure.js";
import { startFakeNinjaOne } from "../src/demo/fake-ninjaone.js";
import { FAKE_UNIFI_PAGE_LIMIT, startFakeUnifi } from "../src/demo/fake-unifi.js";
import type { FakeServer } from "../src/demo/loopback-server.js";

const DAY = new Date("2026-03-01T15:42:00Z");
const estate = generateEstate({ day: DAY });
const servers: FakeServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

function context<T>(config: T, env: Record<string, string>) {
  const sink = createMemorySink();
  return { config, env, logger: createLogger(sink), now: () => new Date("2026-03-01T16:00:00Z") };
}

function expectClean(observations: Observations) {
  expect(observations.errors).toEqual([]);
  expect(observations.notes).toEqual([]);
}

describe("the demo estate", () => {
  it("is the same for the same day, and only its timestamps move with the day", () => {
    expect(generateEstate({ day: new Date("2026-03-01T23:59:59Z") })).toEqual(estate);
    const tomorrow = generateEstate({ day: new Date("2026-03-02T00:00:01Z") });
    const ids = (e: typeof estate) =>
      e.sites.map((s) => [
        s.key,
        s.name,
        s.unifi?.siteId,
        s.unifi?.hostId,
        s.unifi?.devices.map((d) => [d.id, d.online]),
        s.ninjaone?.id,
        s.ninjaone?.devices.map((d) => [d.id, d.online, d.health]),
        s.azure?.id,
        s.azure?.resources.map((r) => [r.path, r.health]),
        s.problems,
      ]);
    expect(ids(tomorrow)).toEqual(ids(estate));
    const shift = (a: string | undefined, b: string | undefined) => Date.parse(b!) - Date.parse(a!);
    tomorrow.sites.forEach((site, i) => {
      if (site.unifi)
        expect(shift(estate.sites[i]!.unifi!.devicesUpdatedAt, site.unifi.devicesUpdatedAt)).toBe(86_400_000);
    });
  });

  it("has dozens of sites, a few unhealthy, some unmatched", () => {
    const totals = estateTotals(estate);
    expect(totals.listedSites).toBe(36);
    expect(totals.unifiSites).toBe(36);
    expect(totals.ninjaoneOrganizations).toBe(30);
    expect(totals.azureSubscriptions).toBe(12);
    expect(totals.discoveredSites).toBe(2);
    expect(totals.unreportedSites).toBe(1);
    expect(totals.customerSites).toBe(38);
    expect(totals.snapshots).toBe(37);
    expect(totals.unhealthySites).toBeGreaterThanOrEqual(6);
    for (const site of estate.sites) {
      if (site.unifi) expect(site.unifi.devices.length).toBeGreaterThanOrEqual(3);
      if (site.unifi) expect(site.unifi.devices.length).toBeLessThanOrEqual(10);
      if (site.ninjaone) expect(site.ninjaone.devices.length).toBeGreaterThanOrEqual(2);
      if (site.ninjaone) expect(site.ninjaone.devices.length).toBeLessThanOrEqual(15);
    }
    expect(totals.devices).toBe(totals.unifiDevices + totals.ninjaoneDevices);
    expect(new Set(estate.sites.map((s) => s.key)).size).toBe(estate.sites.length);
  });
});

describe("the fake UniFi Site Manager API", () => {
  it("serves every site and device in the shapes the UniFi plugin reads, over several pages", async () => {
    const apiKey = "test-unifi-key-123456";
    const server = await startFakeUnifi(estate, { apiKey });
    servers.push(server);
    const observations = await unifiPlugin.collect(
      context(unifiConfigSchema.parse({}), { UNIFI_API_KEY: apiKey, UNIFI_BASE_URL: server.url }),
    );
    expectClean(observations);
    const unifiSites = estate.sites.flatMap((s) => (s.unifi ? [s.unifi] : []));
    expect(observations.sites).toHaveLength(unifiSites.length);
    expect(observations.devices).toHaveLength(unifiSites.reduce((n, s) => n + s.devices.length, 0));
    // hosts, sites and devices each take two pages; one SD-WAN list request.
    expect(unifiSites.length).toBeGreaterThan(FAKE_UNIFI_PAGE_LIMIT);
    expect(server.requests()).toBe(7);

    const outage = estate.sites.find((s) => s.problems.includes("console-offline"))!;
    const seen = observations.sites.find((o) => o.sourceId === outage.unifi!.siteId)!;
    expect(seen).toMatchObject({
      name: outage.name,
      devicesOnline: 0,
      devicesTotal: outage.unifi!.devices.length,
      lastSeen: new Date(outage.unifi!.lastConnectionStateChange).toISOString(),
      matchKeys: { siteId: outage.unifi!.siteId, hostId: outage.unifi!.hostId },
    });
    expect(seen.criticalAlerts).toBeGreaterThan(0);
  });

  it("answers a wrong API key with Site Manager's 401 body", async () => {
    const server = await startFakeUnifi(estate, { apiKey: "right" });
    servers.push(server);
    const response = await fetch(`${server.url}/v1/sites`, { headers: { "X-API-KEY": "wrong" } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: "UNAUTHORIZED", httpStatusCode: 401 });
  });
});

describe("the fake NinjaOne API", () => {
  const credentials = { clientId: "demo-client", clientSecret: "demo-secret-value" };
  const env = (url: string) => ({
    NINJAONE_CLIENT_ID: credentials.clientId,
    NINJAONE_CLIENT_SECRET: credentials.clientSecret,
    NINJAONE_BASE_URL: url,
  });

  it("serves organizations, devices, health, alerts, backups and tickets the NinjaOne plugin reads", async () => {
    const server = await startFakeNinjaOne(estate, credentials);
    servers.push(server);
    const observations = await ninjaonePlugin.collect(
      context(ninjaoneConfigSchema.parse({ region: "us", pageSize: 100 }), env(server.url)),
    );
    expectClean(observations);
    const organizations = estate.sites.flatMap((s) => (s.ninjaone ? [{ site: s, org: s.ninjaone }] : []));
    expect(observations.sites).toHaveLength(organizations.length);
    expect(observations.devices).toHaveLength(organizations.reduce((n, o) => n + o.org.devices.length, 0));
    for (const { site, org } of organizations) {
      const seen = observations.sites.find((o) => o.sourceId === String(org.id))!;
      expect(seen.name).toBe(org.name);
      expect(seen.openTickets).toBe(org.tickets.filter((t) => t.open).length);
      expect(seen.devicesOnline).toBe(org.devices.filter((d) => d.online).length);
      const expected = site.problems.includes("backup-failed")
        ? "failed"
        : site.problems.includes("backup-partial")
          ? "partial"
          : org.devices.some((d) => d.backupJobs.length > 0)
            ? "success"
            : "unknown";
      expect(seen.backupStatus).toBe(expected);
      if (site.problems.includes("critical-alerts") || site.problems.includes("console-offline"))
        expect(seen.criticalAlerts).toBeGreaterThan(0);
      else expect(seen.criticalAlerts).toBe(0);
    }
  });

  it("refuses wrong client credentials the way NinjaOne's token endpoint does", async () => {
    const server = await startFakeNinjaOne(estate, credentials);
    servers.push(server);
    const response = await fetch(`${server.url}/ws/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: credentials.clientId,
        client_secret: "wrong",
        scope: "monitoring management",
      }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "invalid_client" });
    const api = await fetch(`${server.url}/v2/organizations`);
    expect(api.status).toBe(401);
  });
});

describe("the fake Azure Resource Graph", () => {
  it("answers the Azure plugin's three queries with $skipToken paging", async () => {
    const server = await startFakeAzure(estate);
    servers.push(server);
    const subscriptions = estate.sites.flatMap((s) => (s.azure ? [s.azure] : []));
    const plugin = createAzurePlugin({ credential: fakeAzureCredential });
    const observations = await plugin.collect(
      context(azureConfigSchema.parse({ subscriptions: subscriptions.map((s) => s.id) }), {
        AZURE_RESOURCE_MANAGER_URL: server.url,
      }),
    );
    expectClean(observations);
    expect(observations.sites.map((s) => s.sourceId).sort()).toEqual(subscriptions.map((s) => s.id).sort());
    const resources = subscriptions.reduce((n, s) => n + s.resources.length, 0);
    expect(observations.services.reduce((n, s) => n + s.resourceCount, 0)).toBe(resources);
    // Each query pages by $skipToken; the resources need more than one page.
    const pages = (rows: number) => Math.max(1, Math.ceil(rows / FAKE_AZURE_PAGE_LIMIT));
    const containers = subscriptions.reduce((n, s) => n + 1 + s.resourceGroups.length, 0);
    const health = subscriptions.reduce((n, s) => n + s.resources.filter((r) => r.health).length, 0);
    expect(resources).toBeGreaterThan(FAKE_AZURE_PAGE_LIMIT);
    expect(server.requests()).toBe(pages(containers) + pages(resources) + pages(health));
    const degraded = estate.sites.find((s) => s.problems.includes("azure-degraded"))!;
    expect(observations.sites.find((s) => s.sourceId === degraded.azure!.id)?.availability).toMatch(
      /Degraded|Unavailable/,
    );
    expect(
      observations.services.find(
        (s) => s.subscriptionId === degraded.azure!.id && s.name === "Virtual Machines",
      )?.availability,
    ).toBe("Degraded");
  });

  it("answers an unknown query and a missing token with Azure's error bodies", async () => {
    const server = await startFakeAzure(estate);
    servers.push(server);
    const post = (authorization: string, query: string) =>
      fetch(`${server.url}/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01`, {
        method: "POST",
        headers: { authorization, "content-type": "application/json" },
        body: JSON.stringify({ subscriptions: [], query, options: { $top: 1000 } }),
      });
    const unauthorized = await post("Bearer nope", "Resources | project id");
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toMatchObject({ error: { code: "InvalidAuthenticationToken" } });
    const token = (await fakeAzureCredential.getToken()).token;
    const invalid = await post(`Bearer ${token}`, "Resources | take 1");
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      error: { code: "BadRequest", details: [{ code: "InvalidQuery" }] },
    });
  });
});
