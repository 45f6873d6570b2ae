import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emptyIndex } from "../existing-records.js";
import { createRunbookSync, needsBodyRewrite } from "./runbook-sync.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "runbook-sync-"));
  await mkdir(join(root, "runbooks/net"), { recursive: true });
  await writeFile(join(root, "runbooks/net/ok.md"), "---\ncategory: Network\n---\n# OK\n");
  await writeFile(join(root, "runbooks/bad.md"), "---\ntags: {a: 1}\n---\n");
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("createRunbookSync", () => {
  it("reads the folder and returns records plus per-file errors for the run report", async () => {
    const sync = createRunbookSync({
      dir: "runbooks",
      cwd: root,
      now: () => new Date("2026-06-01T12:00:00Z"),
    });
    const { records, errors } = await sync.desired(emptyIndex());
    expect(records.map((r) => [r.key, r.values.Title, r.values.Category, r.values["Last Updated"]])).toEqual([
      ["runbooks/net/ok.md", "OK", "Network", "2026-06-01"],
    ]);
    expect(errors).toEqual([
      {
        source: "runbooks",
        entity: "other",
        id: "runbooks/bad.md",
        message:
          'runbooks/bad.md:2: invalid front matter: "tags" must be a list of names or one comma-separated string',
      },
    ]);
  });
});

describe("needsBodyRewrite", () => {
  it("is true only when the content hash changes", () => {
    expect(needsBodyRewrite({ changes: [{ property: "Content Hash", from: "a", to: "b" }] })).toBe(true);
    expect(needsBodyRewrite({ changes: [{ property: "Title", from: "a", to: "b" }] })).toBe(false);
  });
});
