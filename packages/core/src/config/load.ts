import { readFile } from "node:fs/promises";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { ConfigError, type ConfigIssue } from "../errors.js";
import { DATABASE_KEYS } from "../schema/database-keys.js";
import { readPlainYaml } from "./plain-yaml.js";
import { createConfigSchema, type NotionOpsConfig } from "./schema.js";
import { findSecretValues } from "./secret-values.js";
import { formatKeyPath, type KeyPath, positionOf } from "./yaml-positions.js";

export interface ConfigOptions {
  /** `sources.<name>` schemas of the registered plugins. */
  sourceSchemas: Record<string, z.ZodType>;
  /** How messages name the file (e.g. relative to the repository root); default the path read. */
  displayName?: string;
}

export interface LoadedConfig {
  config: NotionOpsConfig;
  /** The path as given (used in messages). */
  file: string;
  /** The file's text, kept so writers (setup) can edit it without reformatting. */
  text: string;
}

/** Reads and validates notion-ops.yml; throws a ConfigError listing every problem at once. */
export async function loadConfig(path: string, options: ConfigOptions): Promise<LoadedConfig> {
  const file = options.displayName ?? path;
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === "ENOENT"
        ? "file not found (create it, or pass --config <path>)"
        : `cannot be read (${code ?? (error as Error).message})`;
    throw new ConfigError([{ file, path: "", message }], { code: "config_missing", cause: error });
  }
  return { config: parseConfig(text, file, options), file, text };
}

/**
 * Validates config text; pure.
 *
 * A valid file is read the light way, straight to plain data: a document model with positions
 * for a 10,000-site file holds ~65 MB while it is built. A file the light reader refuses (or
 * leaves to the full reader: anchors, aliases, tags, merge keys) and any file that fails
 * validation is read again with positions, so every message points at its line and column.
 */
export function parseConfig(text: string, file: string, options: ConfigOptions): NotionOpsConfig {
  const quick = readPlainYaml(text);
  if (quick !== undefined && findSecretValues(quick).length === 0) {
    const result = createConfigSchema(options.sourceSchemas).safeParse(quick);
    if (result.success) return result.data as NotionOpsConfig;
  }
  return parseWithPositions(text, file, options);
}

function parseWithPositions(text: string, file: string, options: ConfigOptions): NotionOpsConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      document.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        return {
          file,
          path: "",
          message: `invalid YAML: ${error.message.split("\n")[0]}`,
          line: position.line,
          column: position.col,
        };
      }),
    );
  }

  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    // An alias to no anchor, or an alias bomb ("billion laughs") that would exhaust memory.
    throw new ConfigError([{ file, path: "", message: `invalid YAML: ${(error as Error).message}` }]);
  }
  const locate = (path: KeyPath, key?: string) => {
    const position = positionOf(document, lineCounter, path, key);
    return position ? { line: position.line, column: position.column } : {};
  };

  const issues: ConfigIssue[] = findSecretValues(data).map((finding) => ({
    file,
    path: formatKeyPath(finding.path),
    message: finding.message,
    ...locate(finding.path),
  }));

  const result = createConfigSchema(options.sourceSchemas).safeParse(data, { error: describeIssue });
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          issues.push({
            file,
            path: formatKeyPath([...issue.path, key]),
            message: `unknown key "${key}"${suggestion(key, issue.path)}`,
            ...locate(issue.path, key),
          });
        }
        continue;
      }
      issues.push({ file, path: formatKeyPath(issue.path), message: issue.message, ...locate(issue.path) });
    }
  }
  if (issues.length > 0) {
    // A token found in the file is named, never quoted (other checks may quote the same value).
    const tokens = findSecretValues(data).map((finding) => valueAt(data, finding.path));
    for (const issue of issues) {
      for (const token of tokens) if (token) issue.message = issue.message.replaceAll(token, "***");
    }
    issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    throw new ConfigError(issues);
  }
  return (result as { data: NotionOpsConfig }).data;
}

function valueAt(data: unknown, path: readonly (string | number)[]): string | undefined {
  const value = path.reduce<unknown>(
    (node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined),
    data,
  );
  return typeof value === "string" ? value.trim() : undefined;
}

function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === "invalid_type") {
    if (issue.input === undefined) return "is required";
    return `expected ${issue.expected}, got ${typeOf(issue.input)}`;
  }
  if (issue.code === "invalid_value" && "values" in issue) {
    return `must be one of ${(issue.values as unknown[]).map((v) => JSON.stringify(v)).join(", ")}, got ${JSON.stringify(issue.input)}`;
  }
  return undefined;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** "did you mean …" for a typo of a known key at the same place. */
function suggestion(key: string, path: readonly PropertyKey[]): string {
  const known = KNOWN_KEYS[formatKeyPath(path.filter((p) => typeof p !== "number")) || "(root)"];
  if (!known) return "";
  const close = known.find((candidate) => editDistance(candidate.toLowerCase(), key.toLowerCase()) <= 2);
  return close ? ` (did you mean "${close}"?)` : "";
}

const KNOWN_KEYS: Record<string, string[]> = {
  "(root)": ["notion", "health", "sources", "sites", "changeLog", "runbooks", "scripts"],
  notion: ["parentPage", "databases"],
  "notion.databases": [...DATABASE_KEYS],
  health: ["weights", "thresholds"],
  "health.weights": ["deviceAvailability", "wifiQuality", "alerts", "backup", "configCompliance"],
  "health.thresholds": ["healthyAt", "warningAt", "riskHighBelow", "riskMediumBelow"],
  sites: ["key", "name", "state", "unifi", "ninjaone", "azure", "contractRenewal", "primaryContact"],
  "sites.unifi": ["siteId", "hostId"],
  "sites.ninjaone": ["organizationId"],
  "sites.azure": ["subscriptionId", "resourceGroup"],
  changeLog: ["paths"],
  "changeLog.paths": ["glob", "tool"],
  runbooks: ["dir"],
  scripts: ["allowedDirs", "maxParallel", "defaultTimeout"],
};

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
