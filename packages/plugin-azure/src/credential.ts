import * as actionsCore from "@actions/core";
import type { TokenCredential } from "@azure/core-auth";
import { AzureCliCredential, ClientAssertionCredential, ClientSecretCredential } from "@azure/identity";
import { DataSourceError, type Logger } from "@notion-ops/core";
import type { AzureSettings } from "./settings.js";

/** The audience Entra expects on a GitHub token presented through a federated credential. */
export const GITHUB_OIDC_AUDIENCE = "api://AzureADTokenExchange";

/** The lines a workflow needs so that its jobs may request a GitHub OIDC token. */
export const ID_TOKEN_PERMISSION_SNIPPET = "permissions:\n  id-token: write\n  contents: read";

export type AzureCredentialMethod = "github-oidc" | "client-secret" | "azure-cli" | "injected";

export interface AzureCredentialSelection {
  credential: TokenCredential;
  method: AzureCredentialMethod;
  /** For messages: "GitHub OIDC (federated credential of client 1234…)". */
  description: string;
}

export interface SelectCredentialOptions {
  logger?: Logger;
  /** Fetches the GitHub OIDC token; defaults to `@actions/core` getIDToken (a fresh token per call). */
  getIdToken?: (audience: string) => Promise<string>;
}

/**
 * Chooses how to sign in to Entra:
 * - in GitHub Actions: GitHub OIDC exchanged through a federated credential (no stored secret);
 *   a job without the id-token permission gets an error that says what to add to the workflow;
 * - elsewhere: the client secret when AZURE_CLIENT_SECRET is set, else the Azure CLI's login.
 */
export function selectAzureCredential(
  settings: AzureSettings,
  options: SelectCredentialOptions = {},
): AzureCredentialSelection {
  try {
    return chooseCredential(settings, options);
  } catch (error) {
    if (DataSourceError.is(error)) throw error;
    // @azure/identity refuses malformed tenant ids and the like while constructing a credential.
    throw new DataSourceError(
      "azure",
      `azure: cannot set up Azure sign-in: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error, details: { reason: "credentials_invalid" } },
    );
  }
}

function chooseCredential(
  settings: AzureSettings,
  options: SelectCredentialOptions,
): AzureCredentialSelection {
  const { logger } = options;
  if (settings.inGitHubActions) {
    if (!settings.oidcAvailable) throw missingIdTokenPermission();
    const { tenantId, clientId } = requireIds(settings, "GitHub OIDC sign-in");
    if (settings.clientSecret) {
      logger?.warn(
        "azure: AZURE_CLIENT_SECRET is ignored in GitHub Actions, which signs in with GitHub OIDC; remove the secret from the workflow",
      );
    }
    const getIdToken = options.getIdToken ?? ((audience: string) => actionsCore.getIDToken(audience));
    const credential = new ClientAssertionCredential(
      tenantId,
      clientId,
      // Called on every token acquisition, so an expired GitHub token is never reused.
      async () => {
        const token = await getIdToken(GITHUB_OIDC_AUDIENCE);
        logger?.addSecret(token);
        return token;
      },
      { authorityHost: settings.authorityHost },
    );
    return {
      credential,
      method: "github-oidc",
      description: `GitHub OIDC (federated credential of client ${clientId})`,
    };
  }
  if (settings.clientSecret) {
    const { tenantId, clientId } = requireIds(settings, "client-secret sign-in");
    logger?.addSecret(settings.clientSecret);
    const credential = new ClientSecretCredential(tenantId, clientId, settings.clientSecret, {
      authorityHost: settings.authorityHost,
    });
    return { credential, method: "client-secret", description: `client secret of client ${clientId}` };
  }
  const credential = new AzureCliCredential(settings.tenantId ? { tenantId: settings.tenantId } : {});
  return { credential, method: "azure-cli", description: "the Azure CLI login (az login)" };
}

export function missingIdTokenPermission(): DataSourceError {
  return new DataSourceError(
    "azure",
    "azure: this GitHub Actions job cannot request a GitHub OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is not set), " +
      "so it cannot sign in to Azure. Grant the id-token permission by adding these lines to the workflow " +
      `(top level, or under the job):\n\n${ID_TOKEN_PERMISSION_SNIPPET}\n\n` +
      "Setting `permissions` replaces the defaults, which is why `contents: read` is listed too. " +
      "Pull requests from forks never receive an OIDC token.",
    { details: { reason: "id_token_permission_missing" } },
  );
}

function requireIds(settings: AzureSettings, purpose: string): { tenantId: string; clientId: string } {
  const missing = [
    settings.tenantId ? undefined : "AZURE_TENANT_ID",
    settings.clientId ? undefined : "AZURE_CLIENT_ID",
  ].filter((name): name is string => name !== undefined);
  if (missing.length > 0 || !settings.tenantId || !settings.clientId) {
    throw new DataSourceError(
      "azure",
      `azure: ${purpose} needs ${missing.join(" and ")} (the directory (tenant) id and the application (client) id of the Entra app registration); they are not secret, so set them as workflow env or repository variables`,
      { details: { reason: "credentials_missing", missing } },
    );
  }
  return { tenantId: settings.tenantId, clientId: settings.clientId };
}
