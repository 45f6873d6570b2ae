import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, symlink } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { interpreterFor } from "./interpreter.js";
import { checkScriptPolicy, MAX_SCRIPT_BYTES, normaliseScriptPath } from "./policy.js";
import { createTempRepo, type TempRepo } from "./test-support/temp-repo.js";

let repo: TempRepo;
beforeEach(async () => {
  repo = await createTempRepo();
  await repo.write("scripts/ok.sh", "echo ok\n");
});
afterEach(() => repo.remove());

const check = (path: string, allowedDirs = ["scripts"]) =>
  checkScriptPolicy(path, { cwd: repo.root, allowedDirs });

async function messageFor(path: string, allowedDirs?: string[]): Promise<string> {
  const result = await check(path, allowedDirs);
  if (result.ok) throw new Error(`expected ${path} to be refused`);
  return result.message;
}

describe("script path policy", () => {
  it("accepts a regular file inside an allowed directory, hashing and scanning it", async () => {
    const result = await check("./scripts//ok.sh");
    expect(result).toEqual({
      ok: true,
      script: {
        script: "scripts/ok.sh",
        realPath: repo.path("scripts/ok.sh"),
        interpreter: { name: "bash", command: "bash", args: [] },
        contentHash: createHash("sha256").update("echo ok\n").digest("hex"),
        forbidden: [],
      },
    });
  });

  it("refuses absolute paths", async () => {
    expect(await messageFor(repo.path("scripts/ok.sh"))).toContain("not an absolute path");
    expect(await messageFor("~/scripts/ok.sh")).toContain("not an absolute path");
    expect(await messageFor("C:\\scripts\\ok.sh")).toContain("not an absolute path");
  });

  it("refuses `..` even when it would stay inside", async () => {
    expect(await messageFor("scripts/../scripts/ok.sh")).toBe("must not contain `..`");
    expect(await messageFor("../outside.sh")).toBe("must not contain `..`");
  });

  it("refuses paths outside the allowed directories, and the allowed directory itself", async () => {
    await repo.write("tools/t.sh", "true\n");
    expect(await messageFor("tools/t.sh")).toContain("outside the allowed script directories (scripts)");
    expect((await check("tools/t.sh", ["scripts", "tools"])).ok).toBe(true);
    await mkdir(repo.path("x.sh"));
    expect(await messageFor("x.sh", ["x.sh"])).toContain("outside the allowed");
  });

  it("refuses a symlink that points outside, accepts one that stays inside", async () => {
    await repo.write("secret/steal.sh", "cat ~/.ssh/id_rsa\n");
    await symlink(repo.path("secret/steal.sh"), repo.path("scripts/innocent.sh"));
    expect(await messageFor("scripts/innocent.sh")).toContain("resolves through a symlink to a file outside");
    await symlink("../secret", repo.path("scripts/linked-dir"));
    expect(await messageFor("scripts/linked-dir/steal.sh")).toContain("outside");
    await symlink("ok.sh", repo.path("scripts/alias.sh"));
    const alias = await check("scripts/alias.sh");
    expect(alias.ok && alias.script.realPath).toBe(repo.path("scripts/ok.sh"));
  });

  it("follows a symlinked allowed directory to its real location", async () => {
    await repo.write("real-scripts/r.sh", "true\n");
    await symlink(repo.path("real-scripts"), repo.path("linked"));
    expect((await check("linked/r.sh", ["linked"])).ok).toBe(true);
  });

  it("refuses directories, named pipes, missing files and symlink loops", async () => {
    await mkdir(repo.path("scripts/dir.sh"));
    expect(await messageFor("scripts/dir.sh")).toBe("is not a regular file (it is a directory)");
    execFileSync("mkfifo", [repo.path("scripts/pipe.sh")]);
    expect(await messageFor("scripts/pipe.sh")).toBe("is not a regular file (it is a named pipe)");
    expect(await messageFor("scripts/missing.sh")).toBe("does not exist");
    await symlink("loop-b.sh", repo.path("scripts/loop-a.sh"));
    await symlink("loop-a.sh", repo.path("scripts/loop-b.sh"));
    expect(await messageFor("scripts/loop-a.sh")).toBe("is a symlink loop");
  });

  it("refuses unknown extensions and oversized files", async () => {
    await repo.write("scripts/tool.rb", "puts 1\n");
    expect(await messageFor("scripts/tool.rb")).toContain("unsupported extension .rb");
    expect(await messageFor("scripts/Makefile")).toContain("unsupported extension (none)");
    await repo.write("scripts/big.sh", "#".repeat(MAX_SCRIPT_BYTES + 1));
    expect(await messageFor("scripts/big.sh")).toContain("larger than 5 MiB");
  });

  it("reports forbidden content found in the file", async () => {
    await repo.write("scripts/danger.sh", "echo hi\nsudo reboot\n");
    const result = await check("scripts/danger.sh");
    expect(result.ok && result.script.forbidden).toEqual([
      expect.objectContaining({ ruleId: "shutdown-reboot", line: 2, column: 6 }),
    ]);
  });

  it("normalises script paths", () => {
    expect(normaliseScriptPath("./scripts//a.sh")).toBe("scripts/a.sh");
    expect(normaliseScriptPath("scripts\\sub\\a.sh")).toBe("scripts/sub/a.sh");
  });
});

describe("interpreter selection", () => {
  it("chooses the interpreter from the extension", () => {
    expect(interpreterFor("scripts/a.sh")).toEqual({ name: "bash", command: "bash", args: [] });
    expect(interpreterFor("scripts/a.mjs")).toEqual({ name: "node", command: process.execPath, args: [] });
    expect(interpreterFor("scripts/a.js", "/opt/node")).toEqual({
      name: "node",
      command: "/opt/node",
      args: [],
    });
    expect(interpreterFor("scripts/a.py")).toEqual({ name: "python3", command: "python3", args: [] });
    expect(interpreterFor("scripts/a.ps1")).toEqual({
      name: "pwsh",
      command: "pwsh",
      args: ["-NoLogo", "-NoProfile", "-NonInteractive", "-File"],
    });
    expect(interpreterFor("scripts/A.SH")?.name).toBe("bash");
    expect(interpreterFor("scripts/a.rb")).toBeUndefined();
    expect(interpreterFor("scripts/a.cjs")).toBeUndefined();
    expect(interpreterFor("scripts/sh")).toBeUndefined();
  });
});
