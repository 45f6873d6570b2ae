import type { Dirent } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { ConfigError } from "../../errors.js";
import type { Logger } from "../../log/logger.js";

/** A Markdown file under `runbooks.dir`, read and decoded; or why it could not be. */
export type RunbookFile =
  | {
      /** The repo path, POSIX separators: `runbooks/network/reset-ap.md` (the Runbook Key). */
      key: string;
      /** The exact bytes (hashed for Content Hash). */
      bytes: Uint8Array;
      /** The bytes as UTF-8 text, without a byte order mark. */
      text: string;
    }
  | { key: string; error: string };

export interface ReadRunbooksOptions {
  /** `runbooks.dir` from the config, relative to `cwd` (or absolute inside it). */
  dir: string;
  /** The repository root. */
  cwd: string;
  logger?: Logger;
  /** Files larger than this are reported, not read (default 2 MiB). */
  maxBytes?: number;
}

export const DEFAULT_MAX_RUNBOOK_BYTES = 2 * 1024 * 1024;

export function isRunbookError(file: RunbookFile): file is { key: string; error: string } {
  return "error" in file;
}

/**
 * Every `*.md` file under `dir`, recursively, sorted by key. Names starting with a dot (files and
 * folders), `node_modules` folders and symbolic links to folders are skipped. A missing folder
 * gives an empty list (with a note); a file that cannot be read, is too large or is not UTF-8
 * gives an entry with `error` instead of stopping the others.
 */
export async function readRunbooks(options: ReadRunbooksOptions): Promise<RunbookFile[]> {
  const root = resolve(options.cwd);
  const dir = resolve(root, options.dir);
  const inside = relative(root, dir);
  if (inside.startsWith("..") || isAbsolute(inside)) {
    throw new ConfigError([
      {
        file: "notion-ops.yml",
        path: "runbooks.dir",
        message: `"${options.dir}" is outside the repository (${root})`,
      },
    ]);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_RUNBOOK_BYTES;
  const keyOf = (path: string) => relative(root, path).split(sep).join("/");

  let top: Dirent[];
  try {
    top = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      options.logger?.notice(
        `Runbooks: the folder "${keyOf(dir) || "."}" does not exist; no runbooks to sync.`,
      );
      return [];
    }
    if (code === "ENOTDIR") {
      throw new ConfigError([
        { file: "notion-ops.yml", path: "runbooks.dir", message: `"${options.dir}" is a file, not a folder` },
      ]);
    }
    throw new ConfigError([
      {
        file: "notion-ops.yml",
        path: "runbooks.dir",
        message: `cannot read "${options.dir}": ${describe(error)}`,
      },
    ]);
  }

  const paths: string[] = [];
  const problems: RunbookFile[] = [];
  const walk = async (folder: string, entries: Dirent[]) => {
    for (const entry of entries) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        try {
          await walk(path, await readdir(path, { withFileTypes: true }));
        } catch (error) {
          problems.push({ key: keyOf(path), error: `cannot read the folder: ${describe(error)}` });
        }
      } else if (/\.md$/i.test(entry.name) && (entry.isFile() || entry.isSymbolicLink())) {
        paths.push(path);
      }
    }
  };
  await walk(dir, top);

  const files = await Promise.all(paths.map((path) => readRunbook(path, keyOf(path), maxBytes)));
  const all = [...files.filter((f): f is RunbookFile => f !== undefined), ...problems];
  all.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  options.logger?.debug(`Runbooks: ${all.length} Markdown file(s) under ${keyOf(dir) || "."}`);
  return all;
}

async function readRunbook(path: string, key: string, maxBytes: number): Promise<RunbookFile | undefined> {
  try {
    const info = await stat(path);
    // A symbolic link to a folder named *.md, or something that is not a file: not a runbook.
    if (!info.isFile()) return undefined;
    if (info.size > maxBytes) {
      return { key, error: `the file is ${info.size} bytes, over the ${maxBytes}-byte limit for a runbook` };
    }
    const bytes = new Uint8Array(await readFile(path));
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      return { key, error: "the file is not valid UTF-8 text" };
    }
    return { key, bytes, text };
  } catch (error) {
    return { key, error: `cannot read the file: ${describe(error)}` };
  }
}

function describe(error: unknown): string {
  // Node's messages look like "EACCES: permission denied, open '/path'"; the path is known already.
  const message = (error as Error)?.message ?? String(error);
  return message.split(", ")[0] ?? message;
}
