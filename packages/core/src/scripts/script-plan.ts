import { ConfigError, type ConfigIssue } from "../errors.js";
import type { ForbiddenMatch } from "./forbidden-rules.js";
import type { ScriptInterpreter } from "./interpreter.js";
import { type ManifestEntry, manifestIssue, type ScriptManifest } from "./manifest.js";
import { checkScriptPolicy } from "./policy.js";
import type { ScriptsConfig } from "./scripts-config.js";
import { formatCommandLine } from "./shell-quote.js";

/** One manifest entry that passed validation: everything needed to run, skip or block it. */
export interface PlannedScript {
  /** Position in the manifest. */
  index: number;
  entry: ManifestEntry;
  /** The normalised manifest path (`scripts/backup.sh`). */
  script: string;
  /** `entry.name` or the script path. */
  name: string;
  realPath: string;
  interpreter: ScriptInterpreter;
  /** Exactly what is spawned: program and arguments (no shell). */
  argv: string[];
  /** For humans: interpreter name, script path and arguments, shell-quoted. */
  commandLine: string;
  timeoutSeconds: number;
  /** Absent or 0: no cooldown. */
  cooldownSeconds: number | undefined;
  contentHash: string;
  /** Forbidden-content matches the entry does not allow: the script is `blocked`. */
  blockedBy: ForbiddenMatch[];
  /** Matches the entry allows through `allowForbidden`. */
  allowedMatches: ForbiddenMatch[];
}

export interface ScriptPlanContext {
  config: ScriptsConfig;
  cwd: string;
  execPath?: string;
}

/**
 * Validates every manifest entry against the script policy before anything runs. Any path problem
 * in any entry throws one ConfigError listing all of them (`scripts[i].path`). Forbidden content is
 * not an error here: such a script is planned as blocked.
 */
export async function planScripts(
  manifest: ScriptManifest,
  context: ScriptPlanContext,
): Promise<PlannedScript[]> {
  const checks = await Promise.all(
    manifest.scripts.map((entry) =>
      checkScriptPolicy(entry.path, {
        cwd: context.cwd,
        allowedDirs: context.config.allowedDirs,
        ...(context.execPath ? { execPath: context.execPath } : {}),
      }),
    ),
  );
  const issues: ConfigIssue[] = [];
  const planned: PlannedScript[] = [];
  checks.forEach((check, index) => {
    const entry = manifest.scripts[index]!;
    if (!check.ok) {
      issues.push(
        manifestIssue(manifest, ["scripts", index, "path"], `${JSON.stringify(entry.path)} ${check.message}`),
      );
      return;
    }
    const { script, realPath, interpreter, contentHash, forbidden } = check.script;
    const allowed = new Set<string>(entry.allowForbidden);
    planned.push({
      index,
      entry,
      script,
      name: entry.name ?? script,
      realPath,
      interpreter,
      argv: [interpreter.command, ...interpreter.args, realPath, ...entry.args],
      commandLine: formatCommandLine([interpreter.name, ...interpreter.args, script, ...entry.args]),
      timeoutSeconds: entry.timeout ?? context.config.defaultTimeout,
      cooldownSeconds: entry.cooldown,
      contentHash,
      blockedBy: forbidden.filter((match) => !allowed.has(match.ruleId)),
      allowedMatches: forbidden.filter((match) => allowed.has(match.ruleId)),
    });
  });
  if (issues.length > 0) throw new ConfigError(issues);
  return planned;
}
