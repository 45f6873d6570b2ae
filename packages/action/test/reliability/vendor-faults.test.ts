import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand, SYNC_DATE } from "./support/cycle.js";
import type { VendorFault } from "./support/fake-vendor.js";
import { type CaseRun, environmentOf, outcomes, runCase } from "./support/fault-case.js";
import { workspaceState } from "./support/notion-state.js";
import type { VendorFaults } from "./support/vendors.js";

/**
 * The vendor APIs failing the way Notion does (429 with Retry-After, 5xx, HTML 502, dropped
 * connections), through the real plugins: UniFi on a loopback socket, NinjaOne and Azure through
 * nock at their real hosts. Within the plugins' retry budget (4 retries) the workspace must end as
 * the fault-free run leaves it; past it, the run must say which source failed and exit 1, and the
 * next run must complete the workspace.
 */

let baseline: CaseRun;
beforeAll(async () => {
  baseline = await runCase();
});
afterAll(async () => {
  await baseline?.close();
});

const fault = (kind: VendorFault["kind"], path: string, times = 1, extra: Partial<VendorFault> = {}) => ({
  kind,
  path,
  times,
  ...extra,
});

interface VendorCase {
  name: string;
  faults: VendorFaults;
}

const CASES: VendorCase[] = [
  {
    name: "UniFi: 429 with Retry-After, 500, HTML 502, 503, 504 and resets on every endpoint",
    faults: {
      unifi: [
        fault("rate_limited", "/v1/sites", 2, { retryAfterSeconds: 1 }),
        fault("internal_server_error", "/v1/devices"),
        fault("bad_gateway_html", "/v1/hosts"),
        fault("service_unavailable", "/v1/sd-wan-configs"),
        fault("gateway_timeout", "/v1/devices"),
        fault("connection_reset", "/v1/sites", 2),
      ],
    },
  },
  {
    name: "NinjaOne: the token endpoint and the API failing, paging included",
    faults: {
      ninjaone: [
        fault("service_unavailable", "/ws/oauth/token"),
        fault("rate_limited", "/v2/organizations", 1, { retryAfterSeconds: 1 }),
        fault("bad_gateway_html", "/v2/devices-detailed", 2),
        fault("connection_reset", "/v2/backup/jobs", 2),
        fault("gateway_timeout", "/v2/queries/device-health"),
        fault("internal_server_error", "/v2/ticketing/trigger/board/2/run"),
      ],
    },
  },
  {
    name: "Azure: Resource Graph throttling (429 with Retry-After), 500, 503 and a reset",
    faults: {
      azure: [
        fault("rate_limited", "/providers/Microsoft.ResourceGraph", 1, { retryAfterSeconds: 1 }),
        fault("internal_server_error", "/providers/Microsoft.ResourceGraph"),
        fault("connection_reset", "/providers/Microsoft.ResourceGraph"),
        fault("service_unavailable", "/providers/Microsoft.ResourceGraph"),
      ],
    },
  },
  {
    name: "all three vendors at once",
    faults: {
      unifi: [
        fault("rate_limited", "/v1/devices", 1, { retryAfterSeconds: 1 }),
        fault("connection_reset", "/v1/hosts"),
      ],
      ninjaone: [
        fault("internal_server_error", "/v2/alerts", 2),
        fault("connection_reset", "/v2/organizations"),
      ],
      azure: [fault("bad_gateway_html", "/providers/Microsoft.ResourceGraph", 2)],
    },
  },
];

describe.each(CASES)("$name", ({ faults }) => {
  let run: CaseRun;
  beforeAll(async () => {
    run = await runCase({ vendors: faults });
  });
  afterAll(async () => {
    await run?.close();
  });

  it("every fault was served, and the workspace ends as the fault-free run left it", () => {
    for (const vendor of [run.vendors.unifi, run.vendors.ninjaone, run.vendors.azure])
      expect(vendor.pendingFaults()).toEqual([]);
    const served = [run.vendors.unifi, run.vendors.ninjaone, run.vendors.azure].flatMap((v) => v.log);
    expect(served.filter((entry) => entry.outcome === "reset" || Number(entry.outcome) >= 429).length).toBe(
      Object.values(faults)
        .flat()
        .reduce((sum, f) => sum + f.times, 0),
    );
    expect(run.state.duplicates).toEqual([]);
    expect(run.state).toEqual(baseline.state);
  });

  it("exits as the fault-free run did, with no source failure or record error reported", () => {
    expect(outcomes(run.cycle)).toEqual(outcomes(baseline.cycle));
    expect(run.cycle.sync.json.sourceFailures).toEqual([]);
    expect(run.cycle.sync.json.sourceErrors).toEqual([]);
  });
});

describe("a vendor failing past the plugin's retry budget", () => {
  let run: CaseRun;
  let reference: CaseRun;
  beforeAll(async () => {
    // UniFi's site list fails on all 5 attempts; NinjaOne's token endpoint on all 5.
    run = await runCase({
      vendors: {
        unifi: [fault("service_unavailable", "/v1/sites", 5)],
        ninjaone: [fault("bad_gateway_html", "/ws/oauth/token", 5)],
      },
    });
    // The same commands without faults, and the sync the recovery below runs.
    reference = await runCase();
    await runCommand(["sync", "--date", SYNC_DATE], environmentOf(reference));
  });
  afterAll(async () => {
    await run?.close();
    await reference?.close();
  });

  it("exits 1 naming the sources that failed, writes no Daily Health from partial data, marks nothing missing", () => {
    const { sync } = run.cycle;
    expect(sync.code).toBe(1);
    expect(sync.json.failed).toBe(2);
    const failed = sync.json.sourceFailures.map((f: { source: string }) => f.source).sort();
    expect(failed).toEqual(["ninjaone", "unifi"]);
    expect(JSON.stringify(sync.json.sourceFailures)).toMatch(/503/);
    expect(sync.stderr).toContain("Daily Health: no snapshot written for 2026-03-01, because");
    expect(run.state.duplicates).toEqual([]);
    // Azure still answered: its services are written; nothing is invented for the failed sources.
    expect(run.state.records["Azure Pipeline"]).toEqual(baseline.state.records["Azure Pipeline"]);
    expect(run.state.records["Network Devices"]).toEqual({});
    expect(run.state.records["Daily Health"]).toEqual({});
  });

  it("and the next run, with the vendors back, completes the workspace to the fault-free state", async () => {
    expect(run.vendors.unifi.pendingFaults()).toEqual([]);
    expect(run.vendors.ninjaone.pendingFaults()).toEqual([]);
    const sync = await runCommand(["sync", "--date", SYNC_DATE], environmentOf(run));
    expect(sync.code).toBe(0);
    const state = workspaceState(run.emulator);
    expect(state.duplicates).toEqual([]);
    expect(state).toEqual(workspaceState(reference.emulator));
  });
});
