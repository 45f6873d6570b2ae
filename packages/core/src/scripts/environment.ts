/** Names that look like credentials; never passed on unless a manifest entry lists them. */
export const SECRET_NAME = /TOKEN|SECRET|KEY|PASSWORD|PASSWD|CREDENTIAL|PRIVATE/i;

const BASE_NAMES = ["PATH", "HOME", "CI", "LANG", "TMPDIR"] as const;
const FALLBACK_PATH = "/usr/local/bin:/usr/bin:/bin";

export interface ChildEnvironment {
  env: Record<string, string>;
  /** Listed names that were not set in the parent environment. */
  missing: string[];
  /** Values of listed names that look like secrets (to be registered for masking). */
  secretValues: string[];
}

/**
 * The minimal environment of a script: PATH, HOME, CI, LANG, TMPDIR, the non-secret `GITHUB_*`
 * variables, and exactly the names the manifest entry lists (which may include secrets).
 */
export function buildChildEnvironment(
  parent: Readonly<Record<string, string | undefined>>,
  listed: readonly string[],
): ChildEnvironment {
  const env: Record<string, string> = {};
  for (const name of BASE_NAMES) {
    const value = parent[name];
    if (value !== undefined) env[name] = value;
  }
  env.PATH ??= FALLBACK_PATH;
  for (const [name, value] of Object.entries(parent)) {
    if (value !== undefined && name.startsWith("GITHUB_") && !SECRET_NAME.test(name)) env[name] = value;
  }
  const missing: string[] = [];
  const secretValues: string[] = [];
  for (const name of listed) {
    const value = parent[name];
    if (value === undefined) {
      missing.push(name);
      continue;
    }
    env[name] = value;
    if (SECRET_NAME.test(name)) secretValues.push(value);
  }
  return { env, missing, secretValues };
}
