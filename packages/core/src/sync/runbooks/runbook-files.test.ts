import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../errors.js";
import { createLogger, createMemorySink } from "../../log/index.js";
import { readRunbooks } from "./runbook-files.js";

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "runbooks-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const write = async (path: string, content: string | Uint8Array) => {
  await mkdir(join(root, path, ".."), { recursive: true });
  await writeFile(join(root, path), content);
};

describe("readRunbooks", () => {
  it("finds *.md files recursively, keyed by POSIX repo path, sorted, skipping dotfiles and other files", async () => {
    await write("runbooks/network/reset-ap.md", "# Reset");
    await write("runbooks/backup.MD", "# Backup");
    await write("runbooks/a/b/c/deep.md", "deep");
    await write("runbooks/.hidden.md", "no");
    await write("runbooks/.drafts/wip.md", "no");
    await write("runbooks/notes.txt", "no");
    await write("runbooks/node_modules/pkg/README.md", "no");
    const files = await readRunbooks({ dir: "runbooks", cwd: root });
    expect(files.map((f) => f.key)).toEqual([
      "runbooks/a/b/c/deep.md",
      "runbooks/backup.MD",
      "runbooks/network/reset-ap.md",
    ]);
    expect(files[2]).toEqual({
      key: "runbooks/network/reset-ap.md",
      bytes: new Uint8Array(Buffer.from("# Reset")),
      text: "# Reset",
    });
  });

  it("accepts a nested or absolute dir inside the repo", async () => {
    await write("docs/runbooks/x.md", "x");
    expect((await readRunbooks({ dir: "docs/runbooks", cwd: root })).map((f) => f.key)).toEqual([
      "docs/runbooks/x.md",
    ]);
    expect((await readRunbooks({ dir: join(root, "docs"), cwd: root })).map((f) => f.key)).toEqual([
      "docs/runbooks/x.md",
    ]);
  });

  it("gives an empty list and a note when the folder does not exist", async () => {
    const sink = createMemorySink();
    const files = await readRunbooks({ dir: "runbooks", cwd: root, logger: createLogger(sink) });
    expect(files).toEqual([]);
    expect(
      sink.lines.some((e) => e.level === "notice" && e.message.includes('"runbooks" does not exist')),
    ).toBe(true);
  });

  it("refuses a dir outside the repository or a file", async () => {
    await expect(readRunbooks({ dir: "../elsewhere", cwd: root })).rejects.toThrow(ConfigError);
    await write("runbooks", "a file");
    await expect(readRunbooks({ dir: "runbooks", cwd: root })).rejects.toThrow(/is a file, not a folder/);
  });

  it("reports huge, non-UTF-8 and unreadable files per file, and reads the rest", async () => {
    await write("runbooks/ok.md", "\ufeff# With BOM");
    await write("runbooks/huge.md", "x".repeat(2048));
    await write("runbooks/latin1.md", new Uint8Array([0x63, 0x61, 0x66, 0xe9]));
    await symlink(join(root, "nowhere.md"), join(root, "runbooks/broken.md"));
    const files = await readRunbooks({ dir: "runbooks", cwd: root, maxBytes: 1024 });
    const byKey = Object.fromEntries(files.map((f) => [f.key, f]));
    expect(byKey["runbooks/huge.md"]).toEqual({
      key: "runbooks/huge.md",
      error: "the file is 2048 bytes, over the 1024-byte limit for a runbook",
    });
    expect(byKey["runbooks/latin1.md"]).toEqual({
      key: "runbooks/latin1.md",
      error: "the file is not valid UTF-8 text",
    });
    expect(byKey["runbooks/ok.md"]).toMatchObject({ text: "# With BOM" });
    expect(byKey["runbooks/broken.md"]).toEqual({
      key: "runbooks/broken.md",
      error: "cannot read the file: ENOENT: no such file or directory",
    });
    expect(files).toHaveLength(4);
  });

  it("follows symbolic links to files but not to folders", async () => {
    await write("shared/common.md", "common");
    await mkdir(join(root, "runbooks"));
    await symlink(join(root, "shared/common.md"), join(root, "runbooks/linked.md"));
    await symlink(join(root, "shared"), join(root, "runbooks/loop"));
    const files = await readRunbooks({ dir: "runbooks", cwd: root });
    expect(files).toEqual([{ key: "runbooks/linked.md", bytes: expect.any(Uint8Array), text: "common" }]);
  });
});
