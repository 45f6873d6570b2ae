import type { TokenCredential } from "@azure/core-auth";
import type { HttpClient, PluginContext } from "@notion-ops/core";
import { createArmClient } from "./arm-client.js";
import type { AzureConfig } from "./config.js";
import { type AzureCredentialSelection, selectAzureCredential } from "./credential.js";
import { type AzureSettings, readAzureSettings } from "./settings.js";
import { createTokenSource, type TokenSource } from "./token-source.js";

export interface AzureSessionOptions {
  /** A credential to use instead of choosing one from the environment (tests, embedding). */
  credential?: TokenCredential;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  maxRetries?: number;
  random?: () => number;
}

export interface AzureSession {
  settings: AzureSettings;
  selection: AzureCredentialSelection;
  tokens: TokenSource;
  http: HttpClient;
}

/** Everything one check or collect needs: settings, the credential, tokens and the ARM client. */
export function openAzureSession(
  context: PluginContext<AzureConfig>,
  options: AzureSessionOptions = {},
): AzureSession {
  const settings = readAzureSettings(context.env);
  context.logger.addSecret(settings.clientSecret);
  context.logger.addSecret(context.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
  const selection: AzureCredentialSelection = options.credential
    ? { credential: options.credential, method: "injected", description: "the supplied credential" }
    : selectAzureCredential(settings, { logger: context.logger });
  const tokens = createTokenSource(selection, settings.scope, {
    logger: context.logger,
    ...(context.now ? { now: context.now } : {}),
  });
  const http = createArmClient({
    baseUrl: settings.resourceManagerUrl,
    tokens,
    logger: context.logger,
    ...(context.fetch ? { fetch: context.fetch } : {}),
    ...(context.sleep ? { sleep: context.sleep } : {}),
    ...(context.now ? { now: context.now } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
  });
  return { settings, selection, tokens, http };
}

/** Who is signing in, in words a user can act on. */
export function identityOf(session: AzureSession): string {
  const { selection, settings } = session;
  if (selection.method === "injected" || selection.method === "azure-cli") return selection.description;
  return `the app registration ${settings.clientId}`;
}
