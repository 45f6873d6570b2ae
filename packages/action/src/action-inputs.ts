import * as core from "@actions/core";
import { UsageError } from "@notion-ops/core";
import { INLINE_MANIFEST_ENV } from "./commands/run-scripts.js";

type Env = Readonly<Record<string, string | undefined>>;

/** Inputs holding secrets: masked before anything else happens. */
export const SECRET_INPUTS = [
  "notion-token",
  "unifi-api-key",
  "ninjaone-client-secret",
  "github-token",
] as const;

/** Inputs copied into the environment the CLI reads. */
const ENV_INPUTS: Record<string, string> = {
  "notion-token": "NOTION_TOKEN",
  "notion-base-url": "NOTION_BASE_URL",
  "rate-limit": "NOTION_OPS_RATE_LIMIT",
  "github-token": "GITHUB_TOKEN",
  "unifi-api-key": "UNIFI_API_KEY",
  "unifi-base-url": "UNIFI_BASE_URL",
  "ninjaone-client-id": "NINJAONE_CLIENT_ID",
  "ninjaone-client-secret": "NINJAONE_CLIENT_SECRET",
  "ninjaone-base-url": "NINJAONE_BASE_URL",
  "azure-tenant-id": "AZURE_TENANT_ID",
  "azure-client-id": "AZURE_CLIENT_ID",
  "azure-resource-manager-url": "AZURE_RESOURCE_MANAGER_URL",
};

/** Per command: input name → CLI option (strings) or flag (booleans). */
const COMMAND_INPUTS: Record<string, { strings?: Record<string, string>; flags?: Record<string, string> }> = {
  sync: { strings: { only: "--only", sites: "--sites", date: "--date" }, flags: { "dry-run": "--dry-run" } },
  setup: { strings: { "parent-page": "--parent-page" }, flags: { "dry-run": "--dry-run" } },
  doctor: { flags: { repair: "--repair" } },
  "log-changes": { strings: { event: "--event" } },
  "log-change": {
    strings: { site: "--site", tool: "--tool", "change-action": "--action", engineer: "--engineer" },
  },
  "run-scripts": { strings: { manifest: "--manifest" }, flags: { "dry-run": "--dry-run" } },
  "config check": {},
  demo: {},
};

/**
 * Maps the Action's inputs onto the CLI's argv and environment, so the Action is a thin layer
 * over the same run() the CLI uses. Inputs are validated here: the runner does not enforce them.
 */
export function actionArguments(processEnv: Env): {
  argv: string[];
  env: Record<string, string | undefined>;
} {
  const input = (name: string) => processEnv[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`]?.trim() ?? "";
  for (const name of SECRET_INPUTS) {
    const value = input(name);
    if (value) core.setSecret(value);
  }
  const flag = (name: string) => {
    const value = input(name).toLowerCase();
    if (value === "" || value === "false") return false;
    if (value === "true") return true;
    throw new UsageError(`input ${name} must be true or false, got "${input(name)}"`);
  };

  const command = input("command").replace(/\s+/g, " ");
  const spec = COMMAND_INPUTS[command];
  if (!spec) {
    throw new UsageError(
      `input command must be one of ${Object.keys(COMMAND_INPUTS).join(", ")}; got "${command || "(empty)"}"`,
    );
  }
  const argv = [...command.split(" "), "--config", input("config") || "notion-ops.yml"];
  for (const [name, option] of Object.entries(spec.strings ?? {})) {
    const value = input(name);
    if (value) argv.push(option, value);
  }
  for (const [name, option] of Object.entries(spec.flags ?? {})) if (flag(name)) argv.push(option);
  if (flag("verbose")) argv.push("--verbose");

  const env: Record<string, string | undefined> = { ...processEnv };
  for (const [name, variable] of Object.entries(ENV_INPUTS)) {
    const value = input(name);
    if (value) env[variable] = value;
  }
  if (command === "run-scripts" && !input("manifest") && input("scripts"))
    env[INLINE_MANIFEST_ENV] = input("scripts");
  const rate = env.NOTION_OPS_RATE_LIMIT;
  if (rate !== undefined && !(Number(rate) > 0)) {
    throw new UsageError(`input rate-limit must be a number of requests per second above 0, got "${rate}"`);
  }
  return { argv, env };
}
