import type { HttpClient, PluginContext } from "@notion-ops/core";
import type { UnifiConfig } from "./config.js";
import { connectorIntegrationBaseUrl, localIntegrationBaseUrl } from "./integration-base-url.js";
import { createUnifiHttp } from "./unifi-http.js";

/** The HTTP clients a run needs: Site Manager, a console through the connector, the local console. */
export interface UnifiClients {
  siteManager: HttpClient;
  connector(hostId: string): HttpClient;
  local(): HttpClient;
  /** The local console's address, for messages. */
  consoleLabel: string;
}

export function createUnifiClients(
  context: PluginContext<UnifiConfig>,
  apiKey: string,
  baseUrl: URL,
): UnifiClients {
  const timeoutMs = context.config.timeoutSeconds * 1000;
  const consoleUrl = context.config.consoleUrl ?? "https://console.invalid";
  return {
    siteManager: createUnifiHttp(context, { baseUrl, apiKey, timeoutMs }),
    connector: (hostId) =>
      createUnifiHttp(context, { baseUrl: connectorIntegrationBaseUrl(baseUrl, hostId), apiKey, timeoutMs }),
    local: () =>
      createUnifiHttp(context, {
        baseUrl: localIntegrationBaseUrl(consoleUrl),
        apiKey,
        timeoutMs,
        allowSelfSignedTls: context.config.allowSelfSignedTls,
      }),
    consoleLabel: new URL(consoleUrl).origin,
  };
}
