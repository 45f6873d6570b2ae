import fc from "fast-check";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTROL_CHARS, INJECTION, MB, repeatTo, UNICODE_EDGE } from "./harness/hostile-values.js";
import { crashSigns, duplicateKeys, one, stored } from "./harness/stored.js";
import {
  azureRows,
  HOST_A,
  isolateNetwork,
  SUB_A,
  serveAzure,
  serveNinjaOne,
  serveUnifi,
  type VendorTraffic,
} from "./harness/vendors.js";
import { type CliResult, refusedRequests, startWorkspace, type Workspace } from "./harness/workspace.js";

/**
 * Malformed and hostile vendor records through the real plugins (nock answering with the vendors'
 * published shapes): each is a per-record error or a cleaned, cut value; the sync finishes, Notion
 * only ever receives valid payloads, and a second run writes nothing (no duplicates).
 */

let ws: Workspace;
let network: VendorTraffic;

const CONFIG = [
  "sources:",
  "  unifi: { mode: cloud }",
  "  ninjaone: { region: eu, openTickets: false }",
  `  azure: { subscriptions: ["${SUB_A}"] }`,
  "sites:",
  "  - key: ACME-001",
  "    name: Acme Corp",
  "    unifi: { siteId: acme-site-1 }",
  "    ninjaone: { organizationId: 2 }",
  `    azure: { subscriptionId: "${SUB_A}" }`,
  "",
].join("\n");

beforeAll(async () => {
  network = isolateNetwork();
  ws = await startWorkspace();
  await ws.writeConfig(CONFIG);
});
afterAll(async () => {
  network.stop();
  await ws?.stop();
});

const site = (siteId: unknown, desc: unknown, extra: Record<string, unknown> = {}) => ({
  siteId,
  hostId: null,
  meta: { desc, name: "default", timezone: "Europe/Riga" },
  statistics: {
    counts: { totalDevice: 2, offlineDevice: 0, wifiClient: 4, criticalNotification: 0 },
    internetIssues: [],
    percentages: { txRetry: 1.5 },
  },
  ...extra,
});
const device = (id: unknown, extra: Record<string, unknown> = {}) => ({
  id,
  mac: "f4:e2:c6:c2:3f:13",
  name: `Device ${String(id).slice(0, 20)}`,
  model: "UniFi Dream Machine Pro",
  shortname: "UDMPRO",
  ip: "192.168.1.1",
  productLine: "network",
  status: "online",
  version: "4.1.13",
  ...extra,
});
const consoleDevices = (devices: unknown[]) => [
  { hostId: HOST_A, hostName: "Acme Console", updatedAt: "2026-03-01T09:58:00Z", devices },
];

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** What must hold after any sync over hostile data. */
function expectHandled(result: CliResult, since: number): void {
  expect(crashSigns(result.stderr)).toEqual([]);
  expect([0, 1]).toContain(result.code);
  expect(result.json?.command).toBe("sync");
  expect(refusedRequests(ws.requestsSince(since))).toEqual([]);
  expect(ws.emulator.internalErrors()).toEqual([]);
  expect(network.unmatched).toEqual([]);
  // Logs stay printable and bounded whatever the vendors sent.
  expect(result.stderr).not.toMatch(CONTROL);
  expect(result.stderr.length).toBeLessThan(400_000);
  for (const error of result.json?.sourceErrors ?? []) {
    expect(String(error.id ?? "").length).toBeLessThanOrEqual(200);
    expect(error.message.length).toBeLessThanOrEqual(1000);
    expect(`${error.id ?? ""}${error.message}`).not.toMatch(CONTROL);
  }
}

describe("malformed and hostile vendor records", () => {
  it("become per-record errors or cleaned, cut values; Notion gets only valid payloads; a re-run writes nothing", async () => {
    serveUnifi({
      sites: [
        site("acme-site-1", "Acme Corp", { hostId: HOST_A }),
        site(12345, "Wrong type id"),
        { meta: { desc: "No id at all" } },
        null,
        site("meta-string", "x", { meta: "oops" }),
        site("counts-string", "Counts as string", { statistics: { counts: { totalDevice: "12" } } }),
        site("long-name", repeatTo("N", 10_000)),
        site("huge-name", repeatTo("Ω漢", MB)),
        site("unicode-name", UNICODE_EDGE),
        site("control-name", CONTROL_CHARS),
        site("injection-name", INJECTION),
        site(repeatTo("S", MB), "Huge id site"),
      ],
      devices: consoleDevices([
        device("AC0001"),
        device(null),
        device({}),
        device("model-number", { model: 12345 }),
        device("huge-name", { name: repeatTo("n", MB) }),
        device("huge-all", {
          name: repeatTo("漢", MB),
          model: repeatTo("漢", MB),
          version: repeatTo("漢", MB),
          mac: repeatTo("漢", MB),
          ip: repeatTo("漢", MB),
        }),
        device("control", { name: CONTROL_CHARS, mac: "aa:bb\n| injected |", ip: "<script>x</script>" }),
        device("unicode", { name: UNICODE_EDGE }),
        device("injection", { name: INJECTION }),
        device("status-weird", { status: "ONLINE\u0000; DROP TABLE" }),
        device("status-huge", { status: repeatTo("s", MB) }),
        device(repeatTo("D", MB)),
        device("dev\uD800x"),
        device("dev-trailing "),
        device("dev\nnewline"),
        device("ten-k", { name: repeatTo("x", 10_000) }),
      ]),
    });
    serveNinjaOne({
      organizations: [
        { id: 2, name: "Acme Corp" },
        { id: "3", name: "String id" },
        { id: -1, name: "Negative" },
        { id: 4, name: null },
        { id: 5, name: UNICODE_EDGE },
        { id: 6, name: repeatTo("O", 10_000) },
        null,
        "a string record",
        { id: 1.5, name: "Fraction" },
      ],
      devices: [
        { id: 5, organizationId: 2, displayName: "ACME-WS-01", offline: false, lastContact: 1742320000.5 },
        { id: 6, organizationId: 2, offline: "no" },
        { id: 7, displayName: "No organization" },
        { id: 8, organizationId: 2, displayName: repeatTo("W", MB), offline: false, lastContact: 1e20 },
        { id: 9, organizationId: 2, lastContact: "yesterday", ipAddresses: "x", macAddresses: [null, 5] },
        { id: 10, organizationId: 2, system: null, os: "windows", displayName: CONTROL_CHARS },
      ],
    });
    serveAzure({
      containers: [azureRows.subscription(SUB_A, "Acme Azure"), null, { id: 5 }],
      resources: [
        azureRows.resource(SUB_A, "Acme-RG", "microsoft.compute/virtualmachines", "vm1"),
        azureRows.resource(SUB_A, "Acme-RG", `microsoft.${repeatTo("t", 10_000)}/things`, "odd"),
        azureRows.resource(SUB_A, "Acme-RG", "microsoft.compute/virtualmachines", CONTROL_CHARS),
        null,
        { id: 5, type: 7 },
      ],
      health: [{ id: "x", targetResourceId: "y", availabilityState: "Bogus", subscriptionId: SUB_A }],
    });

    const before = ws.mark();
    const first = await ws.cli(["sync", "--json"]);
    expectHandled(first, before);
    // Malformed records make the run "finished with failures", and nothing else failed.
    expect(first.code).toBe(1);
    expect(first.json?.sourceFailures).toEqual([]);
    expect(first.json?.databases.flatMap((d: { failed: unknown[] }) => d.failed)).toEqual([]);

    const errors = (first.json?.sourceErrors ?? []) as {
      source: string;
      entity: string;
      id?: string;
      message: string;
    }[];
    const errorFor = (source: string, id: string | undefined, fragment: string) =>
      errors.find((e) => e.source === source && e.id === id && e.message.includes(fragment));
    // Wrong types and missing ids, each named.
    expect(errorFor("unifi", "12345", "siteId: Invalid input: expected string")).toBeDefined();
    expect(errorFor("unifi", undefined, 'without siteId ("No id at all")')).toBeDefined();
    expect(errorFor("unifi", undefined, "expected object, received null")).toBeDefined();
    expect(errorFor("unifi", "meta-string", "meta: Invalid input: expected object")).toBeDefined();
    expect(errorFor("unifi", "counts-string", "statistics.counts.totalDevice")).toBeDefined();
    expect(errorFor("unifi", "model-number", "model: Invalid input")).toBeDefined();
    expect(errors.filter((e) => e.message.includes("without id")).length).toBe(2);
    // Ids that cannot be Notion keys: too long, lone surrogate, control characters.
    expect(errors.find((e) => e.message.includes("sourceId: is longer than 512 characters"))?.id).toMatch(
      /^S+… \(1048576 characters\)$/,
    );
    expect(errors.find((e) => e.message.includes("key: is longer than 512 characters"))).toBeDefined();
    expect(errorFor("unifi", "unifi:dev\uFFFDx", "is not valid Unicode")).toBeDefined();
    expect(errorFor("unifi", "unifi:dev newline", "contains control characters")).toBeDefined();
    expect(errorFor("unifi", "unifi:status-huge", "status")).toBeDefined();
    expect(errorFor("ninjaone", "3", "id: Invalid input: expected number")).toBeDefined();
    expect(errorFor("ninjaone", "4", "name: Invalid input: expected string, received null")).toBeDefined();
    expect(errorFor("ninjaone", "6", "offline: Invalid input: expected boolean")).toBeDefined();
    expect(errorFor("ninjaone", "7", "organizationId")).toBeDefined();
    expect(errors.filter((e) => e.source === "azure").length).toBeGreaterThanOrEqual(4);

    // The configured site and its good records are there, once.
    const sites = stored(ws, "customerSites");
    expect(one(sites, "Site Key", "ACME-001")["Site Name"]).toBe("Acme Corp");
    const devices = stored(ws, "networkDevices");
    expect(one(devices, "Device Key", "unifi:AC0001")["Device Name"]).toBe("Device AC0001");
    expect(one(devices, "Device Key", "ninjaone:5")["Device Name"]).toBe("ACME-WS-01");
    // Huge text is cut to one text object, ending in "…"; the page still fits in a request.
    for (const key of ["unifi:huge-name", "unifi:huge-all", "unifi:ten-k", "ninjaone:8"]) {
      const name = String(one(devices, "Device Key", key)["Device Name"]);
      expect(name).toHaveLength(2000);
      expect(name.endsWith("…")).toBe(true);
    }
    expect(String(one(devices, "Device Key", "unifi:huge-all").Model)).toHaveLength(2000);
    // Control characters become spaces; unicode survives except lone surrogates (U+FFFD).
    const control = one(devices, "Device Key", "unifi:control");
    expect(control["Device Name"]).toBe("ctl nul bell  [31mred [0m | fake | row | del nel");
    expect(control.MAC).toBe("aa:bb | injected |");
    expect(control.IP).toBe("<script>x</script>");
    expect(one(devices, "Device Key", "unifi:unicode")["Device Name"]).toBe(UNICODE_EDGE.toWellFormed());
    // Shell and workflow-expression text is stored verbatim as plain text.
    expect(one(devices, "Device Key", "unifi:injection")["Device Name"]).toBe(INJECTION);
    expect(one(devices, "Device Key", "unifi:status-weird").Status).toBe("online_drop_table");
    expect(one(devices, "Device Key", "unifi:dev-trailing")).toBeDefined();
    // An unreadable timestamp (1e20 s) is no timestamp: the online device shows the run's date.
    expect(one(devices, "Device Key", "ninjaone:8")["Last Seen"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Sites found only by name are discovered under a bounded key.
    const discovered = sites.filter((s) => String(s["Site Key"]).startsWith("auto:"));
    expect(discovered.length).toBeGreaterThanOrEqual(5);
    for (const s of discovered) {
      expect(String(s["Site Key"]).length).toBeLessThanOrEqual(100);
      expect(String(s["Site Name"]).length).toBeLessThanOrEqual(2000);
      expect(String(s["Site Name"])).not.toMatch(CONTROL);
    }
    expect(sites.some((s) => s["Site Name"] === INJECTION)).toBe(true);

    // A second run over the same data: nothing to create, nothing to change, no duplicates.
    const middle = ws.mark();
    const second = await ws.cli(["sync", "--json"]);
    expectHandled(second, middle);
    expect({ created: second.json?.created, updated: second.json?.updated }).toEqual({
      created: 0,
      updated: 0,
    });
    for (const [database, key] of [
      ["customerSites", "Site Key"],
      ["dailyHealth", "Snapshot Key"],
      ["networkDevices", "Device Key"],
      ["azureServices", "Service Name"],
    ] as const) {
      expect(duplicateKeys(ws, database, key)).toEqual([]);
    }
    nock.cleanAll();
  });

  it("any generated record batch (fast-check) ends in per-record errors or stored values, never a crash or a refused payload", async () => {
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.string({ unit: "grapheme", maxLength: 40 }),
      fc.constantFrom(UNICODE_EDGE, CONTROL_CHARS, INJECTION, "", " ", repeatTo("z", 3000)),
    );
    const value = fc.oneof(
      text,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.object({ maxDepth: 1 }),
    );
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    const siteArb = fc.record(
      {
        siteId: fc.oneof(text, value),
        meta: fc.oneof(fc.record({ desc: maybe(value), name: maybe(value) }), value),
        statistics: maybe(value),
      },
      { requiredKeys: [] },
    );
    const deviceArb = fc.record(
      {
        id: fc.oneof(text, value),
        name: maybe(value),
        model: maybe(value),
        mac: maybe(value),
        ip: maybe(value),
        status: maybe(value),
        version: maybe(value),
      },
      { requiredKeys: [] },
    );
    const orgArb = fc.record(
      { id: fc.oneof(fc.nat(50), value), name: fc.oneof(text, value) },
      { requiredKeys: [] },
    );
    const ninjaDeviceArb = fc.record(
      {
        id: fc.oneof(fc.nat(50), value),
        organizationId: fc.oneof(fc.constant(2), value),
        displayName: maybe(value),
        offline: maybe(value),
        lastContact: maybe(value),
        ipAddresses: maybe(value),
      },
      { requiredKeys: [] },
    );

    await fc.assert(
      fc.asyncProperty(
        fc.array(siteArb, { maxLength: 6 }),
        fc.array(deviceArb, { maxLength: 8 }),
        fc.array(orgArb, { maxLength: 5 }),
        fc.array(ninjaDeviceArb, { maxLength: 6 }),
        async (unifiSites, unifiDevices, organizations, ninjaDevices) => {
          nock.cleanAll();
          serveUnifi({
            sites: [site("acme-site-1", "Acme Corp", { hostId: HOST_A }), ...unifiSites],
            devices: consoleDevices(unifiDevices),
          });
          serveNinjaOne({
            organizations: [{ id: 2, name: "Acme Corp" }, ...organizations],
            devices: ninjaDevices,
          });
          serveAzure({ containers: [azureRows.subscription(SUB_A, "Acme Azure")] });
          const since = ws.mark();
          const result = await ws.cli(["sync", "--json", "--only", "customer-sites,daily-health,devices"]);
          expectHandled(result, since);
          expect(result.json?.databases.flatMap((d: { failed: unknown[] }) => d.failed)).toEqual([]);
          expect(duplicateKeys(ws, "networkDevices", "Device Key")).toEqual([]);
        },
      ),
      { numRuns: 25, seed: 1207 },
    );
    nock.cleanAll();
  });
});
