import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadConfig, type NotionOpsConfig } from "@notion-ops/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliWorkspace, startCliWorkspace } from "./support/cli-workspace.js";

let ws: CliWorkspace;
let config: NotionOpsConfig;
const MANIFEST = `scripts:
  - path: scripts/check-backups.sh
    args: ["--site", "ACME-001; touch pwned"]
    cooldown: 6h
  - path: scripts/renew-certs.sh
    timeout: 30s
  - path: scripts/cleanup.sh
`;

beforeEach(async () => {
  ws = await startCliWorkspace("sites: []\n");
  expect((await ws.cli(["setup", "--parent-page", ws.parentPageId])).code).toBe(0);
  config = (await loadConfig(join(ws.dir, "notion-ops.yml"), { sourceSchemas: {} })).config;
  await mkdir(join(ws.dir, "scripts"));
  await writeFile(join(ws.dir, "scripts.yml"), MANIFEST);
  await writeFile(join(ws.dir, "scripts", "check-backups.sh"), 'echo "checking $2"\n');
  await writeFile(
    join(ws.dir, "scripts", "renew-certs.sh"),
    [
      'echo "renewing, token=$',
      '{NOTION_TOKEN:-unset}"',
      '\necho "certbot: Permission denied: /etc/letsencrypt" >&2\nexit 13\n',
    ].join(""),
  );
  await writeFile(join(ws.dir, "scripts", "cleanup.sh"), "rm -rf / --no-preserve-root\n");
});
afterEach(async () => {
  expect(ws.emulator.internalErrors()).toEqual([]);
  await ws.emulator.stop();
});

const runs = () => ws.records(config.notion.databases.scriptRuns!.dataSourceId);
const bodyText = (pageId: string) => JSON.stringify(ws.emulator.blockChildren(pageId));

describe("notion-ops run-scripts against the emulator", () => {
  it("logs one Script Runs record per run, with a handoff body on failures, skips within the cooldown and reruns a changed script", async () => {
    const env = {
      GITHUB_RUN_ID: "9001",
      GITHUB_RUN_ATTEMPT: "1",
      GITHUB_EVENT_NAME: "schedule",
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_REPOSITORY: "msp/infra",
    };
    const first = await ws.cli(["run-scripts", "--manifest", "scripts.yml", "--json"], env);
    expect(first.code).toBe(1);
    expect(first.json?.counts).toMatchObject({ success: 1, failed: 1, blocked: 1 });
    const records = runs();
    expect(records.map((r) => [r.Script, r.Status, r["Exit Code"], r.Trigger]).sort()).toEqual([
      ["scripts/check-backups.sh", "success", 0, "schedule"],
      ["scripts/cleanup.sh", "blocked", null, "schedule"],
      ["scripts/renew-certs.sh", "failed", 13, "schedule"],
    ]);
    expect(records[0]?.["Workflow Run"]).toBe("https://github.com/msp/infra/actions/runs/9001");
    expect(new Set(records.map((r) => r["Run Key"])).size).toBe(3);
    const failed = records.find((r) => r.Status === "failed")!;
    const handoff = bodyText(failed.id);
    expect(handoff).toContain("Permission denied: /etc/letsencrypt");
    expect(handoff).toContain("permission");
    expect(handoff).toContain('"plain_text":"13"');
    const blocked = records.find((r) => r.Status === "blocked")!;
    expect(bodyText(blocked.id)).toMatch(/rm -rf/);
    const ok = records.find((r) => r.Status === "success")!;
    expect(ws.emulator.blockChildren(ok.id)).toEqual([]);
    // The shell-metacharacter argument was just a string.
    await expect(import("node:fs/promises").then((fs) => fs.access(join(ws.dir, "pwned")))).rejects.toThrow();

    const second = await ws.cli(["run-scripts", "--manifest", "scripts.yml", "--json"], {
      ...env,
      GITHUB_RUN_ID: "9002",
    });
    expect(second.json?.counts).toMatchObject({ skipped: 1, failed: 1, blocked: 1 });
    expect(
      runs()
        .filter((r) => r.Status === "skipped")
        .map((r) => r.Script),
    ).toEqual(["scripts/check-backups.sh"]);

    await writeFile(join(ws.dir, "scripts", "check-backups.sh"), 'echo "checking again"\n');
    const third = await ws.cli(["run-scripts", "--manifest", "scripts.yml", "--json"], {
      ...env,
      GITHUB_RUN_ID: "9003",
    });
    expect(third.json?.counts).toMatchObject({ success: 1 });
    expect(runs()).toHaveLength(9);

    // The Notion token never reaches a script, a record or the output.
    const everything = [
      first.stdout,
      first.stderr,
      second.stdout,
      third.stdout,
      ...runs().map((r) => JSON.stringify(r) + bodyText(r.id)),
    ].join("\n");
    expect(everything).not.toContain(ws.emulator.token);
    expect(everything).toContain("token=unset");
  });

  it("--dry-run runs nothing and writes nothing", async () => {
    const mark = ws.mark();
    const result = await ws.cli(["run-scripts", "--manifest", "scripts.yml", "--dry-run", "--json"]);
    expect(result.json?.plan.map((p: { script: string; action: string }) => [p.script, p.action])).toEqual([
      ["scripts/check-backups.sh", "run"],
      ["scripts/renew-certs.sh", "run"],
      ["scripts/cleanup.sh", "block"],
    ]);
    expect(ws.writesSince(mark)).toEqual([]);
  });
});
