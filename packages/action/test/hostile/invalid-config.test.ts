import { chmod, mkdir, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { MB, repeatTo } from "./harness/hostile-values.js";
import { crashSigns } from "./harness/stored.js";
import { isolateNetwork, SUB_A, type VendorTraffic } from "./harness/vendors.js";
import { type CliResult, startWorkspace, type Workspace } from "./harness/workspace.js";

/**
 * Invalid configuration files and script manifests, generated: `config check`, `sync` and
 * `run-scripts` exit 2 with messages naming the key path (and the line and column), never crash,
 * and send nothing to Notion or to any vendor.
 */

let ws: Workspace;
let network: VendorTraffic;
const MANIFEST = "manifest.yml";
const MARKER = "script-ran.marker";

type Path = (string | number)[];
// biome-ignore lint/suspicious/noExplicitAny: configs are built and mutated as plain YAML data.
type Data = any;

function baseConfig(): Data {
  return {
    notion: { databases: structuredClone(ws.databases) },
    health: {
      weights: { deviceAvailability: 30, wifiQuality: 20, alerts: 20, backup: 15, configCompliance: 15 },
    },
    sources: { unifi: { mode: "cloud" }, ninjaone: { region: "eu" }, azure: { subscriptions: [SUB_A] } },
    sites: [
      {
        key: "ACME-001",
        name: "Acme Corp",
        state: "Alabama",
        unifi: { siteId: "s1" },
        ninjaone: { organizationId: 2 },
        contractRenewal: "2026-03-01",
        primaryContact: "Jane Doe",
      },
    ],
    changeLog: { paths: [{ glob: "configs/{site}/**", tool: "MikroTik" }] },
    runbooks: { dir: "runbooks" },
    scripts: { allowedDirs: ["scripts"], maxParallel: 3, defaultTimeout: 600 },
  };
}

function baseManifest(): Data {
  return {
    scripts: [
      {
        path: "scripts/marker.sh",
        args: ["--flag"],
        timeout: 60,
        env: ["HOME"],
        cooldown: "1h",
        allowForbidden: [],
      },
    ],
  };
}

beforeAll(async () => {
  network = isolateNetwork();
  ws = await startWorkspace();
  await mkdir(join(ws.dir, "scripts"));
  const script = join(ws.dir, "scripts", "marker.sh");
  await writeFile(script, `#!/usr/bin/env bash\ntouch "${join(ws.dir, MARKER)}"\n`);
  await chmod(script, 0o755);
});
afterAll(async () => {
  network.stop();
  await ws?.stop();
});

const env = { NOTION_TOKEN: undefined } as const;

async function check(text: string, extraEnv: Record<string, string | undefined> = env): Promise<CliResult> {
  await writeFile(ws.configFile, text);
  return ws.cli(["config", "check", "--json"], extraEnv);
}

async function markerExists(): Promise<boolean> {
  return stat(join(ws.dir, MARKER)).then(
    () => true,
    () => false,
  );
}

interface Issue {
  file: string;
  path: string;
  message: string;
  line?: number;
  column?: number;
}

/** What every refusal must look like: exit 2, a located, printable, bounded issue list, no crash. */
function expectRefused(result: CliResult): Issue[] {
  expect(crashSigns(result.stderr)).toEqual([]);
  expect(result.code).toBe(2);
  expect(result.json?.ok).toBe(false);
  const issues = (result.json?.error?.issues ?? []) as Issue[];
  expect(issues.length).toBeGreaterThan(0);
  for (const issue of issues) {
    expect(issue.file).toMatch(/notion-ops\.yml$|manifest\.yml$/);
    expect(issue.message.length).toBeGreaterThan(0);
    expect(issue.message.length).toBeLessThanOrEqual(600);
    expect(issue.path.length).toBeLessThanOrEqual(600);
    expect(`${issue.path}${issue.message}`).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(issue.line === undefined).toBe(issue.column === undefined);
  }
  // Every issue is on stderr, located: "file:line:col: path: message" (or "file: …" when unlocated).
  expect(result.stderr).toMatch(/error: (notion-ops|manifest)\.yml[:\d]*: /);
  expect(result.stderr.length).toBeLessThan(50_000);
  return issues;
}

/** sync and run-scripts refuse the same file before any request, to Notion or to a vendor. */
async function expectNothingSent(): Promise<void> {
  await writeFile(join(ws.dir, MANIFEST), stringify(baseManifest()));
  for (const argv of [
    ["sync", "--json"],
    ["run-scripts", "--manifest", MANIFEST, "--json"],
  ]) {
    const since = ws.mark();
    const result = await ws.cli(argv);
    expect(crashSigns(result.stderr)).toEqual([]);
    expect(result.code).toBe(2);
    expect(ws.requestsSince(since)).toEqual([]);
  }
  expect(network.unmatched).toEqual([]);
  expect(await markerExists()).toBe(false);
}

/** Every path to a value of `data` (objects and arrays included), deepest last. */
function paths(data: Data, prefix: Path = []): Path[] {
  if (data === null || typeof data !== "object") return [prefix];
  const children = Array.isArray(data)
    ? data.flatMap((item, i) => paths(item, [...prefix, i]))
    : Object.entries(data).flatMap(([key, value]) => paths(value, [...prefix, key]));
  return [prefix, ...children];
}

function getAt(data: Data, path: Path): Data {
  return path.reduce((node, part) => node?.[part], data);
}

function setAt(data: Data, path: Path, value: Data): Data {
  const copy = structuredClone(data);
  if (path.length === 0) return value;
  const parent = getAt(copy, path.slice(0, -1));
  parent[path.at(-1) as string] = value;
  return copy;
}

/** `["sites", 0, "unifi"]` → `sites[0].unifi`, as issues name paths. */
function formatPath(path: Path): string {
  return path.reduce<string>(
    (out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    "",
  );
}

describe("the valid baseline", () => {
  it("passes config check and a dry run of the manifest (so every refusal below is the mutation's doing)", async () => {
    const result = await check(stringify(baseConfig()));
    expect(result.code).toBe(0);
    await writeFile(join(ws.dir, MANIFEST), stringify(baseManifest()));
    const dry = await ws.cli(["run-scripts", "--manifest", MANIFEST, "--dry-run", "--json"]);
    expect(dry.code).toBe(0);
    expect(await markerExists()).toBe(false);
  });
});

describe("generated invalid configs", () => {
  const yamlish = fc.string({
    unit: fc.constantFrom(
      ..."abcnotiswe:-[]{},#&*!|>'\"%@`?\n\n  \t0123456789.\u0000\u00e9漢🎉\uD800".split(""),
      "notion:",
      "sites:",
      "- key: ",
      "health:\n  weights:\n",
      "  ",
      "&a [*a, *a]",
      "<<: *a",
      "!!binary ",
      "---\n",
      "...\n",
    ),
    maxLength: 120,
  });

  it("arbitrary YAML-ish text: exit 0 or a located exit 2, never a crash; refused text sends nothing", async () => {
    await fc.assert(
      fc.asyncProperty(yamlish, async (text) => {
        const result = await check(text);
        expect(crashSigns(result.stderr)).toEqual([]);
        expect([0, 2]).toContain(result.code);
        if (result.code === 2) {
          expectRefused(result);
          await expectNothingSent();
        }
      }),
      { numRuns: 120, seed: 42 },
    );
  });

  const leaf = (data: Data) => fc.constantFrom(...paths(data).filter((p) => p.length > 0));
  const objectPaths = (data: Data) =>
    fc.constantFrom(
      ...paths(data).filter((p) => {
        const v = getAt(data, p);
        return v !== null && typeof v === "object" && !Array.isArray(v);
      }),
    );

  const mutations = (base: Data) =>
    fc.oneof(
      // An unknown key (a typo, or junk) in any mapping.
      fc
        .tuple(objectPaths(base), fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }), fc.anything())
        .filter(([path, key]) => getAt(base, path)?.[key] === undefined && key !== "__proto__")
        .map(([path, key, value]) => ({
          what: `unknown key ${JSON.stringify(key)} under ${formatPath(path) || "(root)"}`,
          data: setAt(base, [...path, key], value ?? "x"),
          at: formatPath(path),
        })),
      // A value of the wrong type anywhere.
      fc
        .tuple(leaf(base), fc.constantFrom<Data>({ bogus: [1] }, [[1, 2]], 12345, true, "not-this", null))
        .filter(([path, value]) => {
          const old = getAt(base, path);
          const kind = (v: Data) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
          // A number where a duration or id string may go would be valid; keep real type errors.
          if (kind(old) === kind(value)) return false;
          if (typeof value === "string" && ["defaultTimeout", "cooldown"].includes(String(path.at(-1))))
            return false;
          return !(typeof old === "string" && typeof value === "number" && path.includes("unifi"));
        })
        .map(([path, value]) => ({
          what: `${formatPath(path)} = ${JSON.stringify(value)}`,
          data: setAt(base, path, value),
          at: formatPath(path.filter((p) => typeof p === "string" || typeof p === "number")),
        })),
      // Health weights that are not non-negative integers summing to 100.
      fc
        .array(fc.oneof(fc.integer({ min: -50, max: 150 }), fc.double({ noNaN: true }), fc.string()), {
          minLength: 5,
          maxLength: 5,
        })
        .filter(
          (w) =>
            !(
              w.every((x) => Number.isInteger(x) && (x as number) >= 0) &&
              w.reduce<number>((s, x) => s + Number(x), 0) === 100
            ),
        )
        .map((w) => ({
          what: `weights ${JSON.stringify(w)}`,
          data: setAt(base, ["health", "weights"], {
            deviceAvailability: w[0],
            wifiQuality: w[1],
            alerts: w[2],
            backup: w[3],
            configCompliance: w[4],
          }),
          at: "health.weights",
        })),
      // Huge values where the value is bounded (ids, keys, counts, durations, dates, names).
      fc
        .constantFrom<[Path, Data]>(
          [["sites", 0, "key"], repeatTo("K", MB)],
          [["sites", 0, "name"], repeatTo("N", MB)],
          [["sites", 0, "primaryContact"], repeatTo("P", MB)],
          [["sites", 0, "state"], repeatTo("S", 10_000)],
          [["sites", 0, "contractRenewal"], repeatTo("2", MB)],
          [["notion", "databases", "customerSites", "databaseId"], repeatTo("a", MB)],
          [["scripts", "maxParallel"], 1e300],
          [["scripts", "defaultTimeout"], 1e300],
          [["health", "weights", "alerts"], 1e300],
          [["changeLog", "paths", 0, "tool"], repeatTo("T", MB)],
        )
        .map(([path, value]) => ({
          what: `huge ${formatPath(path)}`,
          data: setAt(base, path, value),
          at: formatPath(path),
        })),
      // Control characters in keys and ids.
      fc
        .tuple(
          fc.constantFrom<Path>(
            ["sites", 0, "key"],
            ["sources", "unifi", "mode"],
            ["notion", "databases", "dailyHealth", "dataSourceId"],
          ),
          fc.constantFrom("\u0000", "\u001b[31m", "\r\n", "\u0007", "\u202E", "\u0085"),
        )
        .map(([path, control]) => ({
          what: `control ${JSON.stringify(control)} in ${formatPath(path)}`,
          data: setAt(base, path, `${getAt(base, path)}${control}x`),
          at: formatPath(path),
        })),
      // A token pasted into the file, anywhere a string goes.
      fc
        .tuple(
          fc.constantFrom(...paths(base).filter((p) => typeof getAt(base, p) === "string")),
          fc.constantFrom("ntn_", "secret_"),
          fc.stringMatching(/^[A-Za-z0-9]{30,45}$/),
        )
        .map(([path, prefix, body]) => ({
          what: `token in ${formatPath(path)}`,
          data: setAt(base, path, `${prefix}${body}`),
          at: formatPath(path),
          token: `${prefix}${body}`,
        })),
    );

  it("structured mutations of a valid config: exit 2 naming the path with line and column; nothing sent", async () => {
    const base = baseConfig();
    await fc.assert(
      fc.asyncProperty(mutations(base), async (mutation) => {
        const result = await check(stringify(mutation.data));
        const issues = expectRefused(result);
        const located = issues.filter((i) => i.path === mutation.at || i.path.startsWith(mutation.at));
        expect(located.length, `${mutation.what}: ${JSON.stringify(issues).slice(0, 500)}`).toBeGreaterThan(
          0,
        );
        expect(located.some((i) => i.line !== undefined)).toBe(true);
        if ("token" in mutation) {
          expect(result.stdout + result.stderr).not.toContain(mutation.token);
          expect(located.some((i) => i.message.includes("looks like a Notion token"))).toBe(true);
        }
        await expectNothingSent();
      }),
      { numRuns: 80, seed: 7 },
    );
  });

  const textCases: [string, () => string, RegExp][] = [
    [
      "a duplicate key",
      () => stringify(baseConfig()).replace("sites:\n", "sites: []\nsites:\n"),
      /invalid YAML: Map keys must be unique/,
    ],
    [
      "a duplicate key inside a site",
      () =>
        stringify(baseConfig()).replace("    name: Acme Corp\n", "    name: Acme Corp\n    name: Again\n"),
      /invalid YAML: Map keys must be unique/,
    ],
    [
      "an alias bomb (billion laughs)",
      () =>
        [
          'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
          "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
          "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
          "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
          "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
          "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
          "sites: *f",
        ].join("\n"),
      /invalid YAML: .*alias/i,
    ],
    ["10,000 nested sequences", () => `sites: ${"[".repeat(10_000)}${"]".repeat(10_000)}`, /./],
    ["a tab-indented mapping", () => "notion:\n\tdatabases: {}\n", /invalid YAML/],
    [
      "binary garbage",
      () => Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256)).toString("latin1"),
      /./,
    ],
    ["a document that is a list", () => "- a\n- b\n", /expected object, got array/],
    ["a document that is a string", () => "just words\n", /expected object, got string/],
    ["two documents", () => "sites: []\n---\nsites: []\n", /invalid YAML/],
  ];
  for (const [name, text, expected] of textCases) {
    it(`${name}: exit 2 with a located message; nothing sent`, async () => {
      const result = await check(text());
      const issues = expectRefused(result);
      expect(issues.map((i) => `${i.path}: ${i.message}`).join("\n")).toMatch(expected);
      await expectNothingSent();
    });
  }

  it("a token where another check quotes the value (an enum) is named, never quoted", async () => {
    const token = "ntn_PastedIntoTheFileNotTheEnv7Hq2ZpX9vR4sT1uW";
    for (const path of [
      ["sources", "unifi", "mode"],
      ["sources", "ninjaone", "region"],
      ["changeLog", "paths", 0, "glob"],
    ] as Path[]) {
      const result = await check(stringify(setAt(baseConfig(), path, token)));
      const issues = expectRefused(result);
      expect(issues.filter((i) => i.path === formatPath(path)).length).toBeGreaterThan(0);
      expect(result.stdout + result.stderr).not.toContain(token);
    }
  });

  it("the environment's own token pasted into the file is named and never shown", async () => {
    const result = await check(
      stringify(setAt(baseConfig(), ["sources", "unifi", "mode"], ws.env.NOTION_TOKEN)),
      { NOTION_TOKEN: ws.env.NOTION_TOKEN },
    );
    const issues = expectRefused(result);
    expect(issues.map((i) => i.path)).toContain("sources.unifi.mode");
    expect(result.stdout + result.stderr).not.toContain(ws.env.NOTION_TOKEN);
  });

  it("a missing or unreadable file is exit 2 naming the file", async () => {
    await rm(ws.configFile);
    const missing = await ws.cli(["sync", "--json"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("notion-ops.yml: file not found");
    await mkdir(ws.configFile);
    const directory = await ws.cli(["config", "check"]);
    expect(directory.code).toBe(2);
    expect(directory.stderr).toContain("notion-ops.yml: cannot be read (EISDIR)");
    await rm(ws.configFile, { recursive: true });
  });
});

describe("generated invalid script manifests", () => {
  beforeAll(async () => {
    await writeFile(ws.configFile, stringify(baseConfig()));
  });

  async function runScripts(manifest: string): Promise<CliResult> {
    await writeFile(join(ws.dir, MANIFEST), manifest);
    const since = ws.mark();
    const result = await ws.cli(["run-scripts", "--manifest", MANIFEST, "--json"]);
    if (result.code === 2) expect(ws.requestsSince(since)).toEqual([]);
    return result;
  }

  const entry = ["scripts", 0] as Path;
  const manifestMutations = fc.oneof(
    fc
      .tuple(
        fc.constantFrom<Path>([], entry),
        fc
          .string({ minLength: 1, maxLength: 20 })
          .filter((k) => !(k in baseManifest().scripts[0]) && k !== "scripts" && k !== "__proto__"),
      )
      .map(([path, key]) => ({ data: setAt(baseManifest(), [...path, key], 1), at: formatPath(path) })),
    fc
      .constantFrom<[Path, Data]>(
        [[...entry, "args"], 5],
        [
          [...entry, "args"],
          [1, true],
        ],
        [[...entry, "args"], ["ok\u0000nul"]],
        [[...entry, "timeout"], { minutes: 5 }],
        [[...entry, "timeout"], "forever"],
        [[...entry, "timeout"], -5],
        [[...entry, "timeout"], 1e300],
        [[...entry, "cooldown"], "-1h"],
        [[...entry, "env"], "HOME"],
        [
          [...entry, "env"],
          ["1BAD", "ok"],
        ],
        [[...entry, "env"], ["A B"]],
        [[...entry, "allowForbidden"], ["no-such-rule"]],
        [[...entry, "path"], 5],
        [[...entry, "path"], ""],
        [[...entry, "path"], "/etc/passwd"],
        [[...entry, "path"], "../outside.sh"],
        [[...entry, "path"], "scripts/../../outside.sh"],
        [[...entry, "path"], "scripts/missing.sh"],
        [[...entry, "path"], "scripts/marker.sh\u0000.txt"],
        [[...entry, "path"], `scripts/${repeatTo("p", MB)}.sh`],
        [[...entry, "name"], ""],
        [["scripts"], "scripts/marker.sh"],
        [["scripts"], { path: "scripts/marker.sh" }],
        [["scripts", 1], null],
      )
      .map(([path, value]) => ({ data: setAt(baseManifest(), path, value), at: formatPath(path) })),
  );

  it("structured mutations of a valid manifest: exit 2 naming scripts[i].field with line and column; nothing runs or is sent", async () => {
    await fc.assert(
      fc.asyncProperty(manifestMutations, async (mutation) => {
        const result = await runScripts(stringify(mutation.data));
        const issues = expectRefused(result);
        const located = issues.filter((i) => i.path.startsWith(mutation.at));
        expect(located.length, `${mutation.at}: ${JSON.stringify(issues).slice(0, 400)}`).toBeGreaterThan(0);
        expect(located.some((i) => i.line !== undefined)).toBe(true);
        expect(await markerExists()).toBe(false);
        expect(network.unmatched).toEqual([]);
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it("arbitrary YAML-ish manifests: a located exit 2 or a valid manifest, never a crash, never a script run when refused", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom(..."scripts:path-[]{}, \n#&*!|>'\"ab0".split("")), maxLength: 80 }),
        async (text) => {
          const result = await runScripts(text);
          expect(crashSigns(result.stderr)).toEqual([]);
          if (result.code === 2) {
            expectRefused(result);
            expect(await markerExists()).toBe(false);
          }
        },
      ),
      { numRuns: 80, seed: 3 },
    );
  });

  it("an alias bomb and duplicate keys in a manifest are refused with a position", async () => {
    const bomb = await runScripts(
      [
        'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]",
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]",
        "scripts: *c",
      ].join("\n"),
    );
    expect(expectRefused(bomb)[0]?.message).toMatch(/invalid YAML/);
    const duplicate = await runScripts(
      "scripts:\n  - path: scripts/marker.sh\n    path: scripts/marker.sh\n",
    );
    expect(expectRefused(duplicate)[0]).toMatchObject({ line: 3, message: expect.stringMatching(/unique/) });
    expect(await markerExists()).toBe(false);
  });
});
