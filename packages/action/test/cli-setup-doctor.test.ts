import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "@notion-ops/core";
import { type NotionEmulator, type NotionPlan, startNotionEmulator } from "@notion-ops/notion-emulator";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "./support/cli-workspace.js";

let emulator: NotionEmulator;
let parentPageId: string;
let dir: string;

afterEach(async () => {
  expect(emulator.internalErrors()).toEqual([]);
  await emulator.stop();
});

async function start(plan: NotionPlan = "business", config?: string): Promise<string> {
  emulator = await startNotionEmulator({ rateLimit: 0, seed: 5, plan });
  parentPageId = emulator.createParentPage("Operations");
  dir = await mkdtemp(join(tmpdir(), "notion-ops-setup-"));
  const file = join(dir, "notion-ops.yml");
  if (config !== undefined) await writeFile(file, config);
  return file;
}

const cli = (args: string[], env: Record<string, string> = {}) => runCli(emulator, dir, args, env);

const writesSince = (mark: number) =>
  emulator
    .requestLog()
    .filter((e) => e.seq > mark && e.method !== "GET" && !/\/(search|query)$/.test(e.path));
const mark = () => emulator.requestLog().at(-1)?.seq ?? 0;

const CONFIG = `# Example MSP: notion-ops configuration
notion:
  # the page shared with the integration comes from --parent-page
  databases: {}   # written by setup

sites:
  - key: ACME-001
    name: Acme Corp - Main Office   # the first customer
    contractRenewal: 2026-03-01
`;

describe("notion-ops setup", () => {
  it("creates the workspace, writes the ids into the config around the user's comments, and creates nothing the second time", async () => {
    const file = await start("business", CONFIG);
    const first = await cli(["setup", "--parent-page", parentPageId, "--json"]);
    expect(first.code).toBe(0);
    expect(first.json).toMatchObject({
      ok: true,
      command: "setup",
      dryRun: false,
      parentPage: parentPageId,
      failed: 0,
    });
    expect(first.json?.databases.map((d: { status: string }) => d.status)).toEqual(Array(7).fill("created"));
    expect(first.json?.created).toBe(7 + 16);
    expect(first.json?.config).toEqual({ file: "notion-ops.yml", updated: true });
    expect(first.stderr).toContain("Customer Sites: created");
    expect(first.stderr).toMatch(/Views\n.*View.*Type.*Status/);

    const ids = Object.fromEntries(
      first.json?.databases.map((d: { key: string; databaseId: string; dataSourceId: string }) => [d.key, d]),
    );
    const line = (key: string) =>
      `    ${key}: { databaseId: "${ids[key].databaseId}", dataSourceId: "${ids[key].dataSourceId}" }\n`;
    const text = await readFile(file, "utf8");
    expect(text).toBe(
      [
        "# Example MSP: notion-ops configuration\n",
        "notion:\n",
        "  # the page shared with the integration comes from --parent-page\n",
        "  databases:   # written by setup\n",
        ...[
          "customerSites",
          "dailyHealth",
          "configChanges",
          "networkDevices",
          "azureServices",
          "runbooks",
          "scriptRuns",
        ].map(line),
        `  parentPage: "${parentPageId}"\n`,
        "\n",
        "sites:\n",
        "  - key: ACME-001\n",
        "    name: Acme Corp - Main Office   # the first customer\n",
        "    contractRenewal: 2026-03-01\n",
      ].join(""),
    );
    const loaded = await loadConfig(file, { sourceSchemas: {} });
    expect(loaded.config.notion.databases.scriptRuns).toEqual({
      databaseId: ids.scriptRuns.databaseId,
      dataSourceId: ids.scriptRuns.dataSourceId,
    });

    const before = mark();
    const second = await cli(["setup", "--json"]);
    expect(second.code).toBe(0);
    expect(writesSince(before)).toEqual([]);
    expect(second.json?.created).toBe(0);
    expect(second.json?.config).toEqual({ file: "notion-ops.yml", updated: false });
    expect(await readFile(file, "utf8")).toBe(text);
  });

  it("--dry-run lists what it would create and writes nothing, in Notion or in the config", async () => {
    const file = await start("business", CONFIG);
    const before = mark();
    const result = await cli(["setup", "--parent-page", parentPageId, "--dry-run", "--json"]);
    expect(result.code).toBe(0);
    expect(writesSince(before)).toEqual([]);
    expect(await readFile(file, "utf8")).toBe(CONFIG);
    expect(result.json?.databases.map((d: { status: string }) => d.status)).toEqual(
      Array(7).fill("would_create"),
    );
    expect(result.json?.views).toHaveLength(16);
    expect(result.stderr).toContain("Databases (dry run: nothing was written)");
    expect(result.stderr).toMatch(/Network Devices\s+Devices by vendor\s+chart\s+would create/);
  });

  it("creates notion-ops.yml when there is none yet", async () => {
    const file = await start();
    const result = await cli([
      "setup",
      "--parent-page",
      `https://www.notion.so/acme/Operations-${parentPageId.replace(/-/g, "")}`,
    ]);
    expect(result.code).toBe(0);
    const loaded = await loadConfig(file, { sourceSchemas: {} });
    expect(loaded.config.notion.parentPage).toBe(parentPageId);
    expect(Object.keys(loaded.config.notion.databases)).toHaveLength(7);
  });

  it("exits 2 without a parent page, and with a malformed one, before any request", async () => {
    await start("business", "sites: []\n");
    const missing = await cli(["setup", "--json"]);
    expect(missing.code).toBe(2);
    expect(missing.json?.error.code).toBe("usage");
    expect(missing.stderr).toContain("pass --parent-page <page id or URL>, or set notion.parentPage");
    const bad = await cli(["setup", "--parent-page", "Operations"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--parent-page "Operations" is not a Notion page id or page URL');
    const noToken = await cli(["setup", "--parent-page", parentPageId], { NOTION_TOKEN: "" });
    expect(noToken.code).toBe(2);
    expect(emulator.requestLog()).toEqual([]);
  });

  it("exits 1 with the sharing fix when the parent page is not shared with the integration", async () => {
    await start("business", CONFIG);
    emulator.setShared(parentPageId, false);
    const result = await cli(["setup", "--parent-page", parentPageId, "--json"]);
    expect(result.code).toBe(1);
    expect(result.json?.error.code).toBe("notion_not_shared");
    expect(result.stderr).toContain("Connections → add your integration");
  });

  it("on the Free plan skips what the plan refuses, says why, exits 0, and doctor does not count it", async () => {
    await start("free", CONFIG);
    const result = await cli(["setup", "--parent-page", parentPageId, "--json"]);
    expect(result.code).toBe(0);
    const skipped = result.json?.views.filter((v: { status: string }) => v.status === "skipped_plan");
    expect(skipped.map((v: { name: string }) => v.name)).toEqual([
      "Operations",
      "Sites below 60 per day",
      "Changes per site",
      "Devices by vendor",
      "Runs per day",
    ]);
    expect(result.stderr).toMatch(
      /Operations\s+dashboard\s+skipped \(plan\)\s+dashboards need a Business or Enterprise plan/,
    );
    const doctor = await cli(["doctor", "--json"]);
    expect(doctor.code).toBe(0);
    expect(doctor.json?.counts).toMatchObject({ problem: 0, skipped: 5 });
  });
});

describe("notion-ops doctor", () => {
  it("exits 0 on a correct workspace, 1 naming each problem, and --repair fixes what it may", async () => {
    const file = await start("business", CONFIG);
    expect((await cli(["setup", "--parent-page", parentPageId])).code).toBe(0);
    const config = (await loadConfig(file, { sourceSchemas: {} })).config.notion.databases;

    const healthy = await cli(["doctor", "--json"]);
    expect(healthy.code).toBe(0);
    expect(healthy.json).toMatchObject({ ok: true, command: "doctor", problems: 0 });
    expect(healthy.stderr).toContain("Doctor: no problems");

    emulator.removeProperty(config.networkDevices?.dataSourceId as string, "Firmware");
    emulator.removeSelectOption(config.customerSites?.dataSourceId as string, "Risk Level", "High");
    emulator.retypeProperty(config.runbooks?.dataSourceId as string, "Tags", "rich_text");
    const sick = await cli(["doctor", "--json"]);
    expect(sick.code).toBe(1);
    expect(sick.json).toMatchObject({ ok: false, problems: 3 });
    expect(sick.stderr).toContain('"Firmware" (rich_text) is missing');
    expect(sick.stderr).toContain('"Risk Level" lacks the option "High"');
    expect(sick.stderr).toContain('"Tags" is a rich_text property, expected multi_select');

    const repaired = await cli(["doctor", "--repair", "--json"]);
    expect(repaired.code).toBe(1);
    expect(repaired.json).toMatchObject({ repair: true, problems: 1, repaired: 2 });
    const after = await cli(["doctor"]);
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(/Runbook Library\s+property "Tags"\s+PROBLEM/);
    expect(after.stderr).not.toContain("Firmware");
  });

  it("says the token was rejected, and gives the sharing fix for a database the integration cannot see", async () => {
    await start("business", CONFIG);
    expect((await cli(["setup", "--parent-page", parentPageId])).code).toBe(0);
    const rejected = await cli(["doctor", "--json"], { NOTION_TOKEN: "secret_not_this_one" });
    expect(rejected.code).toBe(1);
    expect(rejected.json?.checks).toHaveLength(1);
    expect(rejected.stderr).toContain("Notion rejected the token (401 unauthorized)");
    expect(rejected.stderr + rejected.stdout).not.toContain("secret_not_this_one");

    const db = emulator
      .databases()
      .find((d) => (d.title as { plain_text: string }[])[0]?.plain_text === "Script Runs");
    emulator.setShared(db?.id as string, false);
    const unshared = await cli(["doctor"]);
    expect(unshared.code).toBe(1);
    expect(unshared.stderr).toContain("Script Runs: database: problem — Notion cannot find database");
    expect(unshared.stderr).toContain("••• → Connections → add your integration");
  });

  it("exits 2 on an invalid config, before touching Notion", async () => {
    await start(
      "business",
      "notion:\n  databases:\n    customerSites: { databaseId: nope, dataSourceId: nope }\n",
    );
    const result = await cli(["doctor"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("notion.databases.customerSites.databaseId: must be a Notion id");
    expect(emulator.requestLog()).toEqual([]);
  });
});
