import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { loadScriptManifest, parseScriptManifest } from "./manifest.js";

function issuesOf(source: string) {
  try {
    parseScriptManifest(source, "ops/scripts.yml");
  } catch (error) {
    if (ConfigError.is(error)) return error.issues;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("script manifest", () => {
  it("parses entries with defaults and durations in seconds", () => {
    const manifest = parseScriptManifest(
      [
        "scripts:",
        "  - path: scripts/backup-check.sh",
        "    args: [--site, ACME-001]",
        "    timeout: 10m",
        "    env: [NINJAONE_CLIENT_ID]",
        "    cooldown: 6h",
        "    allowForbidden: [shutdown-reboot]",
        "    name: Backup check",
        "    trigger: nightly",
        "  - path: scripts/cert-expiry.mjs",
        "    timeout: 90",
        "    cooldown: 1h30m",
      ].join("\n"),
      "ops/scripts.yml",
    );
    expect(manifest.file).toBe("ops/scripts.yml");
    expect(manifest.scripts).toEqual([
      {
        path: "scripts/backup-check.sh",
        args: ["--site", "ACME-001"],
        timeout: 600,
        env: ["NINJAONE_CLIENT_ID"],
        cooldown: 21600,
        allowForbidden: ["shutdown-reboot"],
        name: "Backup check",
        trigger: "nightly",
      },
      { path: "scripts/cert-expiry.mjs", args: [], timeout: 90, env: [], cooldown: 5400, allowForbidden: [] },
    ]);
  });

  it("accepts a bare list of entries (for inline manifests) with the same issue paths", () => {
    expect(parseScriptManifest("- path: scripts/a.sh\n").scripts).toEqual([
      { path: "scripts/a.sh", args: [], env: [], allowForbidden: [] },
    ]);
    expect(issuesOf("- path: scripts/a.sh\n- path: scripts/b.sh\n  timeout: later\n")).toEqual([
      {
        file: "ops/scripts.yml",
        path: "scripts[1].timeout",
        message: expect.stringContaining('"90s", "10m", "6h", "1d"'),
        line: 3,
        column: 12,
      },
    ]);
  });

  it("reports every problem at once, by path, line and column", () => {
    const source = [
      "scripts:", // 1
      "  - path: scripts/a.sh", // 2
      "    timeout: 90s", // 3
      "  - path: scripts/b.sh", // 4
      "    timeout: soon", // 5
      "    tiemout: 5", // 6
      "  - args: [1, ok]", // 7
      "    env: [GOOD_NAME, not-valid]", // 8
      "    allowForbidden: [mkfs, nuke]", // 9
      "    cooldown: -1", // 10
      "  - path: scripts/c.sh", // 11
      "    timeout: 0", // 12
      "extra: true", // 13
    ].join("\n");
    expect(
      issuesOf(source).map(({ path, line, column, message }) => ({ path, line, column, message })),
    ).toEqual([
      {
        path: "scripts[1].timeout",
        line: 5,
        column: 14,
        message: expect.stringContaining("must be a duration"),
      },
      { path: "scripts[1].tiemout", line: 6, column: 5, message: "unknown key" },
      { path: "scripts[2].path", line: 7, column: 5, message: "is required" },
      {
        path: "scripts[2].args[0]",
        line: 7,
        column: 12,
        message: expect.stringContaining("must be a string"),
      },
      { path: "scripts[2].env[1]", line: 8, column: 22, message: "must be an environment variable name" },
      {
        path: "scripts[2].allowForbidden[1]",
        line: 9,
        column: 28,
        message: expect.stringMatching(/^unknown rule id "nuke"; known rules: recursive-delete-root, /),
      },
      {
        path: "scripts[2].cooldown",
        line: 10,
        column: 15,
        message: expect.stringContaining("must be a duration"),
      },
      { path: "scripts[3].timeout", line: 12, column: 14, message: "must be greater than 0" },
      { path: "extra", line: 13, column: 1, message: "unknown key" },
    ]);
  });

  it("names the manifest and position of a YAML syntax error", () => {
    const [issue] = issuesOf("scripts:\n  - path: [unclosed\n");
    expect(issue).toMatchObject({ file: "ops/scripts.yml", path: "", line: expect.any(Number) });
    expect(issue?.message).toMatch(/^invalid YAML: /);
  });

  it("rejects duplicate keys, empty documents and wrong shapes", () => {
    expect(issuesOf("scripts:\n  - path: a.sh\n    path: b.sh\n")[0]?.message).toMatch(
      /invalid YAML: .*unique/i,
    );
    expect(issuesOf("")[0]?.message).toContain("the manifest is empty");
    expect(issuesOf("just text")[0]?.message).toContain("expected a mapping");
    expect(issuesOf("scripts: nope\n")[0]).toMatchObject({
      path: "scripts",
      message: "must be a list of scripts",
    });
    expect(issuesOf("scripts:\n  - path: ''\n")[0]).toMatchObject({
      path: "scripts[0].path",
      message: "must not be empty",
    });
    expect(issuesOf("scripts:\n  - path: a.sh\n    timeout: 2d\n")[0]).toMatchObject({
      path: "scripts[0].timeout",
      message: "must be at most 86400 seconds",
    });
  });

  it("accepts an empty list", () => {
    expect(parseScriptManifest("scripts: []\n").scripts).toEqual([]);
  });

  it("loads a manifest file, and reports a missing one as config_missing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "manifest-"));
    try {
      const file = join(dir, "scripts.yml");
      await writeFile(file, "scripts:\n  - path: scripts/a.sh\n");
      expect((await loadScriptManifest(file)).scripts[0]?.path).toBe("scripts/a.sh");
      const error = await loadScriptManifest(join(dir, "nope.yml")).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).code).toBe("config_missing");
      expect((error as ConfigError).message).toContain("manifest file not found");
      expect((error as ConfigError).exitCode).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
