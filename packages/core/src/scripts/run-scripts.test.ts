import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { createLogger, createMemorySink } from "../log/index.js";
import type { ForbiddenRuleId } from "./forbidden-rules.js";
import { parseScriptManifest } from "./manifest.js";
import type { ScriptRunResult } from "./run-result.js";
import { type RunScriptsOptions, type RunStateStore, runScripts } from "./run-scripts.js";
import { createTempRepo, type TempRepo } from "./test-support/temp-repo.js";

let repo: TempRepo;
beforeEach(async () => {
  repo = await createTempRepo();
});
afterEach(async () => {
  await repo.remove();
});

const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: "C.UTF-8" };

async function run(manifestYaml: string, options: Partial<RunScriptsOptions> = {}) {
  const report = await runScripts({
    manifest: parseScriptManifest(manifestYaml, "scripts.yml"),
    cwd: repo.root,
    env: baseEnv,
    killGraceMs: 2000,
    ...options,
  });
  if (report.dryRun) throw new Error("expected a real run");
  return report;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe("ESRCH");
    return false;
  }
}

describe("runScripts with real processes", () => {
  it("runs a successful script and reports hash, command and output", async () => {
    const content = 'echo "hello $1"\n';
    await repo.write("scripts/ok.sh", content);
    const report = await run("scripts:\n  - path: scripts/ok.sh\n    args: [world]\n");
    const [result] = report.results;
    expect(result).toMatchObject({
      script: "scripts/ok.sh",
      status: "success",
      exitCode: 0,
      commandLine: "bash scripts/ok.sh world",
      contentHash: createHash("sha256").update(content).digest("hex"),
      output: { text: "hello world\n", omittedBytes: 0 },
      timeoutSeconds: 600,
    });
    expect(result?.failure).toBeUndefined();
    expect(report.exitCode).toBe(0);
    expect(report.summary.rows).toEqual([
      expect.objectContaining({ script: "scripts/ok.sh", status: "success", exitCode: 0 }),
    ]);
    expect(report.summary.counts.success).toBe(1);
  });

  it("runs node and python scripts with their interpreters", async () => {
    await repo.write("scripts/a.mjs", "console.log('node ' + process.version)\n");
    await repo.write("scripts/b.py", "import sys\nprint('python', sys.version_info[0])\n");
    const report = await run("scripts:\n  - path: scripts/a.mjs\n  - path: scripts/b.py\n");
    expect(report.results.map((r) => [r.status, r.output.text])).toEqual([
      ["success", `node ${process.version}\n`],
      ["success", "python 3\n"],
    ]);
  });

  it("reports a non-zero exit as failed, with the error class", async () => {
    await repo.write(
      "scripts/fail.sh",
      'echo "connecting"\necho "Error: connect ECONNREFUSED 127.0.0.1:5432" >&2\nexit 3\n',
    );
    const report = await run("- path: scripts/fail.sh\n");
    expect(report.results[0]).toMatchObject({
      status: "failed",
      exitCode: 3,
      failure: { errorClass: "network", evidence: "Error: connect ECONNREFUSED 127.0.0.1:5432" },
    });
    expect(report.results[0]?.output.text).toContain("connecting\n");
    expect(report.exitCode).toBe(1);
  });

  it("kills the whole process group on timeout, grandchild included", async () => {
    const pidFile = repo.path("grandchild.pid");
    await repo.write("scripts/hang.sh", 'sleep 30 &\necho $! > "$1"\necho started\nwait\n');
    const report = await run(
      `scripts:\n  - path: scripts/hang.sh\n    args: ["${pidFile}"]\n    timeout: 1\n`,
    );
    expect(report.results[0]).toMatchObject({
      status: "timeout",
      exitCode: null,
      signal: "SIGTERM",
      failure: { errorClass: "timeout" },
    });
    expect(report.results[0]?.output.text).toBe("started\n");
    const grandchild = Number(await readFile(pidFile, "utf8"));
    expect(grandchild).toBeGreaterThan(0);
    expect(isAlive(grandchild)).toBe(false);
  });

  it("escalates to SIGKILL when the group ignores SIGTERM", async () => {
    const pidFile = repo.path("stubborn.pid");
    await repo.write("scripts/stubborn.sh", "trap '' TERM\nsleep 30 &\necho $! > \"$1\"\nwait\n");
    const report = await run(`- path: scripts/stubborn.sh\n  args: ["${pidFile}"]\n  timeout: 0.5\n`, {
      killGraceMs: 300,
    });
    expect(report.results[0]).toMatchObject({ status: "timeout", signal: "SIGKILL" });
    expect(isAlive(Number(await readFile(pidFile, "utf8")))).toBe(false);
  });

  it("passes shell metacharacters as plain arguments and never runs them", async () => {
    const args = [
      `; touch ${repo.path("pwned1")}`,
      `$(touch ${repo.path("pwned2")})`,
      `\`touch ${repo.path("pwned3")}\``,
      `| touch ${repo.path("pwned4")}`,
      `&& touch ${repo.path("pwned5")}`,
      "*",
      "",
    ];
    await repo.write("scripts/args.sh", 'printf "<%s>\\n" "$@"\n');
    await repo.write("scripts/args.mjs", "console.log(JSON.stringify(process.argv.slice(2)))\n");
    const list = JSON.stringify(args);
    const report = await run(
      `- path: scripts/args.sh\n  args: ${list}\n- path: scripts/args.mjs\n  args: ${list}\n`,
    );
    expect(report.results[0]?.output.text).toBe(args.map((arg) => `<${arg}>\n`).join(""));
    expect(JSON.parse(report.results[1]!.output.text)).toEqual(args);
    for (const name of ["pwned1", "pwned2", "pwned3", "pwned4", "pwned5"]) {
      expect(existsSync(repo.path(name))).toBe(false);
    }
    expect(report.results[0]?.commandLine).toContain(`'; touch ${repo.path("pwned1")}'`);
  });

  it("gives scripts a minimal environment; secrets only when listed", async () => {
    await repo.write(
      "scripts/env.mjs",
      [
        "const key = process.env.MY_API_KEY;",
        "console.log(JSON.stringify({ names: Object.keys(process.env).sort(), key,",
        "  reversedKey: key && [...key].reverse().join('') }));",
      ].join("\n"),
    );
    const sink = createMemorySink();
    const logger = createLogger(sink);
    const env = {
      ...baseEnv,
      CI: "true",
      NOTION_TOKEN: "secret_notion_abc123",
      MY_API_KEY: "key-abc-987654",
      GITHUB_TOKEN: "ghs_abcdefgh12345",
      GITHUB_REPOSITORY: "acme/ops",
      GITHUB_RUN_ID: "42",
      GITHUB_APP_PRIVATE_KEY: "-----BEGIN-----",
      ACTIONS_RUNTIME_TOKEN: "runtime-token-xyz",
      UNRELATED: "x",
    };
    const report = await run("- path: scripts/env.mjs\n- path: scripts/env.mjs\n  env: [MY_API_KEY]\n", {
      env,
      logger,
    });
    const unlisted = JSON.parse(report.results[0]!.output.text);
    expect(unlisted.names).toEqual(["CI", "GITHUB_REPOSITORY", "GITHUB_RUN_ID", "HOME", "LANG", "PATH"]);
    expect(unlisted.key).toBeUndefined();
    const listed = JSON.parse(report.results[1]!.output.text);
    expect(listed.names).toContain("MY_API_KEY");
    expect(listed.names).not.toContain("NOTION_TOKEN");
    // It reached the child (the reversed value proves it) and is masked in the captured output.
    expect(listed.reversedKey).toBe("456789-cba-yek");
    expect(listed.key).toBe("***");
    expect(report.results[1]?.output.text).not.toContain("key-abc-987654");
  });

  it("keeps the head and tail of output over the cap", async () => {
    await repo.write("scripts/loud.sh", "seq 1 20000\n");
    const report = await run("- path: scripts/loud.sh\n", { outputLimitBytes: 4096 });
    const output = report.results[0]!.output;
    const full = Array.from({ length: 20000 }, (_, i) => `${i + 1}\n`).join("");
    expect(output.totalBytes).toBe(Buffer.byteLength(full));
    expect(output.text.startsWith("1\n2\n3\n")).toBe(true);
    expect(output.text.endsWith("19999\n20000\n")).toBe(true);
    expect(output.text).toContain(`… ${output.omittedBytes} bytes omitted …\n`);
    const kept = output.text.replace(/… \d+ bytes omitted …\n/, "");
    expect(Buffer.byteLength(kept)).toBeLessThanOrEqual(4096);
    expect(Buffer.byteLength(kept) + output.omittedBytes).toBe(output.totalBytes);
    expect(full.startsWith(kept.slice(0, kept.indexOf("\n", 500)))).toBe(true);
  });

  it("masks registered secrets and the caller's mask in the captured output", async () => {
    await repo.write("scripts/leak.sh", 'echo "token=s3cr3t-value-123 other=hunter22-pass"\n');
    const logger = createLogger(createMemorySink());
    logger.addSecret("s3cr3t-value-123");
    const report = await run("- path: scripts/leak.sh\n", {
      logger,
      mask: (text) => text.replaceAll("hunter22-pass", "[masked]"),
    });
    expect(report.results[0]?.output.text).toBe("token=*** other=[masked]\n");
  });

  it("runs at most maxParallel scripts at once, the rest queued", async () => {
    const shared = repo.path("shared");
    await mkdir(shared);
    await repo.write(
      "scripts/slot.sh",
      [
        'touch "$1/running.$2"',
        'ls "$1" | grep -c "^running\\." >> "$1/counts"',
        "sleep 0.2",
        'rm "$1/running.$2"',
      ].join("\n"),
    );
    const entries = Array.from(
      { length: 10 },
      (_, i) => `- path: scripts/slot.sh\n  args: ["${shared}", "${i}"]\n`,
    );
    let active = 0;
    let maxActive = 0;
    const report = await run(entries.join(""), {
      config: { maxParallel: 3 },
      onRunStarted: () => {
        active++;
        maxActive = Math.max(maxActive, active);
      },
      onRunFinished: () => {
        active--;
      },
    });
    expect(report.results.map((r) => r.status)).toEqual(Array(10).fill("success"));
    const counts = (await readFile(repo.path("shared/counts"), "utf8")).trim().split("\n").map(Number);
    expect(counts).toHaveLength(10);
    expect(Math.max(...counts)).toBeLessThanOrEqual(3);
    expect(maxActive).toBe(3);
    expect(report.results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  describe("cooldown", () => {
    class MemoryStore implements RunStateStore {
      readonly successes = new Map<string, Date>();
      readonly lookups: string[] = [];
      async lastSuccessfulRun(script: string, hash: string) {
        this.lookups.push(`${script}@${hash.slice(0, 8)}`);
        const started = this.successes.get(`${script}@${hash}`);
        return started ? { started } : undefined;
      }
      record = (result: ScriptRunResult) => {
        if (result.status === "success")
          this.successes.set(`${result.script}@${result.contentHash}`, result.started);
      };
    }
    const manifest = "- path: scripts/backup.sh\n  cooldown: 6h\n";

    it("skips an unchanged script inside its cooldown and runs it again when it changes", async () => {
      await repo.write("scripts/backup.sh", `echo run >> "${repo.path("runs.log")}"\n`);
      const store = new MemoryStore();
      const t0 = new Date("2026-03-01T06:00:00Z");
      const first = await run(manifest, { store, onRunFinished: store.record, now: () => t0 });
      expect(first.results[0]?.status).toBe("success");

      const later = new Date("2026-03-01T11:00:00Z");
      const second = await run(manifest, { store, onRunFinished: store.record, now: () => later });
      expect(second.results[0]).toMatchObject({
        status: "skipped",
        exitCode: null,
        skipped: {
          lastSuccessfulRun: t0,
          cooldownSeconds: 21600,
          eligibleAgain: new Date("2026-03-01T12:00:00Z"),
        },
      });
      expect(second.exitCode).toBe(0);
      expect(await readFile(repo.path("runs.log"), "utf8")).toBe("run\n");

      await repo.write("scripts/backup.sh", `echo changed >> "${repo.path("runs.log")}"\n`);
      const third = await run(manifest, { store, onRunFinished: store.record, now: () => later });
      expect(third.results[0]?.status).toBe("success");
      expect(await readFile(repo.path("runs.log"), "utf8")).toBe("run\nchanged\n");
      expect(new Set(store.lookups).size).toBe(2);

      const afterCooldown = new Date("2026-03-01T17:30:00Z");
      const fourth = await run(manifest, { store, onRunFinished: store.record, now: () => afterCooldown });
      expect(fourth.results[0]?.status).toBe("success");
    });

    it("runs anyway (with a warning) when the run state cannot be read", async () => {
      await repo.write("scripts/backup.sh", "true\n");
      const sink = createMemorySink();
      const store: RunStateStore = {
        lastSuccessfulRun: () => Promise.reject(new Error("Notion is down")),
      };
      const report = await run(manifest, { store, logger: createLogger(sink) });
      expect(report.results[0]?.status).toBe("success");
      expect(sink.text()).toContain("could not read its last run (Notion is down)");
    });
  });

  describe("forbidden content through the runner", () => {
    const samples: Record<ForbiddenRuleId, string> = {
      "recursive-delete-root": "rm -rf /",
      "disk-device-write": "dd if=/dev/zero of=/dev/sda",
      mkfs: "mkfs.ext4 /dev/sdb1",
      "fork-bomb": ":(){ :|:& };:",
      "pipe-to-shell": "curl -fsSL https://example.invalid/i.sh | sh",
      "chmod-777-root": "chmod -R 777 /",
      "shutdown-reboot": "shutdown -h now",
    };
    const entries = Object.entries(samples) as [ForbiddenRuleId, string][];

    it("blocks each rule (with rule id and line) and never starts the script", async () => {
      let manifest = "";
      for (const [id, sample] of entries) {
        await repo.write(`scripts/${id}.sh`, `touch "${repo.path(`ran-${id}`)}"\nexit 0\n${sample}\n`);
        manifest += `- path: scripts/${id}.sh\n`;
      }
      const report = await run(manifest);
      for (const [i, [id]] of entries.entries()) {
        expect(report.results[i]).toMatchObject({ status: "blocked", blockedBy: [{ ruleId: id, line: 3 }] });
        expect(existsSync(repo.path(`ran-${id}`))).toBe(false);
      }
      expect(report.exitCode).toBe(1);
      expect(report.summary.rows[0]?.note).toBe("recursive-delete-root (line 3)");
    });

    it("runs each when the entry allows its rule", async () => {
      let manifest = "";
      for (const [id, sample] of entries) {
        await repo.write(`scripts/${id}.sh`, `touch "${repo.path(`ran-${id}`)}"\nexit 0\n${sample}\n`);
        manifest += `- path: scripts/${id}.sh\n  allowForbidden: [${id}]\n`;
      }
      const report = await run(manifest);
      expect(report.results.map((r) => r.status)).toEqual(entries.map(() => "success"));
      for (const [id] of entries) expect(existsSync(repo.path(`ran-${id}`))).toBe(true);
    });

    it("still blocks a rule the entry does not allow", async () => {
      await repo.write("scripts/two.sh", "exit 0\nreboot\nmkfs /dev/sdz\n");
      const report = await run("- path: scripts/two.sh\n  allowForbidden: [shutdown-reboot]\n");
      expect(report.results[0]).toMatchObject({
        status: "blocked",
        blockedBy: [{ ruleId: "mkfs", line: 3 }],
      });
    });
  });

  it("validates every entry before running any, reporting all path problems at once", async () => {
    await repo.write("scripts/good.sh", `touch "${repo.path("ran-good")}"\n`);
    await repo.write("outside/evil.sh", "echo evil\n");
    await symlink(repo.path("outside/evil.sh"), repo.path("scripts/link.sh"));
    await mkdir(repo.path("scripts/dir.sh"));
    await repo.write("scripts/tool.rb", "puts 1\n");
    const manifest = [
      "scripts:",
      "  - path: scripts/good.sh",
      "  - path: scripts/../outside/evil.sh",
      `  - path: ${repo.path("scripts/good.sh")}`,
      "  - path: scripts/link.sh",
      "  - path: scripts/dir.sh",
      "  - path: scripts/tool.rb",
      "  - path: scripts/missing.sh",
      "  - path: outside/evil.sh",
      "",
    ].join("\n");
    const error = await run(manifest).catch((e: unknown) => e);
    expect(ConfigError.is(error)).toBe(true);
    const issues = (error as ConfigError).issues;
    expect(issues.map((i) => [i.path, i.line, i.column])).toEqual([
      ["scripts[1].path", 3, 11],
      ["scripts[2].path", 4, 11],
      ["scripts[3].path", 5, 11],
      ["scripts[4].path", 6, 11],
      ["scripts[5].path", 7, 11],
      ["scripts[6].path", 8, 11],
      ["scripts[7].path", 9, 11],
    ]);
    expect(issues.map((i) => i.message)).toEqual([
      expect.stringContaining("must not contain `..`"),
      expect.stringContaining("not an absolute path"),
      expect.stringContaining("resolves through a symlink to a file outside"),
      expect.stringContaining("is not a regular file (it is a directory)"),
      expect.stringContaining("unsupported extension .rb"),
      expect.stringContaining("does not exist"),
      expect.stringContaining("outside the allowed script directories (scripts)"),
    ]);
    expect((error as ConfigError).exitCode).toBe(2);
    expect(existsSync(repo.path("ran-good"))).toBe(false);
  });

  it("dry run reports run / skip / block and spawns nothing", async () => {
    await repo.write("scripts/a.sh", `touch "${repo.path("ran-a")}"\n`);
    await repo.write("scripts/b.sh", `touch "${repo.path("ran-b")}"\n`);
    await repo.write("scripts/c.sh", `touch "${repo.path("ran-c")}"\nreboot\n`);
    const bHash = createHash("sha256")
      .update(`touch "${repo.path("ran-b")}"\n`)
      .digest("hex");
    const store: RunStateStore = {
      lastSuccessfulRun: async (script, hash) =>
        script === "scripts/b.sh" && hash === bHash
          ? { started: new Date("2026-01-01T00:00:00Z") }
          : undefined,
    };
    const finished: unknown[] = [];
    const report = await runScripts({
      manifest: parseScriptManifest(
        "- path: scripts/a.sh\n  args: [--full]\n- path: scripts/b.sh\n  cooldown: 1d\n- path: scripts/c.sh\n",
      ),
      cwd: repo.root,
      dryRun: true,
      store,
      now: () => new Date("2026-01-01T01:00:00Z"),
      onRunFinished: (result) => void finished.push(result),
    });
    if (!report.dryRun) throw new Error("expected a dry run");
    expect(report.plan.map((item) => [item.script, item.action, item.commandLine])).toEqual([
      ["scripts/a.sh", "run", "bash scripts/a.sh --full"],
      ["scripts/b.sh", "skip", "bash scripts/b.sh"],
      ["scripts/c.sh", "block", "bash scripts/c.sh"],
    ]);
    expect(report.plan[2]?.blockedBy).toEqual([
      expect.objectContaining({ ruleId: "shutdown-reboot", line: 2 }),
    ]);
    expect(report.summary.rows.map((row) => row.status)).toEqual(["would run", "would skip", "would block"]);
    expect(report.exitCode).toBe(1);
    expect(finished).toEqual([]);
    for (const name of ["ran-a", "ran-b", "ran-c"]) expect(existsSync(repo.path(name))).toBe(false);
  });

  it("reports an interpreter that cannot start as a failed run (missing)", async () => {
    await repo.write("scripts/a.mjs", "console.log(1)\n");
    const report = await run("- path: scripts/a.mjs\n", { execPath: repo.path("no-such-node") });
    expect(report.results[0]).toMatchObject({
      status: "failed",
      exitCode: null,
      failure: { errorClass: "missing" },
    });
    expect(report.results[0]?.output.text).toContain("could not start");
  });

  it("refuses to run a script that changed after validation", async () => {
    await repo.write("scripts/a.sh", `touch "${repo.path("ran-a")}"\n`);
    const report = await run("- path: scripts/a.sh\n", {
      onRunStarted: () => writeFile(repo.path("scripts/a.sh"), "echo swapped\n"),
    });
    expect(report.results[0]?.status).toBe("failed");
    expect(report.results[0]?.output.text).toContain("changed or disappeared after validation");
    expect(existsSync(repo.path("ran-a"))).toBe(false);
  });

  it("keeps going when reporting a run fails, and exits 1", async () => {
    await repo.write("scripts/a.sh", "true\n");
    const sink = createMemorySink();
    const logger = createLogger(sink);
    logger.addSecret("secret_notion_abc123");
    const report = await run("- path: scripts/a.sh\n- path: scripts/a.sh\n", {
      logger,
      onRunFinished: (result) => {
        if (result.index === 0) throw new Error("Notion said no to secret_notion_abc123");
      },
    });
    expect(report.results.map((r) => r.status)).toEqual(["success", "success"]);
    expect(report.reportErrors).toEqual([{ script: "scripts/a.sh", message: "Notion said no to ***" }]);
    expect(report.exitCode).toBe(1);
    expect(sink.text()).not.toContain("secret_notion_abc123");
  });
});
