import type { DataSourcePlugin } from "@notion-ops/core";
import { azurePlugin } from "@notion-ops/plugin-azure";
import { ninjaonePlugin } from "@notion-ops/plugin-ninjaone";
import { unifiPlugin } from "@notion-ops/plugin-unifi";

export interface PluginRegistry {
  plugins: readonly DataSourcePlugin[];
  get(name: string): DataSourcePlugin | undefined;
  /** `sources.<name>` schemas for config validation. */
  sourceSchemas(): Record<string, DataSourcePlugin["configSchema"]>;
}

/**
 * The data sources this build knows. Registered statically: a bundled Action cannot import()
 * plugins by name.
 */
export const BUILTIN_PLUGINS: readonly DataSourcePlugin[] = [
  unifiPlugin as DataSourcePlugin,
  ninjaonePlugin as DataSourcePlugin,
  azurePlugin as DataSourcePlugin,
];

/** Checks each plugin against the interface at start-up, so a broken build fails loudly and early. */
export function createPluginRegistry(plugins: readonly DataSourcePlugin[] = BUILTIN_PLUGINS): PluginRegistry {
  const byName = new Map<string, DataSourcePlugin>();
  for (const plugin of plugins) {
    const problems = interfaceProblems(plugin);
    if (problems.length > 0) {
      throw new Error(
        `plugin ${String(plugin?.name ?? "(unnamed)")} does not implement the interface: ${problems.join("; ")}`,
      );
    }
    if (byName.has(plugin.name)) throw new Error(`two plugins are named "${plugin.name}"`);
    byName.set(plugin.name, plugin);
  }
  return {
    plugins,
    get: (name) => byName.get(name),
    sourceSchemas: () => Object.fromEntries(plugins.map((p) => [p.name, p.configSchema])),
  };
}

function interfaceProblems(plugin: DataSourcePlugin): string[] {
  const problems: string[] = [];
  if (!plugin || typeof plugin !== "object") return ["not an object"];
  if (typeof plugin.name !== "string" || !/^[a-z][a-z0-9-]*$/.test(plugin.name))
    problems.push("name must be lowercase");
  if (typeof plugin.displayName !== "string") problems.push("displayName missing");
  if (typeof plugin.check !== "function") problems.push("check() missing");
  if (typeof plugin.collect !== "function") problems.push("collect() missing");
  if (
    !plugin.configSchema ||
    typeof (plugin.configSchema as { safeParse?: unknown }).safeParse !== "function"
  ) {
    problems.push("configSchema must be a zod schema");
  }
  const creds = plugin.credentials;
  if (!creds || !Array.isArray(creds.env) || !Array.isArray(creds.required) || !Array.isArray(creds.secret)) {
    problems.push("credentials must list env, required and secret variables");
  } else {
    for (const name of [...creds.required, ...creds.secret]) {
      if (!creds.env.includes(name)) problems.push(`credential ${name} is not listed in env`);
    }
  }
  return problems;
}
