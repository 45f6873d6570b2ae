import {
  DataSourceError,
  type DataSourcePlugin,
  type Observations,
  type PluginContext,
  validateObservations,
} from "@notion-ops/core";
import { checkUnifi } from "./check.js";
import { collectCloud } from "./collect-cloud.js";
import { collectConnector } from "./collect-connector.js";
import { collectLocal } from "./collect-local.js";
import { type UnifiConfig, unifiConfigSchema } from "./config.js";
import { readUnifiCredentials, unifiCredentials } from "./credentials.js";
import { CONSOLE_KEY_HELP, describeFailure, SITE_MANAGER_KEY_HELP } from "./failure-message.js";
import { createUnifiClients } from "./unifi-clients.js";

/** UniFi: Site Manager API (cloud), and the Network integration API (local or via the cloud connector). */
export const unifiPlugin: DataSourcePlugin<UnifiConfig> = {
  name: "unifi",
  displayName: "UniFi",
  configSchema: unifiConfigSchema,
  credentials: unifiCredentials,
  check: (context) => checkUnifi(context, (apiKey, baseUrl) => createUnifiClients(context, apiKey, baseUrl)),
  collect: collectUnifi,
};

async function collectUnifi(context: PluginContext<UnifiConfig>): Promise<Observations> {
  const read = readUnifiCredentials(context.env);
  if (!read.ok) throw new DataSourceError("unifi", `unifi: ${read.problem}`);
  const { apiKey, baseUrl } = read.credentials;
  context.logger.addSecret(apiKey);
  const clients = createUnifiClients(context, apiKey, baseUrl);
  const now = context.now?.() ?? new Date();
  const { mode } = context.config;
  try {
    const observations =
      mode === "local"
        ? await collectLocal(clients.local(), context.config, `console ${clients.consoleLabel}`, now)
        : mode === "connector"
          ? await collectConnector(clients.siteManager, clients.connector, context.config, now)
          : await collectCloud(clients.siteManager, context.config, now);
    const valid = validateObservations(observations);
    context.logger.info(
      `unifi (${mode}): ${valid.sites.length} site(s), ${valid.devices.length} device(s), ${valid.errors.length} record error(s)`,
    );
    return valid;
  } catch (error) {
    if (!DataSourceError.is(error)) throw error;
    const what = mode === "local" ? `console ${clients.consoleLabel}` : "Site Manager API";
    const origin = mode === "local" ? clients.consoleLabel : baseUrl.origin;
    const help = mode === "local" ? CONSOLE_KEY_HELP : SITE_MANAGER_KEY_HELP;
    throw new DataSourceError("unifi", `unifi: ${describeFailure(error, what, origin, help)}`, {
      cause: error,
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.traceId === undefined ? {} : { traceId: error.traceId }),
    });
  }
}
