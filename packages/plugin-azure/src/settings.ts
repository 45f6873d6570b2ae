import { parseBaseUrl } from "@notion-ops/core";
import { azureCloudFor } from "./cloud.js";

export const DEFAULT_RESOURCE_MANAGER_URL = "https://management.azure.com";

/** What the plugin reads from the environment (never from the config file). */
export interface AzureSettings {
  tenantId: string | undefined;
  clientId: string | undefined;
  clientSecret: string | undefined;
  resourceManagerUrl: URL;
  /** Token scope, e.g. https://management.azure.com/.default (from the cloud of resourceManagerUrl). */
  scope: string;
  authorityHost: string;
  /** Running as a GitHub Actions job. */
  inGitHubActions: boolean;
  /** The job may request a GitHub OIDC token (the workflow grants `id-token: write`). */
  oidcAvailable: boolean;
}

const value = (text: string | undefined): string | undefined => {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
};

/** Reads and checks the Azure environment; a malformed base URL is a UsageError naming the variable. */
export function readAzureSettings(env: Readonly<Record<string, string | undefined>>): AzureSettings {
  const resourceManagerUrl = parseBaseUrl(
    value(env.AZURE_RESOURCE_MANAGER_URL) ?? DEFAULT_RESOURCE_MANAGER_URL,
    "AZURE_RESOURCE_MANAGER_URL",
  );
  const cloud = azureCloudFor(resourceManagerUrl);
  const authorityHost = value(env.AZURE_AUTHORITY_HOST);
  return {
    tenantId: value(env.AZURE_TENANT_ID),
    clientId: value(env.AZURE_CLIENT_ID),
    clientSecret: value(env.AZURE_CLIENT_SECRET),
    resourceManagerUrl,
    scope: cloud.scope,
    authorityHost: authorityHost
      ? parseBaseUrl(authorityHost, "AZURE_AUTHORITY_HOST").toString().replace(/\/$/, "")
      : cloud.authorityHost,
    inGitHubActions: env.GITHUB_ACTIONS === "true",
    oidcAvailable: value(env.ACTIONS_ID_TOKEN_REQUEST_URL) !== undefined,
  };
}
