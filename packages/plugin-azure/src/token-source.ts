import type { AccessToken } from "@azure/core-auth";
import { DataSourceError, type Logger } from "@notion-ops/core";
import type { AzureCredentialSelection } from "./credential.js";
import { tokenErrorHint } from "./token-error.js";

/** Renew a cached token this long before it expires. */
const EXPIRY_MARGIN_MS = 2 * 60_000;

/** Bearer tokens for one scope, cached until shortly before they expire. */
export interface TokenSource {
  token(): Promise<string>;
  /** Forget the cached token (after a 401). */
  invalidate(): void;
  /** Every token handed out, for redaction. */
  secrets(): string[];
}

export function createTokenSource(
  selection: AzureCredentialSelection,
  scope: string,
  options: { now?: () => Date; logger?: Logger } = {},
): TokenSource {
  const now = () => (options.now ? options.now().getTime() : Date.now());
  const issued: string[] = [];
  let cached: AccessToken | undefined;

  const fresh = (token: AccessToken | undefined): token is AccessToken => {
    if (!token) return false;
    const renewAt = token.refreshAfterTimestamp ?? token.expiresOnTimestamp - EXPIRY_MARGIN_MS;
    return now() < renewAt;
  };

  return {
    async token() {
      if (fresh(cached)) return cached.token;
      let token: AccessToken | null;
      try {
        token = await selection.credential.getToken(scope);
      } catch (error) {
        throw signInError(selection, scope, error, options.logger);
      }
      if (!token?.token) throw signInError(selection, scope, new Error("the credential returned no token"));
      cached = token;
      issued.push(token.token);
      options.logger?.addSecret(token.token);
      return token.token;
    },
    invalidate() {
      cached = undefined;
    },
    secrets: () => [...issued],
  };
}

function signInError(
  selection: AzureCredentialSelection,
  scope: string,
  error: unknown,
  logger?: Logger,
): DataSourceError {
  const raw = error instanceof Error ? error.message : String(error);
  const text = (logger ? logger.mask(raw) : raw).replace(/\s+/g, " ").trim();
  const hint = tokenErrorHint(text);
  return new DataSourceError(
    "azure",
    `azure: could not get a token for ${scope} with ${selection.description}: ${text}${hint ? ` (${hint})` : ""}`,
    { cause: error, details: { reason: "sign_in_failed", method: selection.method } },
  );
}
