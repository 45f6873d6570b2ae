import type { FaultOptions } from "@notion-ops/notion-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand, SYNC_DATE } from "./support/cycle.js";
import { type CaseRun, environmentOf, outcomes, runCase, virtualClock } from "./support/fault-case.js";
import { type WorkspaceState, workspaceState } from "./support/notion-state.js";

/**
 * Notion failing in every way it does, one fault class at a time and all together, during the
 * whole day-one cycle (setup, sync, log-changes, run-scripts): the workspace must end exactly as
 * a fault-free run leaves it, and the commands must say what they went through.
 */

let baseline: CaseRun;
let expected: WorkspaceState;

beforeAll(async () => {
  baseline = await runCase();
  expected = baseline.state;
});
afterAll(async () => {
  await baseline?.close();
});

describe("the fault-free run", () => {
  it("writes every database and exits 0, except run-scripts, whose failing script makes it 1", () => {
    expect(outcomes(baseline.cycle)).toEqual({
      setup: { code: 0, failed: 0 },
      sync: { code: 0, failed: 0 },
      logChanges: { code: 0, failed: 0 },
      runScripts: { code: 1, failed: 1 },
    });
    expect(expected.databases).toHaveLength(7);
    const count = (title: string) => Object.keys(expected.records[title] ?? {}).length;
    expect(count("Customer Sites")).toBe(9);
    expect(count("Daily Health")).toBe(8);
    expect(count("Network Devices")).toBe(12);
    expect(count("Azure Pipeline")).toBe(5);
    expect(count("Runbook Library")).toBe(2);
    expect(count("Config Changes")).toBe(2);
    expect(count("Script Runs")).toBe(2);
    expect(expected.bodies["Runbook Library"]?.["runbooks/onboarding-checklist.md"]).toHaveLength(231);
    expect(
      expected.bodies["Script Runs"]?.[`${RUN_PREFIX}#1:scripts/check-backups.sh@<started>`]?.join("\n"),
    ).toContain("permission denied: /srv/backups");
    expect(baseline.metrics.retries).toBe(0);
    expect(baseline.emulator.internalErrors()).toEqual([]);
  });
});

const RUN_PREFIX = "9100200300.1";
const RETRY_AFTER_SECONDS = 2;

interface NotionFaultCase {
  name: string;
  faults: FaultOptions;
  env?: Record<string, string>;
  /** What the commands' --json metrics must show for this fault class. */
  shows: (m: CaseRun["metrics"]) => void;
}

const CASES: NotionFaultCase[] = [
  {
    name: `429 storms (Retry-After ${RETRY_AFTER_SECONDS} s; every request in the window is refused too)`,
    faults: { rate: 0.03, kinds: ["rate_limited"], retryAfterSeconds: RETRY_AFTER_SECONDS },
    shows: (m) => {
      expect(m.rateLimited).toBeGreaterThan(0);
      expect(m.retryAfterWaitMs).toBeGreaterThanOrEqual(RETRY_AFTER_SECONDS * 1000);
    },
  },
  {
    name: `529 service_overload (Retry-After ${RETRY_AFTER_SECONDS} s)`,
    faults: { rate: 0.03, kinds: ["service_overload"], retryAfterSeconds: RETRY_AFTER_SECONDS },
    shows: (m) => {
      expect(m.overloaded).toBeGreaterThan(0);
      expect(m.retryAfterWaitMs).toBeGreaterThanOrEqual(RETRY_AFTER_SECONDS * 1000);
    },
  },
  {
    name: "500, 503 and 504 with Notion's JSON error bodies",
    faults: { rate: 0.15, kinds: ["internal_server_error", "service_unavailable", "gateway_timeout"] },
    shows: (m) => expect(m.retries).toBeGreaterThan(0),
  },
  {
    name: "502 with a Cloudflare HTML page",
    faults: { rate: 0.15, kinds: ["bad_gateway_html"] },
    shows: (m) => expect(m.retries).toBeGreaterThan(0),
  },
  {
    name: "409 conflict_error",
    faults: { rate: 0.15, kinds: ["conflict_error"] },
    shows: (m) => expect(m.retries).toBeGreaterThan(0),
  },
  {
    name: "connection resets",
    faults: { rate: 0.15, kinds: ["connection_reset"] },
    shows: (m) => expect(m.retries).toBeGreaterThan(0),
  },
  {
    name: "slow responses (400 ms, inside the request timeout)",
    faults: { rate: 0.25, kinds: ["slow"], slowMs: 400 },
    shows: (m) => expect(m.retries).toBe(0),
  },
  {
    name: "ambiguous creates: stored, then 500, HTML 502, 504, a reset or a response held past the timeout",
    faults: { rate: 0.3, kinds: ["ambiguous_create"], ambiguousDelayMs: 2500 },
    env: { NOTION_OPS_TIMEOUT_MS: "1500" },
    shows: (m) => {
      expect(m.ambiguousFailures).toBeGreaterThan(0);
      expect(m.recoveredCreates).toBeGreaterThan(0);
    },
  },
  {
    name: "every fault class at once",
    faults: { rate: 0.12, retryAfterSeconds: RETRY_AFTER_SECONDS, slowMs: 300, ambiguousDelayMs: 2500 },
    env: { NOTION_OPS_TIMEOUT_MS: "1500" },
    shows: (m) => {
      expect(m.retries).toBeGreaterThan(0);
      expect(m.ambiguousFailures).toBeGreaterThan(0);
    },
  },
];

describe.each(CASES)("under $name", ({ faults, env, shows }) => {
  let run: CaseRun;
  beforeAll(async () => {
    run = await runCase({ notion: { seed: 4242, ...faults }, ...(env ? { env } : {}) });
  });
  afterAll(async () => {
    await run?.close();
  });

  it("ends with the fault-free run's records, each once, none half-written", () => {
    expect(run.emulator.stats().faultsInjected).toBeGreaterThan(0);
    expect(run.state.duplicates).toEqual([]);
    expect(run.state.unkeyed).toEqual([]);
    expect(run.state).toEqual(expected);
    expect(run.emulator.internalErrors()).toEqual([]);
  });

  it("exits as the fault-free run did, and the --json summary shows the faults it rode out", () => {
    expect(outcomes(run.cycle)).toEqual(outcomes(baseline.cycle));
    shows(run.metrics);
  });
});

describe("a Retry-After longer than a minute (virtual time shared by client and emulator)", () => {
  let run: CaseRun;
  const clock = virtualClock();
  beforeAll(async () => {
    run = await runCase({
      clock,
      notion: {
        seed: 7,
        script: [
          { kind: "rate_limited", method: "POST", path: "/v1/pages", retryAfterSeconds: 90 },
          { kind: "service_overload", method: "PATCH", retryAfterSeconds: 75 },
        ],
      },
    });
  });
  afterAll(async () => {
    await run?.close();
  });

  it("pauses every request for the whole Retry-After, never cut short, and ends with the same records", () => {
    const log = run.emulator.requestLog();
    for (const refused of log.filter((entry) => entry.status === 429 || entry.status === 529)) {
      const waitMs = refused.status === 429 ? 90_000 : 75_000;
      const next = log.find((entry) => entry.seq > refused.seq && entry.status !== refused.status);
      expect(next, `a request after the ${refused.status} at seq ${refused.seq}`).toBeDefined();
      expect(next!.time - refused.time).toBeGreaterThanOrEqual(waitMs);
    }
    expect(clock.skippedMs()).toBeGreaterThanOrEqual(165_000);
    expect(run.metrics.rateLimited).toBeGreaterThan(0);
    expect(run.metrics.overloaded).toBeGreaterThan(0);
    expect(run.metrics.retryAfterWaitMs).toBeGreaterThanOrEqual(165_000);
    expect(outcomes(run.cycle)).toEqual(outcomes(baseline.cycle));
    expect(run.state).toEqual(expected);
  });
});

describe("when Notion keeps failing past the retry budget", () => {
  let run: CaseRun;
  beforeAll(async () => {
    run = await runCase({
      notion: {
        seed: 3,
        rate: 1,
        kinds: ["service_unavailable"],
        only: { methods: ["POST"], paths: ["/v1/pages"] },
      },
      env: { NOTION_OPS_RETRY_BASE_MS: "2" },
    });
  });
  afterAll(async () => {
    await run?.close();
  });

  it("exits 1, lists each record it could not write with the reason, and writes no half records", () => {
    const { setup, sync, logChanges, runScripts } = run.cycle;
    expect(setup.code).toBe(0);
    expect(sync.code).toBe(1);
    const failures = sync.json.databases.flatMap((d: { failed: unknown[] }) => d.failed);
    expect(sync.json.failed).toBe(failures.length);
    expect(failures.length).toBeGreaterThanOrEqual(9);
    expect(failures[0]).toMatchObject({ database: "customerSites", code: "notion_retries_exhausted" });
    expect(failures.some((f: { code: string }) => f.code === "not_attempted")).toBe(true);
    expect(sync.stderr).toMatch(/503/);
    expect(logChanges.code).toBe(1);
    expect(runScripts.code).toBe(1);
    expect(runScripts.json.reportErrors).toHaveLength(2);
    expect(run.state.duplicates).toEqual([]);
    expect(run.state.unkeyed).toEqual([]);
    for (const title of ["Customer Sites", "Daily Health", "Network Devices", "Script Runs"])
      expect(run.state.records[title]).toEqual({});
  });

  it("and the next run, with Notion back, completes the workspace to the fault-free state", async () => {
    const environment = environmentOf(run);
    const event = `${run.dir}/push-event.json`;
    const manifest = `${run.dir}/scripts.yml`;
    expect((await runCommand(["sync", "--date", SYNC_DATE], environment)).code).toBe(0);
    expect((await runCommand(["log-changes", "--event", event], environment)).code).toBe(0);
    expect((await runCommand(["run-scripts", "--manifest", manifest], environment)).code).toBe(1);
    expect(workspaceState(run.emulator)).toEqual(expected);
  });
});
