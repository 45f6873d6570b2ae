import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ScriptedFault } from "@notion-ops/notion-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ActionRun, runBundledAction, workflowCommands } from "./harness/bundled-action.js";
import { type EchoServer, startEchoServer } from "./harness/echo.js";
import { findLeaks, SECRETS } from "./harness/secrets.js";
import { crashSigns } from "./harness/stored.js";
import { HOST_A, SUB_A } from "./harness/vendors.js";
import { startWorkspace, storedRecords, VENDOR_ENV, type Workspace } from "./harness/workspace.js";

/**
 * The bundled Action (dist/index.js) in a child process, fed the way the runner feeds it: every
 * command with verbose on, Notion faulting, and loopback vendors, GitHub's OIDC endpoint and
 * GitHub's API failing with bodies that echo the credentials they were sent. No secret, in any
 * encoding, reaches the log (apart from the ::add-mask:: lines that hand it to the runner), the
 * step outputs, the job summary or Notion; and no vendor text becomes a workflow command.
 */

const OIDC_REQUEST_TOKEN = "ghoidc_HostileSuiteRequestToken5Kq8Zr2Lm7Wv";
const ALL_SECRETS = {
  ...SECRETS,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: OIDC_REQUEST_TOKEN,
} as unknown as typeof SECRETS;
/** A vendor value that would be a workflow command if it were printed at the start of a line. */
const FORGED = "::error title=forged::pwned";

let ws: Workspace;
let unifi: EchoServer;
let ninjaone: EchoServer;
let github: EchoServer;
const runs: { command: string; run: ActionRun }[] = [];

const FAULTS: ScriptedFault["kind"][] = [
  "service_unavailable",
  "bad_gateway_html",
  "rate_limited",
  "connection_reset",
  "internal_server_error",
  "service_overload",
];
let rotation = 0;

beforeAll(async () => {
  ws = await startWorkspace({ seed: 47 });
  const envelope = (data: unknown[]) => ({ data, httpStatusCode: 200, traceId: "t3" });
  unifi = await startEchoServer((path) => {
    if (path === "/v1/sites")
      return {
        status: 200,
        body: () =>
          envelope([{ siteId: "forged-site", hostId: HOST_A, meta: { desc: `${FORGED} ##[error]legacy` } }]),
      };
    if (path === "/v1/devices") return { status: 200, body: () => envelope([]) };
    return { status: 403, body: (m) => ({ code: "FORBIDDEN", message: `${m}\n${FORGED}`, traceId: "t4" }) };
  });
  ninjaone = await startEchoServer(() => ({
    status: 401,
    body: (m) => ({ error: "invalid_client", error_description: `${m}\n::stop-commands::pwn\n${FORGED}` }),
  }));
  github = await startEchoServer((path) =>
    path.startsWith("/oidc")
      ? { status: 500, body: (m) => ({ message: `OIDC down ${m}` }) }
      : { status: 401, body: (m) => ({ message: `Bad credentials ${m}` }) },
  );
  await ws.writeConfig(
    [
      "sources:",
      "  unifi: { mode: cloud }",
      "  ninjaone: { region: eu, openTickets: false }",
      `  azure: { subscriptions: ["${SUB_A}"] }`,
      "sites:",
      "  - { key: ACME-001, name: Acme Corp }",
      "changeLog:",
      "  paths:",
      '    - { glob: "configs/{site}/**", tool: MikroTik }',
      "",
    ].join("\n"),
  );
  await mkdir(join(ws.dir, "scripts"));
  const script = join(ws.dir, "scripts", "leaky.sh");
  await writeFile(
    script,
    [
      "#!/usr/bin/env bash",
      'for v in "$NOTION_TOKEN" "$UNIFI_API_KEY" "$NINJAONE_CLIENT_SECRET" "$GITHUB_TOKEN"; do',
      '  echo "raw=$v"',
      '  printf %s "$v" | base64',
      '  printf "user:%s" "$v" | base64 -w0; echo',
      "done",
      `echo "${FORGED}"`,
      "exit 4",
      "",
    ].join("\n"),
  );
  await chmod(script, 0o755);
});
afterAll(async () => {
  await Promise.all([unifi?.close(), ninjaone?.close(), github?.close()]);
  await ws?.stop();
});

async function action(
  command: string,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
) {
  const kinds = [FAULTS[rotation++ % FAULTS.length]!, FAULTS[rotation++ % FAULTS.length]!];
  ws.emulator.queueFaults(...kinds.map((kind) => ({ kind, count: 1, retryAfterSeconds: 1 })));
  const run = await runBundledAction({
    workspace: ws.dir,
    inputs: {
      command,
      verbose: "true",
      "notion-token": SECRETS.NOTION_TOKEN,
      "notion-base-url": String(ws.env.NOTION_BASE_URL),
      "rate-limit": "1000",
      "unifi-api-key": SECRETS.UNIFI_API_KEY,
      "unifi-base-url": unifi.url,
      "ninjaone-client-id": VENDOR_ENV.NINJAONE_CLIENT_ID,
      "ninjaone-client-secret": SECRETS.NINJAONE_CLIENT_SECRET,
      "ninjaone-base-url": ninjaone.url,
      "azure-tenant-id": VENDOR_ENV.AZURE_TENANT_ID,
      "azure-client-id": VENDOR_ENV.AZURE_CLIENT_ID,
      "github-token": SECRETS.GITHUB_TOKEN,
      ...inputs,
    },
    env: {
      // Ignored in Actions (OIDC is used), but present in the environment and masked.
      AZURE_CLIENT_SECRET: SECRETS.AZURE_CLIENT_SECRET,
      ACTIONS_ID_TOKEN_REQUEST_URL: `${github.url}/oidc/token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: OIDC_REQUEST_TOKEN,
      GITHUB_REPOSITORY: "acme/net-configs",
      GITHUB_API_URL: github.url,
      GITHUB_RUN_ID: String(700_000 + rotation),
      ...env,
    },
  });
  runs.push({ command, run });
  const log = run.stdout
    .split("\n")
    .filter((line) => !line.startsWith("::add-mask::"))
    .join("\n");
  expect(crashSigns(log + run.stderr), (log + run.stderr).slice(-3000)).toEqual([]);
  const leaks = findLeaks(
    {
      log,
      stderr: run.stderr,
      outputs: run.outputs,
      summary: run.summary,
      notion: JSON.stringify(storedRecords(ws)),
      workspace: JSON.stringify(ws.emulator.snapshot()),
    },
    ALL_SECRETS,
  );
  expect(leaks, JSON.stringify(leaks, null, 2)).toEqual([]);
  // Each input secret was handed to the runner for masking.
  for (const secret of [
    SECRETS.NOTION_TOKEN,
    SECRETS.UNIFI_API_KEY,
    SECRETS.NINJAONE_CLIENT_SECRET,
    SECRETS.GITHUB_TOKEN,
  ])
    expect(run.stdout).toContain(`::add-mask::${secret}`);
  // Vendor and script text never becomes a workflow command.
  // (Annotations that quote it, escaped by @actions/core, are data, not commands.)
  const forged = workflowCommands(run.stdout).filter(
    (c) =>
      c.line.startsWith(FORGED) ||
      c.line.startsWith("::stop-commands::pwn") ||
      (!c.line.startsWith("::") && c.line.includes("##[error]legacy")),
  );
  expect(forged).toEqual([]);
  expect(ws.emulator.internalErrors()).toEqual([]);
  return run;
}

describe("secret hygiene of the bundled Action", () => {
  it("setup and doctor", async () => {
    expect((await action("setup")).code).toBe(0);
    expect((await action("doctor")).code).toBe(0);
  });

  it("sync with every vendor failing or echoing (and a site named like a workflow command)", async () => {
    const run = await action("sync");
    expect(run.code).toBe(1);
    expect(run.summary).toContain("Failures");
    expect(run.summary).toContain("***");
    // The forged site name is in the summary as text, and in the log only inside a stop-commands fence.
    expect(run.summary).toContain(`${FORGED} ##[error]legacy`);
    expect(run.stdout).toMatch(/::stop-commands::[0-9a-f-]{36}/);
    const result = JSON.parse(/result<<(\S+)\n([\s\S]*?)\n\1/.exec(run.outputs)?.[2] ?? "{}");
    expect(result.sourceFailures.map((f: { source: string }) => f.source).sort()).toEqual([
      "azure",
      "ninjaone",
    ]);
  });

  it("log-changes (files from the GitHub API, which fails echoing the token) and log-change", async () => {
    const event = join(ws.dir, "event.json");
    await writeFile(
      event,
      JSON.stringify({
        ref: "refs/heads/main",
        before: "7".repeat(40),
        after: "8".repeat(40),
        repository: { full_name: "acme/net-configs", default_branch: "main" },
        commits: [{ id: "9".repeat(40), message: "update", timestamp: "2026-03-01T10:00:00Z" }],
      }),
    );
    const changes = await action("log-changes", {}, { GITHUB_EVENT_PATH: event });
    expect(changes.code).toBe(1);
    expect(changes.stdout).toContain("github: reading commit");
    const change = await action("log-change", {
      site: "ACME-001",
      tool: "MikroTik",
      "change-action": "rotated keys",
    });
    expect(change.code).toBe(0);
  });

  it("run-scripts from the inline scripts input, the script printing every secret", async () => {
    const run = await action("run-scripts", {
      scripts:
        "- path: scripts/leaky.sh\n  env: [NOTION_TOKEN, UNIFI_API_KEY, NINJAONE_CLIENT_SECRET, GITHUB_TOKEN]\n",
    });
    expect(run.code).toBe(1);
    const bodies = JSON.stringify(
      storedRecords(ws)
        .filter((r) => r.key === "scriptRuns")
        .map((r) => r.body),
    );
    expect(bodies).toContain("raw=***");
  });

  it("config check, and a bad input that stops before anything runs", async () => {
    expect((await action("config check")).code).toBe(0);
    expect((await action("sync", { "dry-run": "maybe" })).code).toBe(2);
  });
});
