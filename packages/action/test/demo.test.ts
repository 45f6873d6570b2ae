import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { loadConfig } from "@notion-ops/core";
import { type PageObject, startNotionEmulator } from "@notion-ops/notion-emulator";
import { describe, expect, it } from "vitest";
import { DEMO_CREDENTIALS } from "../src/demo/demo-stack.js";
import { generateEstate } from "../src/demo/estate.js";
import { estateTotals } from "../src/demo/estate-totals.js";
import { createPluginRegistry } from "../src/plugin-registry.js";
import { run } from "../src/run.js";

const exec = promisify(execFile);
const cli = new URL("../dist/cli.js", import.meta.url).pathname;

// biome-ignore lint/suspicious/noExplicitAny: the --json output is read field by field below.
type Json = Record<string, any>;

/** `notion-ops demo --json` in `dir` with an empty environment: no token, no vendor credentials. */
async function demo(dir: string, extra: string[] = []) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(["demo", "--dir", join(dir, "state"), "--rate-limit", "2000", "--json", ...extra], {
    env: {},
    cwd: dir,
    stdout: { write: (c: string) => stdout.push(c) },
    stderr: { write: (c: string) => stderr.push(c) },
  });
  return { code, json: JSON.parse(stdout.join("")) as Json, stderr: stderr.join("") };
}

/** The records the demo left in Notion, read from its saved workspace by a fresh emulator. */
async function savedRecords(dir: string) {
  const copy = join(dir, "inspect.json");
  await copyFile(join(dir, "state", "notion-workspace.json"), copy);
  const emulator = await startNotionEmulator({ stateFile: copy, rateLimit: 0 });
  try {
    const { config } = await loadConfig(join(dir, "state", "notion-ops.yml"), {
      sourceSchemas: createPluginRegistry().sourceSchemas(),
    });
    const rows = (key: keyof typeof config.notion.databases) =>
      emulator.pages(config.notion.databases[key]!.dataSourceId);
    return {
      customerSites: rows("customerSites"),
      dailyHealth: rows("dailyHealth"),
      networkDevices: rows("networkDevices"),
      azureServices: rows("azureServices"),
      runbooks: rows("runbooks"),
    };
  } finally {
    await emulator.stop();
  }
}

function text(page: PageObject, property: string): string | undefined {
  const value = page.properties[property] as Json | undefined;
  if (!value) return undefined;
  if (value.type === "title" || value.type === "rich_text")
    return value[value.type].map((t: Json) => t.plain_text).join("");
  if (value.type === "select") return value.select?.name;
  if (value.type === "number") return value.number === null ? undefined : String(value.number);
  return undefined;
}

function byKey(pages: PageObject[], keyProperty: string): Map<string, PageObject> {
  return new Map(pages.map((page) => [text(page, keyProperty)!, page]));
}

describe("notion-ops demo", () => {
  it("sets up and syncs the whole sample estate, then writes nothing on a second run", async () => {
    const dir = await mkdtemp(join(tmpdir(), "notion-ops-demo-"));
    const estate = generateEstate({ day: new Date() });
    const totals = estateTotals(estate);

    const first = await demo(dir);
    expect(first.code).toBe(0);
    expect(first.json).toMatchObject({ ok: true, command: "demo", firstRun: true, updated: 0, failed: 0 });
    expect(first.json.estate).toEqual(totals);
    const created = Object.fromEntries(
      (first.json.sync.databases as Json[]).map((d) => [d.database, d.created]),
    );
    expect(created).toEqual({
      customerSites: totals.customerSites,
      dailyHealth: totals.snapshots,
      networkDevices: totals.devices,
      azureServices: totals.services,
      runbooks: totals.runbooks,
    });
    const records =
      totals.customerSites + totals.snapshots + totals.devices + totals.services + totals.runbooks;
    expect(first.json.created).toBe(records);
    expect(first.json.emulator.recordWrites).toBe(records);
    expect(first.json.setup.databases.map((d: Json) => d.status)).toEqual(Array(7).fill("created"));
    // Unmatched entities are reported, not failures.
    expect(first.json.sync.unmatched.unmatchedObservations.map((u: Json) => u.discoveredAs).sort()).toEqual([
      "auto:copperfield-engineering-yard-office",
      "auto:harbor-point-law-group-llc",
    ]);
    expect(first.json.sync.unmatched.unreportedSites.map((s: Json) => s.key)).toEqual(["JRD-028"]);
    expect(first.json.sync.sourceErrors).toEqual([]);
    expect(first.json.sync.sourceFailures).toEqual([]);

    // What landed in Notion is the estate: every site, device and service, with the problems planted.
    const saved = await savedRecords(dir);
    expect(saved.customerSites).toHaveLength(totals.customerSites);
    expect(saved.dailyHealth).toHaveLength(totals.snapshots);
    expect(saved.networkDevices).toHaveLength(totals.devices);
    expect(saved.azureServices).toHaveLength(totals.services);
    expect(saved.runbooks).toHaveLength(totals.runbooks);
    const sites = byKey(saved.customerSites, "Site Key");
    const outage = estate.sites.find((s) => s.problems.includes("console-offline"))!;
    expect(text(sites.get(outage.key)!, "Health Status")).toBe("Critical");
    expect(text(sites.get(outage.key)!, "Backup Status")).toBe("failed");
    expect(text(sites.get(outage.key)!, "Devices Online")).toBe("0");
    expect(text(sites.get("JRD-028")!, "Health Score")).toBeUndefined();
    const healthy = estate.sites.filter((s) => s.problems.length === 0 && s.listing === "ids" && s.unifi);
    for (const site of healthy) expect(text(sites.get(site.key)!, "Health Status")).toBe("Healthy");
    const devices = byKey(saved.networkDevices, "Device Key");
    for (const device of outage.unifi!.devices)
      expect(text(devices.get(`unifi:${device.id}`)!, "Status")).toBe("offline");
    const availability = saved.azureServices.map((page) => text(page, "Availability"));
    expect(availability).toContain("Degraded");
    expect(availability).toContain("Unavailable");

    const second = await demo(dir);
    expect(second.code).toBe(0);
    expect(second.json).toMatchObject({ firstRun: false, created: 0, updated: 0, failed: 0 });
    expect(second.json.unchanged).toBe(records);
    expect(second.json.emulator.recordWrites).toBe(0);
    expect(second.json.setup.databases.map((d: Json) => d.status)).toEqual(Array(7).fill("found"));

    expect(first.stderr + second.stderr).not.toMatch(/internal error|warning:|error:/);
    for (const output of [first.stderr, second.stderr, JSON.stringify([first.json, second.json])]) {
      for (const secret of Object.values(DEMO_CREDENTIALS)) expect(output).not.toContain(secret);
    }
    expect(await readdir(join(dir, "state"))).toEqual(
      expect.arrayContaining(["notion-ops.yml", "notion-workspace.json", "runbooks"]),
    );
  });

  it("refuses a rate limit that is not a positive number, before starting anything", async () => {
    const dir = await mkdtemp(join(tmpdir(), "notion-ops-demo-"));
    const stderr: string[] = [];
    const code = await run(["demo", "--dir", join(dir, "state"), "--rate-limit", "fast"], {
      env: {},
      cwd: dir,
      stdout: { write: () => true },
      stderr: { write: (c: string) => stderr.push(c) },
    });
    expect(code).toBe(2);
    expect(stderr.join("")).toContain(
      '--rate-limit must be a number of requests per second above 0, got "fast"',
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it("refuses a folder whose notion-ops.yml was not written for this sample estate, and leaves it alone", async () => {
    const dir = await mkdtemp(join(tmpdir(), "notion-ops-demo-"));
    await mkdir(join(dir, "state"));
    const mine = "# my real configuration\nsites: []\n";
    await writeFile(join(dir, "state", "notion-ops.yml"), mine);
    const stderr: string[] = [];
    const code = await run(["demo", "--dir", join(dir, "state")], {
      env: {},
      cwd: dir,
      stdout: { write: () => true },
      stderr: { write: (c: string) => stderr.push(c) },
    });
    expect(code).toBe(2);
    expect(stderr.join("")).toContain(
      "state/notion-ops.yml was not written for this version's sample estate",
    );
    expect(stderr.join("")).toContain("rm -rf state");
    expect(await readFile(join(dir, "state", "notion-ops.yml"), "utf8")).toBe(mine);
    expect(await readdir(join(dir, "state"))).toEqual(["notion-ops.yml"]);
  });
});

describe("the bundled CLI (dist/cli.js demo)", () => {
  it("runs the demo with no token and prints the summary tables and where its state is", async () => {
    const dir = await mkdtemp(join(tmpdir(), "notion-ops-demo-cli-"));
    const { stdout, stderr } = await exec(process.execPath, [cli, "demo", "--rate-limit", "2000"], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "" },
    });
    expect(stdout).toBe("");
    expect(stderr).toContain("emulated Notion at 2000 req/s; the real API allows 3");
    expect(stderr).toMatch(/^Databases \(\d{4}-\d{2}-\d{2}\)$/m);
    expect(stderr).toMatch(/^Customer Sites +\d+ +0 +0 +0$/m);
    expect(stderr).toContain("Site health (worst first)");
    expect(stderr).toContain("Unmatched");
    expect(stderr).toContain("rm -rf .notion-ops-demo");
    const config = await readFile(join(dir, ".notion-ops-demo", "notion-ops.yml"), "utf8");
    expect(config).toMatch(/customerSites: \{ databaseId: "[0-9a-f-]{36}"/);
  });
});
