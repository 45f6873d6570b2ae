import { describe, expect, it } from "vitest";
import { createLogger, createMemorySink } from "../../log/index.js";
import { DATABASES } from "../../schema/databases.js";
import type { ExistingRecord } from "../desired-record.js";
import { indexRecords } from "../existing-records.js";
import { planDatabase } from "../planner.js";
import { contentHash, parseRunbook } from "./runbook.js";
import type { RunbookFile } from "./runbook-files.js";
import { runbookRecords } from "./runbook-records.js";

const file = (key: string, text: string) => ({
  key,
  bytes: new TextEncoder().encode(text),
  text,
});
const NOW = new Date("2026-03-04T23:30:00Z");

const RESET_AP =
  "---\ntitle: Reset an AP\ncategory: Network\ntags: [wifi, unifi]\n---\n# Reset\n\nPower-cycle it.\n";

describe("contentHash", () => {
  it("is the sha256 of the exact bytes, stable across calls", () => {
    expect(contentHash(new TextEncoder().encode("abc"))).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    const a = parseRunbook(file("r.md", RESET_AP));
    const b = parseRunbook(file("r.md", RESET_AP));
    expect(a.ok && b.ok && a.runbook.contentHash === b.runbook.contentHash).toBe(true);
  });

  it("changes with any byte, front matter and line ends included", () => {
    const hashes = [
      RESET_AP,
      RESET_AP.replace("wifi", "wlan"),
      RESET_AP.replaceAll("\n", "\r\n"),
      `${RESET_AP}\n`,
    ].map((text) => contentHash(new TextEncoder().encode(text)));
    expect(new Set(hashes).size).toBe(4);
  });
});

describe("parseRunbook titles", () => {
  const title = (key: string, text: string) => {
    const parsed = parseRunbook(file(key, text));
    return parsed.ok ? parsed.runbook.title : parsed.problem.message;
  };
  it("prefers front matter, then the first # heading, then the file name", () => {
    expect(title("runbooks/a.md", RESET_AP)).toBe("Reset an AP");
    expect(title("runbooks/a.md", "## Sub\n\n```sh\n# not a heading\n```\n\n# Real **Title**\n")).toBe(
      "Real Title",
    );
    expect(title("runbooks/net/reset-ap.md", "no heading here")).toBe("reset-ap");
  });
});

describe("runbookRecords", () => {
  it("builds a record per runbook with the body as children", () => {
    const { records, problems } = runbookRecords([file("runbooks/net/reset.md", RESET_AP)], { now: NOW });
    expect(problems).toEqual([]);
    expect(records).toEqual([
      {
        key: "runbooks/net/reset.md",
        values: {
          Title: "Reset an AP",
          Category: "Network",
          Tags: ["wifi", "unifi"],
          "Content Hash": contentHash(new TextEncoder().encode(RESET_AP)),
          "Last Updated": "2026-03-04",
        },
        children: [
          { type: "heading_1", heading_1: { rich_text: [{ type: "text", text: { content: "Reset" } }] } },
          {
            type: "paragraph",
            paragraph: { rich_text: [{ type: "text", text: { content: "Power-cycle it." } }] },
          },
        ],
      },
    ]);
  });

  it("leaves Last Updated alone when the hash is unchanged, and sets the run date when it changed", () => {
    const hash = contentHash(new TextEncoder().encode(RESET_AP));
    const existing = new Map([
      ["same.md", { values: { "Content Hash": hash, "Last Updated": "2025-01-01" } }],
      ["changed.md", { values: { "Content Hash": "0".repeat(64), "Last Updated": "2025-01-01" } }],
      ["interrupted.md", { values: { "Content Hash": "", "Last Updated": "2025-01-01" } }],
    ]);
    const { records } = runbookRecords(
      [file("same.md", RESET_AP), file("changed.md", RESET_AP), file("interrupted.md", RESET_AP)],
      { now: NOW, existing },
    );
    expect(records.map((r) => r.values["Last Updated"])).toEqual([undefined, "2026-03-04", "2026-03-04"]);
  });

  it("plans no write for an unchanged runbook and one update for a changed one", () => {
    const files = [file("runbooks/a.md", RESET_AP), file("runbooks/b.md", "# B\n\nbody")];
    const first = runbookRecords(files, { now: NOW }).records;
    const stored: ExistingRecord[] = first.map((record, i) => ({
      pageId: `00000000-0000-4000-8000-00000000000${i}`,
      key: record.key,
      createdTime: "2026-03-04T23:30:00.000Z",
      values: { ...record.values, "Runbook Key": record.key } as ExistingRecord["values"],
    }));
    const existing = indexRecords(stored);
    const later = new Date("2026-05-01T08:00:00Z");
    const edited = [files[0] as RunbookFile, file("runbooks/b.md", "# B\n\nbody, edited")];
    const desired = runbookRecords(edited, { now: later, existing: existing.byKey }).records;
    const plan = planDatabase({ definition: DATABASES.runbooks, desired, existing, mode: "upsert" });
    expect(plan.creates).toEqual([]);
    expect(plan.unchanged).toBe(1);
    expect(plan.updates).toHaveLength(1);
    expect(plan.updates[0]?.key).toBe("runbooks/b.md");
    expect(plan.updates[0]?.changes.map((c) => c.property).sort()).toEqual(["Content Hash", "Last Updated"]);
  });

  it("reports unreadable files and invalid front matter with key and line, and keeps the others", () => {
    const sink = createMemorySink();
    const { records, problems } = runbookRecords(
      [
        {
          key: "runbooks/huge.md",
          error: "the file is 3000000 bytes, over the 2097152-byte limit for a runbook",
        },
        file("runbooks/bad.md", "---\ntitle: ok\ncategory: [a, b]\n---\n"),
        file("runbooks/good.md", "# Good"),
      ],
      { now: NOW, logger: createLogger(sink) },
    );
    expect(records.map((r) => r.key)).toEqual(["runbooks/good.md"]);
    expect(problems).toEqual([
      {
        key: "runbooks/huge.md",
        message: "the file is 3000000 bytes, over the 2097152-byte limit for a runbook",
      },
      {
        key: "runbooks/bad.md",
        message: 'invalid front matter: "category" must be one name (text), not a list or mapping',
        line: 3,
      },
    ]);
    const warning = sink.lines.find((l) => l.message.startsWith("Runbook runbooks/bad.md:3:"));
    expect(warning?.level).toBe("warn");
    expect(warning?.location).toMatchObject({ file: "runbooks/bad.md", line: 3 });
  });
});
