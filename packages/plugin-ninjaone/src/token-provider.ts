import { DataSourceError, type HttpClient } from "@notion-ops/core";
import { NINJAONE_CLIENT_ID, NINJAONE_CLIENT_SECRET } from "./connection.js";
import { tokenResponseSchema } from "./schemas/token.js";

/** `offline_access` is never requested: it is for refresh tokens, and some instances reject it here. */
export const NINJAONE_SCOPE = "monitoring management";
export const TOKEN_PATH = "/ws/oauth/token";

/** Used when a token response has no `expires_in`: short, so a wrong guess costs one extra request. */
const FALLBACK_LIFETIME_S = 300;
/** Tokens are renewed this long before they expire (at most half their lifetime). */
const RENEW_MARGIN_S = 60;

export interface TokenProviderOptions {
  /** A client for the instance without auth headers and without 401 handling. */
  http: HttpClient;
  clientId: string;
  clientSecret: string;
  now: () => Date;
  /** Told about every new token (e.g. to register it as a secret for masking). */
  onToken?: (token: string) => void;
}

export interface TokenProvider {
  /** A valid access token: the cached one, or a new one when it is (about to be) expired. */
  get(): Promise<string>;
  /** Forgets the cached token (after a 401), so the next get() fetches a new one. */
  invalidate(): void;
  /** The cached token, if any (for masking). */
  current(): string | undefined;
}

/** OAuth2 client credentials against `POST /ws/oauth/token`, cached until shortly before expiry. */
export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    let data: unknown;
    try {
      ({ data } = await options.http.request({
        method: "POST",
        path: TOKEN_PATH,
        anonymous: true,
        form: {
          grant_type: "client_credentials",
          client_id: options.clientId,
          client_secret: options.clientSecret,
          scope: NINJAONE_SCOPE,
        },
      }));
    } catch (error) {
      throw explainTokenFailure(error, options.http.url(TOKEN_PATH));
    }
    const parsed = tokenResponseSchema.safeParse(data);
    if (!parsed.success) {
      throw new DataSourceError(
        "ninjaone",
        `ninjaone: the token endpoint ${options.http.url(TOKEN_PATH)} answered without an access_token; is NINJAONE_BASE_URL a NinjaOne instance?`,
      );
    }
    const lifetime =
      parsed.data.expires_in && parsed.data.expires_in > 0 ? parsed.data.expires_in : FALLBACK_LIFETIME_S;
    const margin = Math.min(RENEW_MARGIN_S, lifetime / 2);
    cached = {
      token: parsed.data.access_token,
      renewAt: options.now().getTime() + (lifetime - margin) * 1000,
    };
    options.onToken?.(cached.token);
    return cached.token;
  }

  return {
    get() {
      if (cached && options.now().getTime() < cached.renewAt) return Promise.resolve(cached.token);
      pending ??= fetchToken().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate() {
      cached = undefined;
    },
    current: () => cached?.token,
  };
}

/** Turns a failed token request into a message that says what to fix. */
function explainTokenFailure(error: unknown, endpoint: URL): unknown {
  if (!DataSourceError.is(error) || error.status === undefined) return error;
  const said = error.message.replace(/^ninjaone: /, "");
  const oauthCode = /\b(invalid_client|invalid_scope|unauthorized_client|unsupported_grant_type)\b/.exec(
    error.message,
  )?.[1];
  let message: string | undefined;
  if (oauthCode === "invalid_client" || (!oauthCode && error.status === 401)) {
    message =
      `NinjaOne rejected the client credentials: check ${NINJAONE_CLIENT_ID}/${NINJAONE_CLIENT_SECRET} and that the app is an ` +
      `API Services (machine-to-machine) app with the Client Credentials grant, created on the instance ${endpoint.origin} ` +
      `(sources.ninjaone.region / NINJAONE_BASE_URL)`;
  } else if (oauthCode === "invalid_scope") {
    message = `NinjaOne refused the scope "${NINJAONE_SCOPE}": allow the Monitoring and Management scopes on the API app`;
  } else if (oauthCode === "unauthorized_client" || oauthCode === "unsupported_grant_type") {
    message =
      "NinjaOne does not allow this app the Client Credentials grant: edit the API app and enable Client Credentials";
  }
  if (!message) return error;
  return new DataSourceError("ninjaone", `ninjaone: ${message} (token request said: ${said})`, {
    status: error.status,
    ...(error.traceId === undefined ? {} : { traceId: error.traceId }),
    cause: error,
  });
}
