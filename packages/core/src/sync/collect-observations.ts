import type { Logger } from "../log/logger.js";
import type { Observations } from "../plugins/observations.js";
import type { DataSourcePlugin, PluginContext } from "../plugins/plugin.js";
import { validateObservations } from "../plugins/validate-observations.js";

export interface SourceFailure {
  source: string;
  message: string;
}

export interface CollectedObservations {
  observations: Observations[];
  /** Sources that could not be collected at all (their records are left as they are). */
  failures: SourceFailure[];
}

/**
 * Runs every configured source's collect() at once. A source that cannot run (missing
 * credentials, auth rejected, unreachable) is reported and the others go on; its devices are
 * not marked missing, since nothing is known about them this run.
 */
export async function collectObservations(options: {
  plugins: readonly DataSourcePlugin[];
  sources: Readonly<Record<string, unknown>>;
  env: PluginContext<unknown>["env"];
  logger: Logger;
  context?: Pick<PluginContext<unknown>, "fetch" | "sleep" | "now" | "signal">;
}): Promise<CollectedObservations> {
  const configured = options.plugins.filter((plugin) => options.sources[plugin.name] !== undefined);
  const settled = await Promise.all(
    configured.map(async (plugin): Promise<Observations | SourceFailure> => {
      const missing = plugin.credentials.required.filter((name) => !options.env[name]);
      if (missing.length > 0) {
        return {
          source: plugin.name,
          message: `${plugin.displayName} is configured but ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set`,
        };
      }
      try {
        const collected = await plugin.collect({
          ...options.context,
          config: options.sources[plugin.name],
          env: options.env,
          logger: options.logger,
        });
        const valid = validateObservations({ ...collected, source: plugin.name });
        options.logger.info(
          `${plugin.displayName}: ${valid.sites.length} sites, ${valid.devices.length} devices` +
            (valid.services.length ? `, ${valid.services.length} services` : "") +
            (valid.errors.length ? `, ${valid.errors.length} records skipped` : ""),
        );
        for (const note of valid.notes) options.logger.notice(`${plugin.displayName}: ${note}`);
        for (const error of valid.errors) {
          options.logger.warn(
            `${plugin.displayName}: ${error.entity} ${error.id ?? "(no id)"}: ${error.message}`,
          );
        }
        return valid;
      } catch (error) {
        return {
          source: plugin.name,
          message: options.logger.mask((error as Error)?.message ?? String(error)),
        };
      }
    }),
  );
  const observations: Observations[] = [];
  const failures: SourceFailure[] = [];
  for (const outcome of settled) {
    if ("sites" in outcome) observations.push(outcome);
    else {
      failures.push(outcome);
      options.logger.error(`${outcome.source}: ${outcome.message}`);
    }
  }
  return { observations, failures };
}
