import { createHash } from "node:crypto";
import { readFile, realpath, stat } from "node:fs/promises";
import { extname, isAbsolute, posix, relative, resolve, sep } from "node:path";
import { type ForbiddenMatch, scanForbiddenContent } from "./forbidden-rules.js";
import { interpreterFor, type ScriptInterpreter } from "./interpreter.js";

/** Larger files are refused rather than read and scanned. */
export const MAX_SCRIPT_BYTES = 5 * 1024 * 1024;

export interface ScriptPolicyContext {
  /** The repository root: manifest paths and relative allowed directories are resolved against it. */
  cwd: string;
  allowedDirs: readonly string[];
  execPath?: string;
}

export interface CheckedScript {
  /** The manifest path, normalised (`scripts/backup.sh`): the key for run state and records. */
  script: string;
  /** The file that is executed, symlinks resolved. */
  realPath: string;
  interpreter: ScriptInterpreter;
  /** sha256 of the file's bytes, hex. */
  contentHash: string;
  /** Every forbidden-content match, whether allowed or not. */
  forbidden: ForbiddenMatch[];
}

export type ScriptPolicyCheck = { ok: true; script: CheckedScript } | { ok: false; message: string };

/**
 * Applies SPEC §7's path rules to one manifest path: relative, no `..`, inside an allowed
 * directory both as written and after resolving symlinks, a regular file, a known extension.
 * Then reads it, hashes it and scans it for forbidden content.
 */
export async function checkScriptPolicy(
  path: string,
  context: ScriptPolicyContext,
): Promise<ScriptPolicyCheck> {
  if (isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith("\\") || path.startsWith("~")) {
    return fail("must be relative to the repository root, not an absolute path");
  }
  if (path.split(/[\\/]/).includes("..")) return fail("must not contain `..`");
  const interpreter = interpreterFor(path, context.execPath);
  if (!interpreter) {
    const extension = extname(path) || "(none)";
    return fail(
      `has an unsupported extension ${extension}; use .sh (bash), .js or .mjs (node), .py (python3) or .ps1 (pwsh)`,
    );
  }

  const allowed = context.allowedDirs.map((dir) => resolve(context.cwd, dir));
  const lexical = resolve(context.cwd, path);
  const allowedList = context.allowedDirs.join(", ");
  if (!allowed.some((dir) => isInside(lexical, dir))) {
    return fail(`is outside the allowed script directories (${allowedList})`);
  }

  let real: string;
  try {
    real = await realpath(lexical);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return fail("does not exist");
    if (code === "ELOOP") return fail("is a symlink loop");
    return fail(`cannot be resolved (${code ?? String(error)})`);
  }
  const realAllowed = (await Promise.all(allowed.map((dir) => realpath(dir).catch(() => undefined)))).filter(
    (dir): dir is string => dir !== undefined,
  );
  if (!realAllowed.some((dir) => isInside(real, dir))) {
    return fail(
      `resolves through a symlink to a file outside the allowed script directories (${allowedList})`,
    );
  }

  const info = await stat(real);
  if (!info.isFile()) return fail(`is not a regular file (it is ${describeKind(info)})`);
  if (info.size > MAX_SCRIPT_BYTES) return fail(`is larger than ${MAX_SCRIPT_BYTES / 1024 / 1024} MiB`);

  let content: Buffer;
  try {
    content = await readFile(real);
  } catch (error) {
    return fail(`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return {
    ok: true,
    script: {
      script: normaliseScriptPath(path),
      realPath: real,
      interpreter,
      contentHash: hashContent(content),
      forbidden: scanForbiddenContent(content.toString("utf8")),
    },
  };
}

/** The hash of a file's current content (to notice a script changed between validation and run). */
export async function hashFile(path: string): Promise<string> {
  return hashContent(await readFile(path));
}

export function hashContent(content: Buffer | string): string {
  return createHash("sha256").update(content).digest("hex");
}

/** `./scripts//a.sh` → `scripts/a.sh`. */
export function normaliseScriptPath(path: string): string {
  return posix.normalize(path.replaceAll("\\", "/")).replace(/^(?:\.\/)+/, "");
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function describeKind(info: Awaited<ReturnType<typeof stat>>): string {
  if (info.isDirectory()) return "a directory";
  if (info.isFIFO()) return "a named pipe";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  return "not a file";
}

function fail(message: string): ScriptPolicyCheck {
  return { ok: false, message };
}
