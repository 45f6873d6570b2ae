import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError } from "../errors.js";
import { loadConfig, parseConfig } from "./load.js";

/** Stand-ins for the plugins' own `sources.<name>` schemas (core cannot import plugins). */
const sourceSchemas = {
  unifi: z.strictObject({ mode: z.enum(["cloud", "local", "connector"]), consoleUrl: z.string().optional() }),
  ninjaone: z.strictObject({ region: z.enum(["us", "eu", "oc", "ca", "us2", "fed"]) }),
  azure: z.strictObject({ subscriptions: z.array(z.string()) }),
};
const options = { sourceSchemas };
const exampleFile = new URL("../../../../examples/notion-ops.yml", import.meta.url);

function issuesOf(text: string) {
  try {
    parseConfig(text, "notion-ops.yml", options);
  } catch (error) {
    if (ConfigError.is(error)) return error.issues;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("accepts the full example of SPEC §3 and fills defaults", async () => {
    const { config } = await loadConfig(exampleFile.pathname, options);
    expect(config.sites).toHaveLength(2);
    expect(config.sites[0]).toMatchObject({
      key: "ACME-001",
      ninjaone: { organizationId: 12 },
      contractRenewal: "2026-03-01",
    });
    expect(config.health.weights).toEqual({
      deviceAvailability: 30,
      wifiQuality: 20,
      alerts: 20,
      backup: 15,
      configCompliance: 15,
    });
    expect(config.sources).toEqual({
      unifi: { mode: "cloud" },
      ninjaone: { region: "us" },
      azure: { subscriptions: ["8f14e45f-ceea-467e-a1b3-5a8e0a3a2f00"] },
    });
    expect(config.changeLog.paths[0]).toEqual({ glob: "configs/{site}/**", tool: "MikroTik" });
  });

  it("accepts an empty file (everything defaults)", () => {
    const config = parseConfig("", "notion-ops.yml", options);
    expect(config.sites).toEqual([]);
    expect(config.notion.databases).toEqual({});
    expect(config.runbooks.dir).toBe("runbooks");
  });

  it("reports a missing file with exit code 2", async () => {
    const error = await loadConfig("/nonexistent/notion-ops.yml", options).catch((e) => e);
    expect(ConfigError.is(error)).toBe(true);
    expect(error.code).toBe("config_missing");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      "/nonexistent/notion-ops.yml: file not found (create it, or pass --config <path>)",
    );
  });

  it("names an unknown key (a typo) anywhere, at the key's line and column", () => {
    const issues = issuesOf(
      [
        "notion:",
        "  parentPage: 2b1c6f0e4a8d4f579a430c2f1e9d7a11",
        "sites:",
        "  - key: A-1",
        "    name: A",
        "    unifi: { siteID: x }",
        "helth: {}",
      ].join("\n"),
    );
    expect(issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`)).toEqual([
      '6:14 sites[0].unifi.siteID: unknown key "siteID" (did you mean "siteId"?)',
      '7:1 helth: unknown key "helth" (did you mean "health"?)',
    ]);
  });

  it("names a wrong type with the path and the value's position", () => {
    const text = [
      "sites:",
      "  - key: A-1",
      "    name: A",
      "  - key: B-2",
      "    name: B",
      "  - key: C-3",
      "    name: C",
      "    unifi:",
      "      siteId: 42",
    ].join("\n");
    const error = (() => {
      try {
        parseConfig(text, "notion-ops.yml", options);
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error?.message).toBe("notion-ops.yml:9:15 sites[2].unifi.siteId: expected string, got number");
  });

  it("rejects weights that do not sum to 100, naming them and their sum", () => {
    const issues = issuesOf(
      "health:\n  weights: { deviceAvailability: 30, wifiQuality: 20, alerts: 20, backup: 15, configCompliance: 5 }\n",
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: "health.weights", line: 2, column: 12 });
    expect(issues[0]?.message).toContain("= 90");
    expect(issues[0]?.message).toContain("configCompliance 5");
  });

  it("rejects a duplicate site key, pointing at the second one", () => {
    const issues = issuesOf("sites:\n  - key: ACME-001\n    name: A\n  - key: acme-001\n    name: B\n");
    expect(issues).toEqual([
      {
        file: "notion-ops.yml",
        path: "sites[1].key",
        message: 'duplicate site key "acme-001" (already used by sites[0])',
        line: 4,
        column: 10,
      },
    ]);
  });

  it("reports malformed YAML with its position", () => {
    const issues = issuesOf("sites:\n  - key: A\n   name: [unclosed\n");
    expect(issues.map((i) => `${i.line}:${i.column} ${i.message}`)).toEqual([
      "3:1 invalid YAML: Sequence item without - indicator",
      "4:1 invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ]);
  });

  it("refuses a Notion token placed in the file and says where it belongs", () => {
    const issues = issuesOf(
      "notion:\n  parentPage: 2b1c6f0e4a8d4f579a430c2f1e9d7a11\n  token: ntn_abcdefghijklmnopqrstuvwxyz0123\n",
    );
    const tokenIssue = issues.find((i) => i.path === "notion.token" && i.message.includes("NOTION_TOKEN"));
    expect(tokenIssue).toMatchObject({ line: 3, column: 10 });
    expect(tokenIssue?.message).toContain("looks like a Notion token");
    expect(issues.some((i) => i.message.includes("ntn_abc"))).toBe(false);
  });

  it("reports every problem at once, in file order", () => {
    const issues = issuesOf(
      [
        "sources:",
        "  unifi: { mode: satellite }",
        "sites:",
        "  - key: 'bad key'",
        "    name: ''",
        "    contractRenewal: 03/01/2026",
        "changeLog:",
        "  paths: [{ glob: 'configs/**/{site}/x', tool: MikroTik }]",
      ].join("\n"),
    );
    expect(issues.map((i) => `${i.line} ${i.path}`)).toEqual([
      "2 sources.unifi.mode",
      "4 sites[0].key",
      "5 sites[0].name",
      "6 sites[0].contractRenewal",
      "8 changeLog.paths[0].glob",
    ]);
    expect(issues[0]?.message).toBe('must be one of "cloud", "local", "connector", got "satellite"');
    expect(issues[3]?.message).toBe("must be a date written YYYY-MM-DD");
  });

  it("rejects sources that no plugin provides", () => {
    const issues = issuesOf("sources:\n  meraki: {}\n");
    expect(issues[0]).toMatchObject({
      path: "sources.meraki",
      message: 'unknown key "meraki"',
      line: 2,
      column: 3,
    });
  });

  it("loads from disk and keeps the original text", async () => {
    const dir = await mkdtemp(join(tmpdir(), "notion-ops-config-"));
    const file = join(dir, "notion-ops.yml");
    const text = "# my comment\nsites: []\n";
    await writeFile(file, text);
    await expect(loadConfig(file, options)).resolves.toMatchObject({ file, text });
  });
});
