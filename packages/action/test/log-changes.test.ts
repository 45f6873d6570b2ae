import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { createNotionClient, loadConfig, type NotionOpsConfig } from "@notion-ops/core";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliWorkspace, startCliWorkspace } from "./support/cli-workspace.js";

const exec = promisify(execFile);
const CONFIG = `sites:
  - { key: ACME-001, name: Acme Corp }
  - { key: BETA-002, name: Beta Dental }
changeLog:
  paths:
    - { glob: "configs/{site}/mikrotik/**", tool: MikroTik }
    - { glob: "configs/{site}/unifi/**", tool: UniFi }
`;
const sha = (c: string) => c.repeat(40);
const commit = (id: string, message: string, files: string[], extra: object = {}) => ({
  id,
  message,
  timestamp: "2026-11-20T14:03:00+01:00",
  url: `https://github.com/msp/infra/commit/${id}`,
  author: { name: "Jane Doe", email: "jane@msp.example", username: "jdoe" },
  added: [],
  removed: [],
  modified: files,
  ...extra,
});
const pushEvent = (commits: object[], ref = "refs/heads/main") => ({
  ref,
  before: sha("0").replace(/^0/, "1"),
  after: sha("f"),
  repository: { full_name: "msp/infra", html_url: "https://github.com/msp/infra", default_branch: "main" },
  sender: { login: "jdoe" },
  commits,
});

let ws: CliWorkspace;
let config: NotionOpsConfig;

beforeEach(async () => {
  ws = await startCliWorkspace(CONFIG);
  expect((await ws.cli(["setup", "--parent-page", ws.parentPageId])).code).toBe(0);
  expect((await ws.cli(["sync", "--only", "customer-sites"])).code).toBe(0);
  config = (await loadConfig(join(ws.dir, "notion-ops.yml"), { sourceSchemas: {} })).config;
});
afterEach(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  expect(ws.emulator.internalErrors()).toEqual([]);
  await ws.emulator.stop();
});

const changes = () => ws.records(config.notion.databases.configChanges!.dataSourceId);
const sites = () => ws.records(config.notion.databases.customerSites!.dataSourceId);
async function writeEvent(event: object): Promise<string> {
  const file = join(ws.dir, "event.json");
  await writeFile(file, JSON.stringify(event));
  return file;
}

describe("notion-ops log-changes", () => {
  it("logs one record per commit per site, resets the sites' drift baselines, and a re-run writes nothing", async () => {
    const acme = sites().find((s) => s["Site Key"] === "ACME-001")!;
    // A baseline taken by an earlier sync; a logged change must clear it.
    const client = createNotionClient({
      token: ws.emulator.token,
      baseUrl: ws.emulator.url,
      rateLimit: 1000,
    });
    await client.pages.update({
      page_id: acme.id,
      properties: { "Config Baseline": { rich_text: [{ text: { content: `unifi:${"ab".repeat(32)}` } }] } },
    });
    const event = await writeEvent(
      pushEvent([
        commit(sha("a"), "Merge pull request #42 from msp/fw\n\nOpen 443 on the Acme and Beta edges", [
          "configs/ACME-001/mikrotik/fw.rsc",
          "configs/BETA-002/mikrotik/fw.rsc",
          "README.md",
        ]),
        commit(sha("b"), "Tune Acme WiFi", ["configs/ACME-001/unifi/wlan.json"]),
      ]),
    );
    const first = await ws.cli(["log-changes", "--event", event, "--json"]);
    expect(first.code).toBe(0);
    expect(first.json).toMatchObject({ command: "log-changes", commits: 2, created: 3, failed: 0 });
    expect(first.json?.unmapped).toEqual([
      { sha: sha("a"), file: "README.md", reason: "matches no changeLog.paths glob" },
    ]);
    const records = changes();
    expect(records.map((r) => r["Change ID"]).sort()).toEqual([
      `${sha("a").slice(0, 12)}-ACME-001`,
      `${sha("a").slice(0, 12)}-BETA-002`,
      `${sha("b").slice(0, 12)}-ACME-001`,
    ]);
    expect(records.find((r) => r["Change ID"] === `${sha("a").slice(0, 12)}-ACME-001`)).toMatchObject({
      Site: [acme.id],
      Tool: "MikroTik",
      Action: "Open 443 on the Acme and Beta edges (#42)",
      Engineer: "jdoe",
      Commit: `https://github.com/msp/infra/commit/${sha("a")}`,
      Files: "configs/ACME-001/mikrotik/fw.rsc",
    });
    expect(sites().find((s) => s["Site Key"] === "ACME-001")?.["Config Baseline"]).toBe("");

    const mark = ws.mark();
    const again = await ws.cli(["log-changes", "--event", event, "--json"]);
    expect(again.code).toBe(0);
    expect(again.json).toMatchObject({ created: 0, unchanged: 3 });
    expect(ws.writesSince(mark)).toEqual([]);
    expect(changes()).toHaveLength(3);
  });

  it("ignores a push to another branch, with a notice and no write", async () => {
    const event = await writeEvent(
      pushEvent([commit(sha("c"), "wip", ["configs/ACME-001/mikrotik/a"])], "refs/heads/wip"),
    );
    const mark = ws.mark();
    const result = await ws.cli(["log-changes", "--event", event, "--json"]);
    expect(result.code).toBe(0);
    expect(result.json?.ignored).toBe("the push is to wip, not the default branch main");
    expect(result.stderr).toContain("nothing to log");
    expect(ws.writesSince(mark)).toEqual([]);
  });

  it("completes a truncated payload through the GitHub API", async () => {
    // Actions' payload: at most 20 commits, and no file lists.
    const commits = Array.from({ length: 20 }, (_, i) => ({
      id: `d${String(i).padStart(39, "0")}`,
      message: `change ${i}`,
      timestamp: "2026-11-20T13:00:00Z",
      author: { name: "Jane Doe", username: "jdoe" },
    }));

    const event = await writeEvent({ ...pushEvent(commits), before: sha("1"), after: sha("2") });
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    const apiCommit = (id: string, i: number) => ({
      sha: id,
      html_url: `https://github.com/msp/infra/commit/${id}`,
      commit: { message: `change ${i}`, author: { name: "Jane Doe", date: "2026-11-20T13:00:00Z" } },
      author: { login: "jdoe" },
    });
    const all = Array.from({ length: 22 }, (_, i) => apiCommit(`d${String(i).padStart(39, "0")}`, i));
    nock("https://api.github.test")
      .get(`/repos/msp/infra/compare/${sha("1")}...${sha("2")}`)
      .query({ per_page: "100", page: "1" })
      .reply(200, { total_commits: 22, commits: all });
    for (const [i, c] of all.entries()) {
      nock("https://api.github.test")
        .get(`/repos/msp/infra/commits/${c.sha}`)
        .query({ per_page: "100", page: "1" })
        .reply(200, {
          sha: c.sha,
          files: [{ filename: i === 21 ? "configs/BETA-002/unifi/x.json" : "docs/x.md" }],
        });
    }
    const result = await ws.cli(["log-changes", "--event", event, "--json"], {
      GITHUB_TOKEN: "ghs_faketoken1234567890",
      GITHUB_REPOSITORY: "msp/infra",
      GITHUB_API_URL: "https://api.github.test",
    });
    expect(result.code).toBe(0);
    expect(result.json).toMatchObject({ commits: 22, created: 1 });
    expect(changes().map((r) => [r["Change ID"], r.Tool, r.Engineer])).toEqual([
      [`${all[21]!.sha.slice(0, 12)}-BETA-002`, "UniFi", "jdoe"],
    ]);
    expect(nock.pendingMocks()).toEqual([]);
    expect(result.stdout + result.stderr).not.toContain("ghs_faketoken1234567890");
  });

  it("refuses an event that is not a push, writing nothing (exit 2)", async () => {
    const event = await writeEvent({ action: "opened", pull_request: {} });
    const mark = ws.mark();
    const result = await ws.cli(["log-changes", "--event", event]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is not a GitHub push event");
    expect(ws.writesSince(mark)).toEqual([]);
  });

  it("runs as the bundled Action: outputs, job summary and records, with the token masked", async () => {
    const event = await writeEvent(
      pushEvent([commit(sha("e"), "Rotate Beta VPN keys", ["configs/BETA-002/mikrotik/vpn.rsc"])]),
    );
    const outputs = join(ws.dir, "outputs.txt");
    const summary = join(ws.dir, "summary.md");
    await writeFile(outputs, "");
    await writeFile(summary, "");
    const { stdout, stderr } = await exec(
      process.execPath,
      [new URL("../dist/index.js", import.meta.url).pathname],
      {
        cwd: ws.dir,
        env: {
          PATH: process.env.PATH,
          GITHUB_ACTIONS: "true",
          GITHUB_WORKSPACE: ws.dir,
          GITHUB_OUTPUT: outputs,
          GITHUB_STEP_SUMMARY: summary,
          GITHUB_EVENT_PATH: event,
          INPUT_COMMAND: "log-changes",
          "INPUT_NOTION-TOKEN": ws.emulator.token,
          "INPUT_NOTION-BASE-URL": ws.emulator.url,
          "INPUT_RATE-LIMIT": "1000",
        },
      },
    );
    expect(changes().map((r) => r.Action)).toEqual(["Rotate Beta VPN keys"]);
    expect(await readFile(outputs, "utf8")).toMatch(/created<<[^\n]+\n1\n/);
    expect(await readFile(summary, "utf8")).toContain("| Rotate Beta VPN keys |");
    const visible = (stdout + stderr).replaceAll(`::add-mask::${ws.emulator.token}`, "");
    expect(visible).not.toContain(ws.emulator.token);
    expect(await readFile(summary, "utf8")).not.toContain(ws.emulator.token);
  });
});
