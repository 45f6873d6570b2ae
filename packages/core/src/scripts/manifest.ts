import { readFile } from "node:fs/promises";
import { z } from "zod";
import { ConfigError, type ConfigIssue } from "../errors.js";
import { FORBIDDEN_RULE_IDS, type ForbiddenRuleId } from "./forbidden-rules.js";
import { durationSchema, MAX_SCRIPT_TIMEOUT_SECONDS } from "./scripts-config.js";
import {
  formatIssuePath,
  type IssuePath,
  parseYamlWithPositions,
  positionOf,
  type SourcePositions,
} from "./yaml-source.js";

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_COOLDOWN_SECONDS = 366 * 86_400;

const required =
  (what: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? "is required" : `must be ${what}`;

const text = (what: string) =>
  z
    .string({ error: required(what) })
    .min(1, "must not be empty")
    .refine((value) => !value.includes("\0"), "must not contain a NUL character");

export const scriptManifestEntrySchema = z
  .object({
    path: text("a path relative to the repository root"),
    args: z
      .array(
        z
          .string({ error: 'must be a string (quote numbers and booleans: "8080")' })
          .refine((value) => !value.includes("\0"), "must not contain a NUL character"),
        { error: required("a list of strings") },
      )
      .default([]),
    timeout: durationSchema({ maxSeconds: MAX_SCRIPT_TIMEOUT_SECONDS }).optional(),
    env: z
      .array(
        z
          .string({ error: "must be an environment variable name" })
          .regex(ENV_NAME, "must be an environment variable name"),
        {
          error: required("a list of environment variable names"),
        },
      )
      .default([]),
    cooldown: durationSchema({ allowZero: true, maxSeconds: MAX_COOLDOWN_SECONDS }).optional(),
    allowForbidden: z
      .array(
        z.enum(FORBIDDEN_RULE_IDS, {
          error: (issue) =>
            `unknown rule id ${JSON.stringify(issue.input)}; known rules: ${FORBIDDEN_RULE_IDS.join(", ")}`,
        }),
        { error: required("a list of rule ids") },
      )
      .default([]),
    name: text("a string").optional(),
    trigger: text("a string").optional(),
  })
  .strict();

export const scriptManifestSchema = z
  .object({
    scripts: z.array(scriptManifestEntrySchema, { error: required("a list of scripts") }),
  })
  .strict();

export interface ManifestEntry {
  /** As written: relative to the repository root, inside an allowed directory. */
  path: string;
  args: string[];
  /** Seconds; the config's `defaultTimeout` when absent. */
  timeout?: number;
  /** Names of environment variables passed through to the script. */
  env: string[];
  /** Seconds; no cooldown when absent. */
  cooldown?: number;
  allowForbidden: ForbiddenRuleId[];
  /** A display name for records and summaries (default: the path). */
  name?: string;
  /** Overrides the run's Trigger label (default: derived from the GitHub event by the caller). */
  trigger?: string;
}

export interface ScriptManifest {
  /** Where the manifest came from, for error messages (a path or a label such as `<scripts input>`). */
  file: string;
  scripts: ManifestEntry[];
  positions: SourcePositions;
}

/** A `ConfigIssue` at `path` of the manifest, with line and column when known. */
export function manifestIssue(
  manifest: Pick<ScriptManifest, "file" | "positions">,
  path: IssuePath,
  message: string,
): ConfigIssue {
  const position = positionOf(manifest.positions, path);
  return { file: manifest.file, path: formatIssuePath(path), message, ...position };
}

/**
 * Parses and validates a manifest. Accepts `scripts: [...]` or, for short inline manifests, a bare
 * top-level list of entries (reported with the same `scripts[i]` paths). Every problem is
 * reported at once as one `ConfigError`.
 */
export function parseScriptManifest(source: string, file = "<inline manifest>"): ScriptManifest {
  const parsed = parseYamlWithPositions(source, file);
  if (parsed.issues.length > 0) throw new ConfigError(parsed.issues);

  const bareList = Array.isArray(parsed.data);
  const positions = bareList ? underScripts(parsed.positions) : parsed.positions;
  const data = bareList ? { scripts: parsed.data } : parsed.data;
  if (data === null || data === undefined) {
    throw new ConfigError([{ file, path: "", message: "the manifest is empty; expected a `scripts:` list" }]);
  }
  if (typeof data !== "object") {
    throw new ConfigError([
      {
        file,
        path: "",
        message: "expected a mapping with a `scripts:` list (or a list of scripts)",
        line: 1,
        column: 1,
      },
    ]);
  }

  const result = scriptManifestSchema.safeParse(data);
  if (!result.success) {
    const issues: ConfigIssue[] = [];
    for (const issue of result.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          const path = [...issue.path, key];
          const position = positions.keys[formatIssuePath(path)] ?? positionOf(positions, issue.path);
          issues.push({ file, path: formatIssuePath(path), message: "unknown key", ...position });
        }
      } else {
        issues.push(manifestIssue({ file, positions }, issue.path, issue.message));
      }
    }
    issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    throw new ConfigError(issues);
  }
  return { file, scripts: result.data.scripts, positions };
}

/**
 * Reads and parses a manifest file; a missing file is a `config_missing` ConfigError. Messages
 * name it `displayName` (e.g. the path as the user gave it) when given.
 */
export async function loadScriptManifest(path: string, displayName?: string): Promise<ScriptManifest> {
  const file = displayName ?? path;
  let source: string;
  try {
    source = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === "ENOENT" ? "manifest file not found" : `cannot read the manifest (${code ?? String(error)})`;
    throw new ConfigError([{ file, path: "", message }], { code: "config_missing", cause: error });
  }
  return parseScriptManifest(source, file);
}

function underScripts(positions: SourcePositions): SourcePositions {
  const prefix = (record: Record<string, (typeof positions.values)[string]>) =>
    Object.fromEntries(
      Object.entries(record).map(([key, value]) => [key ? `scripts${key}` : "scripts", value]),
    );
  return { values: prefix(positions.values), keys: prefix(positions.keys) };
}
