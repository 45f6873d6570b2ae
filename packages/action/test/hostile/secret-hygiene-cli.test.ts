import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ScriptedFault } from "@notion-ops/notion-emulator";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { echoReply } from "./harness/echo.js";
import { findLeaks, SECRETS } from "./harness/secrets.js";
import { crashSigns } from "./harness/stored.js";
import {
  ARG_PATH,
  ARM,
  ENTRA,
  HOST_A,
  isolateNetwork,
  NINJAONE,
  SUB_A,
  UNIFI,
  type VendorTraffic,
} from "./harness/vendors.js";
import {
  type CliResult,
  startWorkspace,
  storedRecords,
  VENDOR_ENV,
  type Workspace,
} from "./harness/workspace.js";

/**
 * Every command, with --verbose, while Notion fails in every way it can (5xx, HTML 502, 429/529
 * with Retry-After, dropped connections) and the vendors fail with bodies that echo the request:
 * no secret, in any encoding, reaches stdout, stderr, or anything stored in Notion.
 */

let ws: Workspace;
let network: VendorTraffic;
const WRONG_TOKEN = "ntn_WrongButStillSecretToken7Hq2ZpX9vR4sT1uW3";
const ALL_SECRETS = { ...SECRETS, WRONG_TOKEN } as unknown as typeof SECRETS;

const FAULT_ROTATION: ScriptedFault["kind"][] = [
  "internal_server_error",
  "rate_limited",
  "connection_reset",
  "bad_gateway_html",
  "service_unavailable",
  "service_overload",
  "gateway_timeout",
  "conflict_error",
];
let rotation = 0;

/** Three Notion faults, different for each command, served to its first requests. */
function queueNotionFaults(): string[] {
  const kinds = [0, 1, 2].map(() => FAULT_ROTATION[rotation++ % FAULT_ROTATION.length]!);
  ws.emulator.queueFaults(...kinds.map((kind) => ({ kind, count: 1, retryAfterSeconds: 1 })));
  return kinds;
}

const GITHUB_REPO = "acme/net-configs";

beforeAll(async () => {
  network = isolateNetwork();
  ws = await startWorkspace({ seed: 31 });
  await ws.writeConfig(
    [
      "sources:",
      "  unifi: { mode: cloud }",
      "  ninjaone: { region: eu, openTickets: false }",
      `  azure: { subscriptions: ["${SUB_A}"] }`,
      "sites:",
      "  - { key: ACME-001, name: Acme Corp, unifi: { siteId: acme-site-1 } }",
      "changeLog:",
      "  paths:",
      '    - { glob: "configs/{site}/**", tool: MikroTik }',
      "",
    ].join("\n"),
  );
  await mkdir(join(ws.dir, "scripts"));
  const leaky = join(ws.dir, "scripts", "leaky.mjs");
  await writeFile(
    leaky,
    [
      "// Prints every secret it was given, in every encoding, then fails (so its output tail is kept).",
      "const names = ['NOTION_TOKEN', 'UNIFI_API_KEY', 'NINJAONE_CLIENT_SECRET', 'AZURE_CLIENT_SECRET', 'GITHUB_TOKEN'];",
      "for (const name of names) {",
      "  const value = process.env[name] ?? '';",
      "  console.log(name + '=' + value);",
      "  console.log('url=' + encodeURIComponent(value) + ' form=' + new URLSearchParams({ v: value }));",
      "  const b64 = (text) => Buffer.from(text).toString('base64');",
      "  console.log('b64=' + b64(value) + ' b64url=' + Buffer.from(value).toString('base64url'));",
      "  console.error('Authorization: Basic ' + b64('user:' + value));",
      "  console.error(JSON.stringify({ token: value }));",
      "}",
      "process.exit(3);",
      "",
    ].join("\n"),
  );
  const shell = join(ws.dir, "scripts", "leaky.sh");
  await writeFile(
    shell,
    '#!/usr/bin/env bash\necho "token=$NOTION_TOKEN"\nprintf %s "$GITHUB_TOKEN" | base64\nexit 1\n',
  );
  await chmod(shell, 0o755);
  await writeFile(
    join(ws.dir, "manifest.yml"),
    [
      "scripts:",
      "  - path: scripts/leaky.mjs",
      "    env: [NOTION_TOKEN, UNIFI_API_KEY, NINJAONE_CLIENT_SECRET, AZURE_CLIENT_SECRET, GITHUB_TOKEN]",
      "  - path: scripts/leaky.sh",
      "    env: [NOTION_TOKEN, GITHUB_TOKEN]",
      "",
    ].join("\n"),
  );
});
afterEach(() => nock.cleanAll());
afterAll(async () => {
  network.stop();
  await ws?.stop();
});

const outputs: { command: string; result: CliResult }[] = [];

async function command(argv: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const result = await ws.cli([...argv, "--verbose", "--json"], {
    GITHUB_TOKEN: SECRETS.GITHUB_TOKEN,
    ...env,
  });
  outputs.push({ command: argv.join(" "), result });
  expect(crashSigns(result.stderr), result.stderr.slice(-3000)).toEqual([]);
  const leaks = findLeaks(
    {
      stdout: result.stdout,
      stderr: result.stderr,
      notion: JSON.stringify(storedRecords(ws)),
      workspace: JSON.stringify(ws.emulator.snapshot()),
    },
    ALL_SECRETS,
  );
  expect(leaks, JSON.stringify(leaks, null, 2)).toEqual([]);
  expect(ws.emulator.internalErrors()).toEqual([]);
  return result;
}

/** Every vendor fails, each echoing the request that carried its secret. */
function vendorsEchoing(status: { unifi: number; ninjaone: number; entra: number }): void {
  nock(UNIFI)
    .persist()
    .get(/.*/)
    .reply(
      echoReply(status.unifi, (m) => ({
        code: "ERR",
        httpStatusCode: status.unifi,
        message: m,
        traceId: "t1",
      })),
    );
  nock(NINJAONE)
    .persist()
    .post("/ws/oauth/token")
    .reply(echoReply(status.ninjaone, (m) => ({ error: "invalid_client", error_description: m })));
  nock(NINJAONE)
    .persist()
    .get(/.*/)
    .reply(echoReply(status.ninjaone, (m) => ({ resultCode: "FAILURE", errorMessage: m })));
  nock(ENTRA)
    .persist()
    .post(`/${VENDOR_ENV.AZURE_TENANT_ID}/oauth2/v2.0/token`)
    .query(true)
    .reply(
      echoReply(status.entra, (m) => ({
        error: "invalid_client",
        error_description: `AADSTS7000215: Invalid client secret provided. ${m}`,
        error_codes: [7000215],
      })),
    );
  nock(ARM).persist().post(ARG_PATH).query(true).reply(echoReply(500));
}

/** The vendors answer, but some endpoints fail echoing, and one record's data reflects a secret. */
function vendorsPartlyEchoing(): void {
  const unifi = nock(UNIFI, { reqheaders: { "x-api-key": VENDOR_ENV.UNIFI_API_KEY } }).persist();
  const envelope = (data: unknown[]) => ({ data, httpStatusCode: 200, traceId: "t2" });
  unifi
    .get("/v1/sites")
    .query(true)
    .reply(200, envelope([{ siteId: "acme-site-1", hostId: HOST_A, meta: { desc: "Acme Corp" } }]));
  unifi
    .get("/v1/hosts")
    .query(true)
    .reply(echoReply(403, (m) => ({ code: "FORBIDDEN", message: m })));
  unifi
    .get("/v1/sd-wan-configs")
    .query(true)
    .reply(echoReply(429, (m) => ({ code: "RATE", message: m })));
  unifi
    .get("/v1/devices")
    .query(true)
    .reply(
      200,
      envelope([{ hostId: HOST_A, devices: [{ id: "AC0001", name: "Gateway", status: "online" }] }]),
    );
  nock(NINJAONE).persist().post("/ws/oauth/token").reply(200, {
    access_token: "eyJhbGciOiJSUzI1NiJ9.partly-echoing-token",
    token_type: "Bearer",
    expires_in: 3600,
  });
  const ninja = nock(NINJAONE).persist();
  ninja
    .get("/v2/organizations")
    .query(true)
    .reply(200, [{ id: 2, name: "Acme Corp" }]);
  ninja.get("/v2/devices-detailed").query(true).reply(200, []);
  ninja
    .get("/v2/queries/device-health")
    .query(true)
    .reply(echoReply(400, (m) => ({ errorMessage: m })));
  ninja.get("/v2/alerts").reply(echoReply(403, (m) => ({ errorMessage: m })));
  ninja
    .get("/v2/backup/jobs")
    .query(true)
    .reply(echoReply(500, (m) => ({ errorMessage: m })));
  nock(ENTRA).persist().post(`/${VENDOR_ENV.AZURE_TENANT_ID}/oauth2/v2.0/token`).query(true).reply(200, {
    token_type: "Bearer",
    expires_in: 3599,
    access_token: "eyJ0eXAiOiJKV1QifQ.partly-arm-token",
  });
  nock(ARM)
    .persist()
    .post(ARG_PATH)
    .query(true)
    .reply(echoReply(403, (m) => ({ error: { code: "AuthorizationFailed", message: m } })));
}

describe("secret hygiene in CLI mode (run())", () => {
  it("setup and doctor under Notion faults", async () => {
    queueNotionFaults();
    expect((await command(["setup"])).code).toBe(0);
    queueNotionFaults();
    expect((await command(["doctor"])).code).toBe(0);
  });

  it("doctor with a rejected token (401) names the problem, not the token", async () => {
    const result = await command(["doctor"], { NOTION_TOKEN: WRONG_TOKEN });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/token/i);
  });

  it("sync while every vendor fails echoing its credentials, and Notion faults", async () => {
    vendorsEchoing({ unifi: 401, ninjaone: 401, entra: 401 });
    queueNotionFaults();
    const result = await command(["sync"]);
    expect(result.code).toBe(1);
    expect(result.json?.sourceFailures.map((f: { source: string }) => f.source).sort()).toEqual([
      "azure",
      "ninjaone",
      "unifi",
    ]);
    // The echoes did reach the messages, masked.
    expect(result.stderr).toContain("***");
  });

  it("sync while vendors answer but some endpoints fail echoing (retried 429s, 4xx, 5xx), and Notion faults", async () => {
    vendorsPartlyEchoing();
    queueNotionFaults();
    const result = await command(["sync"]);
    expect([0, 1]).toContain(result.code);
    expect(result.stderr).toContain("***");
    queueNotionFaults();
    vendorsPartlyEchoing();
    await command(["sync", "--dry-run"]);
  });

  it("log-changes reading the GitHub API, which fails echoing the workflow token", async () => {
    nock("https://api.github.com")
      .persist()
      .get(/.*/)
      .reply(
        echoReply(401, (m) => ({
          message: `Bad credentials ${m}`,
          documentation_url: "https://docs.github.com/rest",
        })),
      );
    const event = join(ws.dir, "event.json");
    await writeFile(
      event,
      JSON.stringify({
        ref: "refs/heads/main",
        before: "1".repeat(40),
        after: "2".repeat(40),
        repository: { full_name: GITHUB_REPO, default_branch: "main" },
        // No added/modified/removed: the files come from the API.
        commits: [{ id: "3".repeat(40), message: "update", timestamp: "2026-03-01T10:00:00Z" }],
      }),
    );
    queueNotionFaults();
    const result = await command(["log-changes", "--event", event], { GITHUB_REPOSITORY: GITHUB_REPO });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("github: reading commit");
    expect(result.stderr).toContain("***");
  });

  it("log-changes and log-change writing under Notion faults", async () => {
    const event = join(ws.dir, "event-files.json");
    await writeFile(
      event,
      JSON.stringify({
        ref: "refs/heads/main",
        before: "4".repeat(40),
        after: "5".repeat(40),
        repository: { full_name: GITHUB_REPO, default_branch: "main" },
        commits: [
          {
            id: "6".repeat(40),
            message: `rotate key ${SECRETS.UNIFI_API_KEY.length} chars`,
            timestamp: "2026-03-01T10:00:00Z",
            modified: ["configs/ACME-001/router.rsc"],
          },
        ],
      }),
    );
    queueNotionFaults();
    expect((await command(["log-changes", "--event", event])).code).toBe(0);
    queueNotionFaults();
    const manual = await command([
      "log-change",
      "--site",
      "ACME-001",
      "--tool",
      "MikroTik",
      "--action",
      "rotated keys",
    ]);
    expect(manual.code).toBe(0);
  });

  it("run-scripts whose scripts print every secret in every encoding, and fail (handoff pages keep the output tail)", async () => {
    queueNotionFaults();
    const result = await command(["run-scripts", "--manifest", "manifest.yml"]);
    expect(result.code).toBe(1);
    expect(result.json?.scripts.map((s: { status: string }) => s.status)).toEqual(["failed", "failed"]);
    // The failed runs' pages hold the (masked) output tail.
    const bodies = JSON.stringify(
      storedRecords(ws)
        .filter((r) => r.key === "scriptRuns")
        .map((r) => r.body),
    );
    expect(bodies).toContain("NOTION_TOKEN=***");
    expect(bodies).toContain("Authorization: Basic ");
  });

  it("config check, --help and --version", async () => {
    await command(["config", "check"]);
    await command(["sync", "--help"]);
    await command(["--version"]);
  });

  it("ran every command", () => {
    const ran = new Set(outputs.map((o) => o.command.split(" ")[0]));
    for (const name of ["setup", "doctor", "sync", "log-changes", "log-change", "run-scripts", "config"]) {
      expect(ran).toContain(name);
    }
  });
});
