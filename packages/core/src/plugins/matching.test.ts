import { describe, expect, it } from "vitest";
import { configuredSiteSchema } from "../config/schema.js";
import { matchSites } from "./matching.js";
import type { DeviceObservation, Observations, ServiceObservation, SiteObservation } from "./observations.js";

interface TestSite {
  key: string;
  name: string;
  state?: string;
  unifi?: { siteId?: string; hostId?: string };
  ninjaone?: { organizationId?: number };
  azure?: { subscriptionId?: string; resourceGroup?: string };
}

const HOST = "900A6F00301100000000074A6BA90000000007A3387E0000000063EC9853:123456789";

function unifiSite(siteId: string, name: string, facts: Partial<SiteObservation> = {}): SiteObservation {
  return { source: "unifi", sourceId: siteId, name, matchKeys: { siteId, hostId: HOST }, ...facts };
}

function ninjaOrg(id: number, name: string, facts: Partial<SiteObservation> = {}): SiteObservation {
  return {
    source: "ninjaone",
    sourceId: String(id),
    name,
    matchKeys: { organizationId: String(id) },
    ...facts,
  };
}

function azureSub(
  subscriptionId: string,
  name: string,
  facts: Partial<SiteObservation> = {},
): SiteObservation {
  return { source: "azure", sourceId: subscriptionId, name, matchKeys: { subscriptionId }, ...facts };
}

function device(source: string, id: string, siteSourceId: string): DeviceObservation {
  return { key: `${source}:${id}`, source, vendorId: id, siteSourceId, name: id, status: "online" };
}

function from(
  source: string,
  sites: SiteObservation[],
  devices: DeviceObservation[] = [],
  services: ServiceObservation[] = [],
): Observations {
  return { source, sites, devices, services, errors: [], notes: [] };
}

const keysOf = (result: ReturnType<typeof matchSites<TestSite>>) => result.customerSites.map((s) => s.key);

describe("matchSites", () => {
  it("joins by explicit mapping, comparing every id the mapping sets", () => {
    const acme: TestSite = {
      key: "ACME-001",
      name: "Acme Corp - Main Office",
      unifi: { siteId: "661900ae6aec8f548d49fd54", hostId: HOST },
    };
    const result = matchSites({
      sites: [acme],
      observations: [
        from("unifi", [
          unifiSite("661900ae6aec8f548d49fd54", "Default"),
          unifiSite("661900ae6aec8f548d49fd55", "Acme Corp - Main Office"),
        ]),
      ],
    });
    const [site] = result.customerSites;
    expect(site?.configured).toBe(acme);
    expect(site?.joins).toEqual([
      { source: "unifi", sourceId: "661900ae6aec8f548d49fd54", name: "Default", by: "mapping" },
    ]);
    // the other one has the site's name, but the site maps UniFi to another id: reported, not joined
    expect(result.unmatchedObservations).toEqual([
      expect.objectContaining({
        reason: "mapping-conflict",
        observation: expect.objectContaining({ sourceId: "661900ae6aec8f548d49fd55" }),
      }),
    ]);
    expect(result.unmatchedObservations[0]?.message).toContain("sites[ACME-001].unifi maps other ids");
    expect(keysOf(result)).toEqual(["ACME-001"]);
  });

  it("compares mapping ids as trimmed strings, ignoring case, numbers included", () => {
    const result = matchSites<TestSite>({
      sites: [
        { key: "A", name: "Alpha", unifi: { siteId: " 661900AE6AEC8F548D49FD54 " } },
        { key: "B", name: "Beta", ninjaone: { organizationId: 12 } },
      ],
      observations: [
        from("unifi", [unifiSite("661900ae6aec8f548d49fd54", "Somewhere")]),
        from("ninjaone", [ninjaOrg(12, "Something else")]),
      ],
    });
    expect(result.customerSites.map((s) => s.joins.map((j) => `${j.source}:${j.sourceId}:${j.by}`))).toEqual([
      ["unifi:661900ae6aec8f548d49fd54:mapping"],
      ["ninjaone:12:mapping"],
    ]);
    expect(result.unmatchedObservations).toEqual([]);
    expect(result.unreportedSites).toEqual([]);
  });

  it("lets a mapping that names only a console join every site on it", () => {
    const result = matchSites<TestSite>({
      sites: [{ key: "ACME", name: "Acme", unifi: { hostId: HOST } }],
      observations: [
        from("unifi", [
          unifiSite("s1", "Acme HQ", { devicesOnline: 2, devicesTotal: 3 }),
          unifiSite("s2", "Acme Warehouse", { devicesOnline: 4, devicesTotal: 4 }),
        ]),
      ],
    });
    expect(result.customerSites[0]?.observations.map((o) => o.sourceId)).toEqual(["s1", "s2"]);
    expect(result.customerSites[0]?.facts).toMatchObject({ devicesOnline: 6, devicesTotal: 7 });
  });

  it("treats an empty mapping block as no mapping", () => {
    const result = matchSites<TestSite>({
      sites: [{ key: "ACME", name: "Acme", unifi: {} }],
      observations: [from("unifi", [unifiSite("s1", "Somebody else"), unifiSite("s2", "acme")])],
    });
    expect(result.customerSites[0]?.joins.map((j) => [j.sourceId, j.by])).toEqual([["s2", "name"]]);
  });

  it("joins by exact name, ignoring case and whitespace", () => {
    const result = matchSites<TestSite>({
      sites: [{ key: "ACME-001", name: "Acme Corp - Main Office" }],
      observations: [
        from("unifi", [unifiSite("s1", "  ACME corp -\tmain   office ")]),
        from("ninjaone", [ninjaOrg(12, "acme corp - main office")]),
        from("azure", [azureSub("sub-1", "Acme Corp - Main Offices")]),
      ],
    });
    const [acme] = result.customerSites;
    expect(acme?.joins.map((j) => [j.source, j.by])).toEqual([
      ["unifi", "name"],
      ["ninjaone", "name"],
    ]);
    // a near miss is not a match: it is listed, and becomes a discovered site of its own
    expect(result.unmatchedObservations).toHaveLength(1);
    expect(result.unmatchedObservations[0]).toMatchObject({
      reason: "not-configured",
      discoveredAs: "auto:acme-corp-main-offices",
    });
  });

  it("joins two sources into one site and merges their facts", () => {
    const result = matchSites<TestSite>({
      sites: [{ key: "ACME-001", name: "Acme", unifi: { siteId: "s1" } }],
      observations: [
        from(
          "unifi",
          [
            unifiSite("s1", "Acme HQ (UniFi name)", {
              devicesOnline: 9,
              devicesTotal: 10,
              wifiClients: 40,
              weakSignalClients: 4,
              criticalAlerts: 1,
            }),
          ],
          [device("unifi", "ap-1", "s1")],
        ),
        from(
          "ninjaone",
          [
            ninjaOrg(12, "ACME", {
              devicesOnline: 18,
              devicesTotal: 20,
              criticalAlerts: 2,
              warningAlerts: 5,
              backupStatus: "partial",
              openTickets: 3,
            }),
          ],
          [device("ninjaone", "1001", "12")],
        ),
      ],
    });
    const [acme] = result.customerSites;
    expect(acme?.joins.map((j) => `${j.source}/${j.by}`)).toEqual(["unifi/mapping", "ninjaone/name"]);
    expect(acme?.facts).toMatchObject({
      devicesOnline: 27,
      devicesTotal: 30,
      wifiClients: 40,
      weakSignalClients: 4,
      criticalAlerts: 3,
      warningAlerts: 5,
      backupStatus: "partial",
      openTickets: 3,
      sources: ["ninjaone", "unifi"],
    });
    expect(acme?.devices.map((d) => d.key)).toEqual(["unifi:ap-1", "ninjaone:1001"]);
    expect(result.unattachedDevices).toEqual([]);
  });

  it("lists configured sites no source reported, and keeps them as customer sites without facts", () => {
    const ghost: TestSite = { key: "GHOST", name: "Nobody Reports Me", unifi: { siteId: "gone" } };
    const result = matchSites<TestSite>({ sites: [ghost], observations: [from("unifi", [])] });
    expect(result.unreportedSites).toEqual([ghost]);
    expect(result.customerSites).toEqual([
      expect.objectContaining({ key: "GHOST", configured: ghost, observations: [], joins: [] }),
    ]);
    expect(result.customerSites[0]?.facts).toEqual({ fingerprints: {}, hasAzure: false, sources: [] });
  });

  it("turns unconfigured source sites into discovered sites, joined across sources by name, and lists them", () => {
    const result = matchSites<TestSite>({
      sites: [],
      observations: [
        from("unifi", [unifiSite("s9", "Beta  Ltd", { criticalAlerts: 1 })], [device("unifi", "sw-1", "s9")]),
        from("ninjaone", [ninjaOrg(40, "BETA LTD", { criticalAlerts: 2 }), ninjaOrg(41, "Gamma GmbH")]),
      ],
    });
    expect(keysOf(result)).toEqual(["auto:beta-ltd", "auto:gamma-gmbh"]);
    const [beta, gamma] = result.customerSites;
    expect(beta).toMatchObject({ configured: undefined, name: "BETA LTD" });
    expect(beta?.facts.criticalAlerts).toBe(3);
    expect(beta?.devices.map((d) => d.key)).toEqual(["unifi:sw-1"]);
    expect(gamma?.observations.map((o) => o.sourceId)).toEqual(["41"]);
    // every one of them is still reported as not configured
    expect(
      result.unmatchedObservations.map((u) => [u.observation.sourceId, u.reason, u.discoveredAs]),
    ).toEqual([
      ["40", "not-configured", "auto:beta-ltd"],
      ["s9", "not-configured", "auto:beta-ltd"],
      ["41", "not-configured", "auto:gamma-gmbh"],
    ]);
    expect(result.unmatchedObservations[1]?.message).toContain('together with ninjaone site "BETA LTD" (40)');
  });

  it("gives discovered sites distinct keys when their slugs collide, and keys to non-Latin names", () => {
    const result = matchSites<TestSite>({
      sites: [],
      observations: [
        from("unifi", [
          unifiSite("s1", "Acme, Inc."),
          unifiSite("s2", "Acme Inc"),
          unifiSite("s3", "東京 オフィス"),
        ]),
      ],
    });
    const keys = keysOf(result);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(3);
    expect(keys.filter((k) => /^auto:acme-inc-[0-9a-f]{8}$/.test(k))).toHaveLength(2);
    expect(keys).toContain("auto:東京-オフィス");
    // stable: the same input gives the same keys
    expect(
      keysOf(
        matchSites<TestSite>({
          sites: [],
          observations: [
            from("unifi", [
              unifiSite("s2", "Acme Inc"),
              unifiSite("s3", "東京 オフィス"),
              unifiSite("s1", "Acme, Inc."),
            ]),
          ],
        }),
      ),
    ).toEqual(keys);
  });

  it("does not guess between two configured sites with the same name", () => {
    const result = matchSites<TestSite>({
      sites: [
        { key: "ACME-1", name: "Acme" },
        { key: "ACME-2", name: " ACME ", ninjaone: { organizationId: 12 } },
      ],
      observations: [from("unifi", [unifiSite("s1", "acme")]), from("ninjaone", [ninjaOrg(12, "Acme")])],
    });
    expect(result.ambiguities).toEqual([
      expect.objectContaining({
        kind: "duplicate-site-name",
        siteKeys: ["ACME-1", "ACME-2"],
        observations: [{ source: "unifi", sourceId: "s1", name: "acme" }],
      }),
    ]);
    // the mapping still works; the name cannot
    expect(result.customerSites.find((s) => s.key === "ACME-2")?.joins.map((j) => j.by)).toEqual(["mapping"]);
    expect(result.unmatchedObservations).toEqual([
      expect.objectContaining({
        reason: "ambiguous",
        observation: expect.objectContaining({ sourceId: "s1" }),
      }),
    ]);
    expect(result.unreportedSites.map((s) => s.key)).toEqual(["ACME-1"]);
    expect(keysOf(result)).toEqual(["ACME-1", "ACME-2"]);
  });

  it("does not guess when one observation is mapped by two sites", () => {
    const result = matchSites<TestSite>({
      sites: [
        { key: "A", name: "A", unifi: { hostId: HOST } },
        { key: "B", name: "B", unifi: { hostId: HOST, siteId: "s1" } },
      ],
      observations: [from("unifi", [unifiSite("s1", "A")], [device("unifi", "d1", "s1")])],
    });
    expect(result.ambiguities).toEqual([
      expect.objectContaining({ kind: "observation-mapped-by-several-sites", siteKeys: ["A", "B"] }),
    ]);
    expect(result.customerSites.every((s) => s.observations.length === 0)).toBe(true);
    expect(result.unmatchedObservations[0]).toMatchObject({ reason: "ambiguous" });
    expect(result.unattachedDevices).toEqual([
      {
        device: expect.objectContaining({ key: "unifi:d1" }),
        message: expect.stringContaining("(ambiguous)"),
      },
    ]);
  });

  it("does not guess when two sites of one source have a configured site's name", () => {
    const result = matchSites<TestSite>({
      sites: [{ key: "ACME", name: "Default" }],
      observations: [from("unifi", [unifiSite("s1", "Default"), unifiSite("s2", "default")])],
    });
    expect(result.ambiguities).toEqual([
      expect.objectContaining({ kind: "several-observations-name-one-site", siteKeys: ["ACME"] }),
    ]);
    expect(result.ambiguities[0]?.observations.map((o) => o.sourceId)).toEqual(["s1", "s2"]);
    expect(result.unreportedSites.map((s) => s.key)).toEqual(["ACME"]);
    expect(result.unmatchedObservations.map((u) => u.reason)).toEqual(["ambiguous", "ambiguous"]);
  });

  it("does not join unconfigured sites of one source that share a name", () => {
    const result = matchSites<TestSite>({
      sites: [],
      observations: [
        from("unifi", [unifiSite("s1", "Default"), unifiSite("s2", "Default")]),
        from("ninjaone", [ninjaOrg(3, "default")]),
      ],
    });
    expect(result.customerSites).toEqual([]);
    expect(result.ambiguities[0]).toMatchObject({ kind: "several-observations-share-a-name" });
    expect(result.ambiguities[0]?.observations).toHaveLength(3);
    expect(result.unmatchedObservations.map((u) => [u.observation.sourceId, u.reason])).toEqual([
      ["3", "ambiguous"],
      ["s1", "ambiguous"],
      ["s2", "ambiguous"],
    ]);
  });

  it("reports nameless and duplicate observations instead of dropping them", () => {
    const result = matchSites<TestSite>({
      sites: [],
      observations: [
        from("unifi", [unifiSite("s1", "  "), unifiSite("s2", "Two"), unifiSite("s2", "Two again")]),
      ],
    });
    expect(result.unmatchedObservations.map((u) => [u.observation.sourceId, u.reason])).toEqual([
      ["s2", "duplicate"],
      ["s1", "no-name"],
      ["s2", "not-configured"],
    ]);
    expect(keysOf(result)).toEqual(["auto:two"]);
  });

  it("reports a duplicate site key and uses the first", () => {
    const result = matchSites<TestSite>({
      sites: [
        { key: "ACME", name: "Acme" },
        { key: "acme", name: "Other" },
      ],
      observations: [],
    });
    expect(result.ambiguities).toEqual([
      expect.objectContaining({ kind: "duplicate-site-key", siteKeys: ["acme"] }),
    ]);
    expect(keysOf(result)).toEqual(["ACME"]);
  });

  it("attaches devices and services through their site's source id, and lists the ones it cannot", () => {
    const vms: ServiceObservation = {
      source: "azure",
      name: "Virtual Machines",
      category: "Compute",
      subscriptionId: "sub-1",
      siteSourceId: "sub-1",
      resourceCount: 3,
      availability: "Available",
    };
    const dns: ServiceObservation = { ...vms, name: "DNS", siteSourceId: undefined };
    const stray: ServiceObservation = { ...vms, name: "Storage", siteSourceId: "sub-404" };
    const result = matchSites<TestSite>({
      sites: [{ key: "ACME", name: "Acme", azure: { subscriptionId: "SUB-1" } }],
      observations: [
        from("azure", [azureSub("sub-1", "Acme subscription")], [], [vms, dns, stray]),
        from("unifi", [], [device("unifi", "d1", "s-missing")]),
      ],
    });
    expect(result.customerSites[0]?.services.map((s) => s.name)).toEqual(["Virtual Machines"]);
    expect(result.unattachedServices.map((u) => u.message)).toEqual([
      'service "DNS" names no site',
      'service "Storage": its azure site sub-404 was not reported by azure',
    ]);
    expect(result.unattachedDevices.map((u) => u.message)).toEqual([
      "device unifi:d1: its unifi site s-missing was not reported by unifi",
    ]);
  });

  it("takes the config module's sites as they are and hands them back", () => {
    const site = configuredSiteSchema.parse({
      key: "ACME-001",
      name: "Acme Corp - Main Office",
      state: "Alabama",
      unifi: { siteId: "661900ae6aec8f548d49fd54", hostId: HOST },
      ninjaone: { organizationId: 12 },
      contractRenewal: "2026-03-01",
      primaryContact: "Jane Doe",
    });
    const result = matchSites({
      sites: [site],
      observations: [
        from("unifi", [unifiSite("661900ae6aec8f548d49fd54", "Default")]),
        from("ninjaone", [ninjaOrg(12, "Acme")]),
      ],
    });
    expect(result.customerSites[0]?.configured).toBe(site);
    expect(result.customerSites[0]?.joins.map((j) => j.by)).toEqual(["mapping", "mapping"]);
  });

  it("keeps a site of the same vendor id from another source apart", () => {
    const result = matchSites<TestSite>({
      sites: [{ key: "A", name: "Alpha", ninjaone: { organizationId: 7 } }],
      observations: [
        from("ninjaone", [ninjaOrg(7, "Alpha org")], [device("ninjaone", "1", "7")]),
        from("unifi", [unifiSite("7", "Seven")], [device("unifi", "2", "7")]),
      ],
    });
    expect(result.customerSites.map((s) => [s.key, s.devices.map((d) => d.key)])).toEqual([
      ["A", ["ninjaone:1"]],
      ["auto:seven", ["unifi:2"]],
    ]);
  });
});
