import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runBundledAction, workflowCommands } from "./harness/bundled-action.js";
import { repeatTo } from "./harness/hostile-values.js";
import { crashSigns, one, type StoredRecord, stored } from "./harness/stored.js";
import { isolateNetwork, type VendorTraffic } from "./harness/vendors.js";
import { refusedRequests, startWorkspace, type Workspace } from "./harness/workspace.js";

/**
 * Hostile push events and inputs for log-changes / log-change: what is not a readable push event
 * is refused (exit 2) before any request; everything else is stored verbatim as plain text and
 * never executed, in the CLI and in the bundled Action.
 */

let ws: Workspace;
let network: VendorTraffic;
/** Files an injected command would create if anything ever ran one. */
let markers: string[];
let sequence = 0;

beforeAll(async () => {
  network = isolateNetwork();
  ws = await startWorkspace();
  await ws.writeConfig(
    [
      "sites:",
      "  - { key: ACME-001, name: Acme Corp }",
      "changeLog:",
      "  paths:",
      '    - { glob: "configs/{site}/**", tool: MikroTik }',
      "",
    ].join("\n"),
  );
});
afterAll(async () => {
  network.stop();
  await ws?.stop();
});
beforeEach(() => {
  markers = [];
});

/** `touch` commands aimed at fresh marker files, absolute and relative to the workspace. */
function injected(): { text: string; files: string[] } {
  const id = randomUUID().slice(0, 8);
  const absolute = join(tmpdir(), `notion-ops-pwned-${id}`);
  const files = [
    absolute,
    join(ws.dir, `pwned-${id}`),
    join(ws.dir, `pwned-bt-${id}`),
    join(ws.dir, `pwned-var-${id}`),
  ];
  markers.push(...files);
  return {
    text: `$(touch ${absolute}) $(touch pwned-${id}) \`touch pwned-bt-${id}\` ; touch pwned-var-${id} && echo \${HOME} | sh`,
    files,
  };
}

function expectNothingRan(): void {
  for (const file of markers) expect(existsSync(file), file).toBe(false);
}

const sha = () => (++sequence).toString(16).padStart(8, "0").repeat(5);

interface Commit {
  id?: unknown;
  message?: unknown;
  files?: string[];
  [key: string]: unknown;
}

function pushEvent(commits: Commit[], extra: Record<string, unknown> = {}) {
  return {
    ref: "refs/heads/main",
    before: sha(),
    after: sha(),
    repository: {
      full_name: "acme/net-configs",
      html_url: "https://github.com/acme/net-configs",
      default_branch: "main",
    },
    sender: { login: "jdoe" },
    commits: commits.map(({ files, ...commit }) => {
      const id = sha();
      return {
        id,
        message: "Update router",
        timestamp: "2026-03-01T10:00:00Z",
        url: `https://github.com/acme/net-configs/commit/${id}`,
        author: { name: "Jane Doe", email: "jane@example.com", username: "jdoe" },
        added: [],
        modified: files ?? ["configs/ACME-001/router.rsc"],
        removed: [],
        ...commit,
      };
    }),
    ...extra,
  };
}

async function writeEvent(content: unknown | string): Promise<string> {
  const file = join(ws.dir, `event-${++sequence}.json`);
  await writeFile(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

function changeRecord(changeIdPrefix: string): StoredRecord {
  const records = stored(ws, "configChanges").filter((r) =>
    String(r["Change ID"]).startsWith(changeIdPrefix),
  );
  expect(records).toHaveLength(1);
  return records[0]!;
}

describe("log-changes refuses what is not a readable push event, before any request", () => {
  const cases: [string, () => string | unknown, RegExp][] = [
    [
      "truncated JSON",
      () => JSON.stringify(pushEvent([{}])).slice(0, 120),
      /cannot read the push event .*JSON/,
    ],
    ["an empty file", () => "", /cannot read the push event .*JSON/],
    ["JSON null", () => "null", /is not a GitHub push event/],
    ["a JSON array", () => "[1,2,3]", /is not a GitHub push event/],
    ["a JSON string", () => '"push"', /is not a GitHub push event/],
    [
      "a pull_request event",
      () => ({
        action: "opened",
        number: 7,
        pull_request: { title: "$(touch x)" },
        repository: { full_name: "a/b" },
      }),
      /is not a GitHub push event \(ref: /,
    ],
    [
      "a workflow_dispatch event",
      () => ({
        inputs: { note: `\${{ github.token }}` },
        ref: "refs/heads/main",
        repository: { full_name: "a/b" },
        workflow: "x",
      }),
      /is not a GitHub push event \(before: /,
    ],
    [
      "a commit id that is a number",
      () => pushEvent([{ id: 5 }]),
      /is not a GitHub push event \(commits\.0\.id: /,
    ],
    ["a message that is an object", () => pushEvent([{ message: { text: "$(id)" } }]), /commits\.0\.message/],
    [
      "10,000 nested arrays",
      () => `${"[".repeat(10_000)}${"]".repeat(10_000)}`,
      /is not a GitHub push event/,
    ],
    ["binary garbage", () => '\u0000\u0001\u00ff{"ref":', /cannot read the push event/],
  ];
  for (const [name, content, expected] of cases) {
    it(`${name}: exit 2, a clear message, zero requests`, async () => {
      const event = await writeEvent(content());
      const since = ws.mark();
      const result = await ws.cli(["log-changes", "--event", event, "--json"]);
      expect(crashSigns(result.stderr)).toEqual([]);
      expect(result.code).toBe(2);
      expect(result.json?.error?.code).toBe("usage");
      expect(result.stderr).toMatch(expected);
      expect(result.stderr.length).toBeLessThan(5_000);
      expect(ws.requestsSince(since)).toEqual([]);
      expect(network.unmatched).toEqual([]);
    });
  }

  it("a missing event file and no GITHUB_EVENT_PATH: exit 2, zero requests", async () => {
    const since = ws.mark();
    const missing = await ws.cli(["log-changes", "--event", join(ws.dir, "nope.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the push event .*nope\.json: ENOENT/);
    const none = await ws.cli(["log-changes"], { GITHUB_EVENT_PATH: undefined });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no push event: pass --event <path>");
    expect(ws.requestsSince(since)).toEqual([]);
  });
});

describe("hostile commit text is stored verbatim as plain text and never executed", () => {
  it(`shell metacharacters, $( ), backticks, \${{ }}, newlines, merge titles, controls and 100 KB messages`, async () => {
    const shell = injected();
    const merge = injected();
    const files = injected();
    const hundredKb = `${repeatTo("漢字 ", 60_000)}${repeatTo("x", 40_000)}`;
    const commits: Commit[] = [
      {
        message: `fix: ${shell.text} \${{ github.token }} \${{ secrets.NOTION_TOKEN }}\n\nbody $(touch never)`,
      },
      {
        message: `Merge pull request #12 from evil/$(touch x)\n\n\${{ github.event.head_commit.message }} ${merge.text}`,
      },
      { message: `Update\r\nwith CRLF and \u001b]0;title\u0007 OSC, \u0000 NUL` },
      { message: hundredKb },
      { message: "" },
      {
        message: "files with odd names",
        files: [
          "configs/ACME-001/with space.rsc",
          "configs/ACME-001/ünïcødé/файл 🎉.rsc",
          "configs/ACME-001/../ACME-001/dot-dot.rsc",
          `configs/ACME-001/${files.text.replaceAll("/", "_")}.rsc`,
          "configs/../../etc/passwd",
          "configs/ACME-001/line\nbreak.rsc",
        ],
      },
      { message: "no site", files: ["README.md", "configs/UNKNOWN-9/x.rsc"] },
    ];
    const event = pushEvent(commits);
    const path = await writeEvent(event);
    const since = ws.mark();
    const result = await ws.cli(["log-changes", "--event", path, "--json"]);
    expect(crashSigns(result.stderr)).toEqual([]);
    expect(result.code).toBe(0);
    expect(refusedRequests(ws.requestsSince(since))).toEqual([]);
    expect(ws.emulator.internalErrors()).toEqual([]);
    expectNothingRan();

    const prefix = (i: number) => `${String(event.commits[i]!.id).slice(0, 12)}-ACME-001`;
    expect(changeRecord(prefix(0)).Action).toBe(
      `fix: ${shell.text} \${{ github.token }} \${{ secrets.NOTION_TOKEN }}`,
    );
    expect(changeRecord(prefix(1)).Action).toBe(
      `\${{ github.event.head_commit.message }} ${merge.text} (#12)`,
    );
    expect(changeRecord(prefix(2)).Action).toBe("Update");
    const long = changeRecord(prefix(3));
    expect(long.Action).toBe(hundredKb);
    expect(changeRecord(prefix(4)).Action).toBe("(no commit message)");
    const odd = changeRecord(prefix(5));
    const storedFiles = String(odd.Files).split("\n");
    for (const file of [
      "configs/ACME-001/with space.rsc",
      "configs/ACME-001/ünïcødé/файл 🎉.rsc",
      `configs/ACME-001/${files.text.replaceAll("/", "_")}.rsc`,
    ]) {
      expect(storedFiles).toContain(file);
    }
    expect(String(odd.Files)).not.toContain("etc/passwd");
    expect(
      stored(ws, "configChanges").some((r) =>
        String(r["Change ID"]).startsWith(String(event.commits[6]!.id).slice(0, 12)),
      ),
    ).toBe(false);
    expect(result.json?.unmapped.map((u: { file: string }) => u.file)).toEqual(
      expect.arrayContaining(["README.md", "configs/UNKNOWN-9/x.rsc", "configs/../../etc/passwd"]),
    );
    // Logs show the text, flattened to printable characters.
    expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);

    // Logged once: the same event again writes nothing.
    const again = await ws.cli(["log-changes", "--event", path, "--json"]);
    expect(again.code).toBe(0);
    expect(again.json?.created).toBe(0);
    expectNothingRan();
  });

  it(`log-change takes \${{ }} and shell text as data (the workflow_dispatch input case)`, async () => {
    const shell = injected();
    const action = `\${{ github.event.inputs.note }} \${{ github.token }} ${shell.text}`;
    const result = await ws.cli(
      [
        "log-change",
        "--site",
        "ACME-001",
        "--tool",
        "MikroTik",
        "--action",
        action,
        "--engineer",
        "$(whoami)",
        "--json",
      ],
      {
        GITHUB_RUN_ID: String(900_000 + ++sequence),
      },
    );
    expect(result.code).toBe(0);
    const record = one(stored(ws, "configChanges"), "Change ID", result.json?.changeId);
    expect(record.Action).toBe(action);
    expect(record.Engineer).toBe("$(whoami)");
    expectNothingRan();
  });
});

describe("the bundled Action (dist/index.js) never executes event or input text", () => {
  it("log-changes from GITHUB_EVENT_PATH and log-change from inputs: verbatim in Notion, no file created, no forged workflow command", async () => {
    const shell = injected();
    const forged = "::error title=forged::pwned";
    const event = pushEvent([
      { message: `deploy ${shell.text} \${{ github.token }} ${forged}\n::add-mask::abc\n::stop-commands::x` },
    ]);
    const eventPath = await writeEvent(event);
    const base = {
      workspace: ws.dir,
      env: { NOTION_BASE_URL: ws.env.NOTION_BASE_URL, GITHUB_EVENT_PATH: eventPath },
    };
    const inputs = { "notion-token": String(ws.env.NOTION_TOKEN), "rate-limit": "1000", verbose: "true" };

    const changes = await runBundledAction({ ...base, inputs: { ...inputs, command: "log-changes" } });
    expect(changes.code, changes.stdout + changes.stderr).toBe(0);
    const action = changeRecord(`${String(event.commits[0]!.id).slice(0, 12)}-ACME-001`).Action;
    expect(action).toBe(`deploy ${shell.text} \${{ github.token }} ${forged}`);

    const manual = injected();
    const note = `\${{ github.event.inputs.note }} ${manual.text}\n${forged}`;
    const change = await runBundledAction({
      ...base,
      inputs: {
        ...inputs,
        command: "log-change",
        site: "ACME-001",
        tool: "MikroTik",
        "change-action": note,
        engineer: "`id`",
      },
      env: { ...base.env, GITHUB_RUN_ID: String(800_000 + ++sequence) },
    });
    expect(change.code, change.stdout + change.stderr).toBe(0);
    const json = JSON.parse(/result<<(\S+)\n([\s\S]*?)\n\1/.exec(change.outputs)?.[2] ?? "{}");
    const record = one(stored(ws, "configChanges"), "Change ID", json.changeId);
    expect(record.Action).toBe(note.trim());
    expect(record.Engineer).toBe("`id`");

    expectNothingRan();
    for (const run of [changes, change]) {
      const commands = workflowCommands(run.stdout).map((c) => c.line);
      expect(commands.filter((line) => line.includes("forged") || line.includes("add-mask::abc"))).toEqual(
        [],
      );
      expect(crashSigns(run.stdout + run.stderr)).toEqual([]);
    }
  });

  it("a truncated event in Actions mode: exit 2, an error annotation, zero requests", async () => {
    const eventPath = await writeEvent('{"ref":"refs/heads/main","commits":[{"id":"abc');
    const since = ws.mark();
    const run = await runBundledAction({
      workspace: ws.dir,
      inputs: { command: "log-changes", "notion-token": String(ws.env.NOTION_TOKEN) },
      env: { NOTION_BASE_URL: ws.env.NOTION_BASE_URL, GITHUB_EVENT_PATH: eventPath },
    });
    expect(run.code).toBe(2);
    expect(
      workflowCommands(run.stdout).some((c) => c.line.startsWith("::error::cannot read the push event")),
    ).toBe(true);
    expect(ws.requestsSince(since)).toEqual([]);
    expect(run.outputs).toMatch(/failed<<[^\n]+\n0\n/);
  });
});
