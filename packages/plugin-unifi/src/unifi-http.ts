import { createHttpClient, type HttpClient, type PluginContext } from "@notion-ops/core";
import { Agent } from "undici";
import { errorEnvelopeSchema } from "./site-manager-schemas.js";

export interface UnifiHttpOptions {
  baseUrl: string | URL;
  apiKey: string;
  timeoutMs: number;
  /** Accept a self-signed certificate (a local console, only when the user opted in). */
  allowSelfSignedTls?: boolean;
  maxRetries?: number;
}

/**
 * The HTTP client for every UniFi API: `X-API-KEY` auth, the key masked everywhere, and the
 * vendor's trace id (Site Manager `traceId`, integration API `requestId`) kept in errors.
 */
export function createUnifiHttp(context: PluginContext<unknown>, options: UnifiHttpOptions): HttpClient {
  return createHttpClient({
    source: "unifi",
    baseUrl: options.baseUrl,
    headers: () => ({ "X-API-KEY": options.apiKey }),
    secrets: () => [options.apiKey],
    traceId: ({ headers, body }) => {
      const { traceId, requestId } = (body && typeof body === "object" ? body : {}) as Record<
        string,
        unknown
      >;
      if (typeof traceId === "string" && traceId) return traceId;
      if (typeof requestId === "string" && requestId) return requestId;
      return headers.get("x-request-id") ?? undefined;
    },
    errorMessage: vendorErrorMessage,
    timeoutMs: options.timeoutMs,
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    ...(context.fetch ? { fetch: context.fetch } : {}),
    ...(context.sleep ? { sleep: context.sleep } : {}),
    logger: context.logger,
    ...(options.allowSelfSignedTls
      ? { fetchInit: { dispatcher: new Agent({ connect: { rejectUnauthorized: false } }) } }
      : {}),
  });
}

/** `message (code)` from either error schema (Site Manager or integration API). */
export function vendorErrorMessage(body: unknown): string | undefined {
  const parsed = errorEnvelopeSchema.safeParse(body);
  if (!parsed.success || !parsed.data.message) return undefined;
  return parsed.data.code ? `${parsed.data.message} (${parsed.data.code})` : parsed.data.message;
}
