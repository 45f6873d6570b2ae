import type { DataSourcePlugin, Observations, PluginContext } from "@notion-ops/core";
import { checkAzure } from "./check.js";
import { collectAzure } from "./collect.js";
import { type AzureConfig, azureConfigSchema } from "./config.js";
import { type AzureSessionOptions, identityOf, openAzureSession } from "./session.js";

export interface AzurePluginOptions extends AzureSessionOptions {
  /** Subscriptions per Resource Graph query (default and maximum 300). */
  batchSize?: number;
}

/** The Azure data source: Resource Graph inventory grouped into services, and Resource Health. */
export function createAzurePlugin(options: AzurePluginOptions = {}): DataSourcePlugin<AzureConfig> {
  return {
    name: "azure",
    displayName: "Azure",
    configSchema: azureConfigSchema,
    credentials: {
      env: [
        "AZURE_TENANT_ID",
        "AZURE_CLIENT_ID",
        "AZURE_CLIENT_SECRET",
        "AZURE_RESOURCE_MANAGER_URL",
        "AZURE_AUTHORITY_HOST",
      ],
      // None is needed for a local run signed in with `az login`; GitHub OIDC and the client
      // secret name the ones they miss.
      required: [],
      secret: ["AZURE_CLIENT_SECRET"],
    },
    check: (context) => checkAzure(context, options),
    collect: async (context: PluginContext<AzureConfig>): Promise<Observations> => {
      const session = openAzureSession(context, options);
      return collectAzure({
        http: session.http,
        config: context.config,
        logger: context.logger,
        identity: identityOf(session),
        ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      });
    },
  };
}

export const azurePlugin: DataSourcePlugin<AzureConfig> = createAzurePlugin();
