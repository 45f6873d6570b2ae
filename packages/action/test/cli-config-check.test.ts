import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { SYNC_HEAP } from "@notion-ops/core";
import { describe, expect, it } from "vitest";
import packageJson from "../package.json" with { type: "json" };
import { run } from "../src/run.js";

const exec = promisify(execFile);
const cli = new URL("../dist/cli.js", import.meta.url).pathname;
const example = new URL("../../../examples/notion-ops.yml", import.meta.url).pathname;

async function tempConfig(text: string): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), "notion-ops-cli-"));
  const file = join(dir, "notion-ops.yml");
  await writeFile(file, text);
  return { dir, file };
}

/** Runs dist/index.js in `dir` the way the runner does; resolves with the failed run's error (or the result). */
function runBundledAction(dir: string, env: Record<string, string>) {
  return exec(process.execPath, [new URL("../dist/index.js", import.meta.url).pathname], {
    cwd: dir,
    env: { PATH: process.env.PATH, GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: dir, ...env },
  }).catch((e) => e);
}

async function configCheck(args: string[], env: Record<string, string> = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(["config", "check", ...args], {
    env,
    cwd: tmpdir(),
    stdout: { write: (c: string) => stdout.push(c) },
    stderr: { write: (c: string) => stderr.push(c) },
  });
  return { code, stdout: stdout.join(""), stderr: stderr.join("") };
}

describe("notion-ops config check", () => {
  it("accepts the full example of SPEC §3", async () => {
    const { code, stderr } = await configCheck(["--config", example]);
    expect(code).toBe(0);
    expect(stderr).toContain("is valid: 2 site(s), sources: unifi, ninjaone, azure");
  });

  const cases: [string, string, string[]][] = [
    [
      "an unknown key (typo) anywhere",
      "sites:\n  - key: A-1\n    name: A\n    ninjaone: { organisationId: 4 }\n",
      [
        'notion-ops.yml:4:17: sites[0].ninjaone.organisationId: unknown key "organisationId" (did you mean "organizationId"?)',
      ],
    ],
    [
      "a wrong type",
      "sources:\n  azure: { subscriptions: nope }\n",
      ["notion-ops.yml:2:27: sources.azure.subscriptions: expected array, got string"],
    ],
    [
      "weights summing to 90",
      "health:\n  weights:\n    deviceAvailability: 30\n    wifiQuality: 20\n    alerts: 20\n    backup: 15\n    configCompliance: 5\n",
      ["notion-ops.yml:3:5: health.weights: ", "= 90"],
    ],
    [
      "a duplicate site key",
      "sites:\n  - { key: ACME-001, name: A }\n  - { key: ACME-001, name: B }\n",
      ['notion-ops.yml:3:12: sites[1].key: duplicate site key "ACME-001" (already used by sites[0])'],
    ],
    ["malformed YAML", "sites: [\n  - key: A\n", ["notion-ops.yml:", "invalid YAML"]],
    [
      "a token placed in the file",
      "notion:\n  parentPage: ntn_1234567890abcdefghijABCDEFGHIJ\n",
      ["notion-ops.yml:2:15: notion.parentPage: looks like a Notion token", "NOTION_TOKEN"],
    ],
  ];
  for (const [name, text, expected] of cases) {
    it(`exits 2 on ${name}, naming the path and the line and column`, async () => {
      const { dir } = await tempConfig(text);
      const stderr: string[] = [];
      const code = await run(["config", "check"], {
        env: {},
        cwd: dir,
        stdout: { write: () => true },
        stderr: { write: (c: string) => stderr.push(c) },
      });
      expect(code).toBe(2);
      const output = stderr.join("").replaceAll(`${dir}/`, "");
      for (const fragment of expected) expect(output).toContain(fragment);
      expect(output).not.toContain("ntn_1234567890");
    });
  }

  it("exits 2 on a missing file", async () => {
    const { code, stderr } = await configCheck(["--config", "/nonexistent/notion-ops.yml"]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      "/nonexistent/notion-ops.yml: file not found (create it, or pass --config <path>)",
    );
  });

  it("prints every issue as JSON with --json", async () => {
    const { file } = await tempConfig("helth: {}\nsites: 3\n");
    const { code, stdout } = await configCheck(["--config", file, "--json"]);
    expect(code).toBe(2);
    const result = JSON.parse(stdout);
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe("config_invalid");
    expect(result.error.issues.map((i: { path: string; line: number }) => [i.path, i.line])).toEqual([
      ["helth", 1],
      ["sites", 2],
    ]);
  });

  it("exits 2 on an unknown command or option", async () => {
    const stderr: string[] = [];
    const io = {
      env: {},
      cwd: tmpdir(),
      stdout: { write: () => true },
      stderr: { write: (c: string) => stderr.push(c) },
    };
    expect(await run(["frobnicate"], io)).toBe(2);
    expect(await run(["config", "check", "--no-such-option"], io)).toBe(2);
    expect(stderr.join("")).toContain('unknown command "frobnicate"');
  });
});

describe("the bundled CLI (dist/cli.js) under Node 24", () => {
  it("prints the version from package.json", async () => {
    const { stdout } = await exec(process.execPath, [cli, "--version"]);
    expect(process.versions.node.split(".")[0]).toBe("24");
    expect(stdout.trim()).toBe(packageJson.version);
  });

  it("runs config check with exit code 2 and the located error", async () => {
    const { dir } = await tempConfig("sites:\n  - key: A\n    nme: x\n");
    const error = await exec(process.execPath, [cli, "config", "check"], { cwd: dir }).catch((e) => e);
    expect(error.code).toBe(2);
    expect(error.stderr).toContain(
      'notion-ops.yml:3:5: sites[0].nme: unknown key "nme" (did you mean "name"?)',
    );
  });
});

describe("sync runs in a worker thread with the sync heap", () => {
  const notSetUp = "sites:\n  - { key: A-1, name: A }\n";

  it("the bundled CLI: the worker's heap, output and exit code reach the caller once", async () => {
    const { dir } = await tempConfig(notSetUp);
    // Global options may come before the command.
    for (const args of [
      ["sync", "--verbose"],
      ["--verbose", "sync"],
    ]) {
      const error = await exec(process.execPath, [cli, ...args], {
        cwd: dir,
        env: { PATH: process.env.PATH, NOTION_TOKEN: "ntn_workerPathToken1234567890" },
      }).catch((e) => e);
      expect(error.code, args.join(" ")).toBe(2);
      expect(error.stderr).toContain(
        `heap: sync worker, young generation ≤ ${SYNC_HEAP.youngGenerationMb} MB`,
      );
      expect(error.stderr.match(/Customer Sites is not set up: run notion-ops setup/g)).toHaveLength(1);
    }
  });

  it("the bundled Action: the worker reports the failure, the main thread does not repeat it", async () => {
    const { dir } = await tempConfig(notSetUp);
    const error = await runBundledAction(dir, {
      INPUT_COMMAND: "sync",
      "INPUT_NOTION-TOKEN": "ntn_workerPathToken1234567890",
      INPUT_VERBOSE: "true",
    });
    expect(error.code).toBe(2);
    expect(error.stdout).toContain(`heap: sync worker, young generation ≤ ${SYNC_HEAP.youngGenerationMb} MB`);
    expect(error.stdout).toContain("Customer Sites is not set up: run notion-ops setup");
    expect(error.stdout.match(/::error::notion-ops exited with code 2/g)).toHaveLength(1);
  });

  it("other commands run on the main thread", async () => {
    const { dir } = await tempConfig(notSetUp);
    const { stderr } = await exec(process.execPath, [cli, "config", "check", "--verbose"], { cwd: dir });
    expect(stderr).not.toContain("heap: sync worker");
  });
});

describe("the bundled Action (dist/index.js)", () => {
  it("reads inputs the way the runner passes them, annotates config errors and writes outputs and the summary", async () => {
    const { dir } = await tempConfig("sites:\n  - key: A\n    nme: x\n");
    const outputs = join(dir, "outputs.txt");
    const summary = join(dir, "summary.md");
    await writeFile(outputs, "");
    await writeFile(summary, "");
    const token = "ntn_actionsModeSecretToken1234567";
    const error = await runBundledAction(dir, {
      GITHUB_OUTPUT: outputs,
      GITHUB_STEP_SUMMARY: summary,
      INPUT_COMMAND: "config check",
      "INPUT_NOTION-TOKEN": token,
      INPUT_CONFIG: "notion-ops.yml",
    });
    expect(error.code).toBe(2);
    expect(error.stdout).toContain(`::add-mask::${token}`);
    expect(error.stdout).toContain(
      "::error title=notion-ops configuration,file=notion-ops.yml,line=3,col=5::sites[0].nme: unknown key",
    );
    expect(error.stdout.replaceAll(`::add-mask::${token}`, "")).not.toContain(token);
    const written = await readFile(outputs, "utf8");
    expect(written).toContain("result<<");
    expect(written).toMatch(/failed<<[^\n]+\n0\n/);
    expect(await readFile(summary, "utf8")).toContain("| notion-ops.yml:3:5 | sites[0].nme | unknown key");
  });
});
