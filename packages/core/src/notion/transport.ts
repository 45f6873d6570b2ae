import { formatDuration } from "./duration.js";
import { type HttpFetch, type HttpResponse, nodeHttpFetch } from "./node-http-fetch.js";

/**
 * The HTTP edge under the SDK: a `fetch` with a real per-request timeout (the SDK only races a
 * timer and leaves the socket open) that reports transport failures as one recognisable error,
 * so a bug elsewhere that throws `TypeError` is never mistaken for a dropped connection and retried.
 */

export type TransportFailureKind = "timeout" | "network" | "malformed_response";

/** Error codes meaning the request never reached the server, so it cannot have been applied. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

export class NotionTransportError extends Error {
  readonly kind: TransportFailureKind;
  /** False only when the request certainly never reached Notion (connection refused, DNS failure). */
  readonly maybeApplied: boolean;
  /** The low-level error code (ECONNRESET, UND_ERR_SOCKET, …) when one is known. */
  readonly errorCode: string | undefined;

  constructor(
    kind: TransportFailureKind,
    message: string,
    options: { maybeApplied: boolean; errorCode?: string; cause?: unknown },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "NotionTransportError";
    this.kind = kind;
    this.maybeApplied = options.maybeApplied;
    this.errorCode = options.errorCode;
  }

  static is(error: unknown): error is NotionTransportError {
    return error instanceof NotionTransportError;
  }
}

/** The request shape the SDK hands to `fetch` (its `SupportedFetch`). */
export interface SdkFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | FormData;
  agent?: unknown;
}

export interface SdkFetchResponse {
  ok: boolean;
  status: number;
  headers: Headers;
  text(): Promise<string>;
}

export type SdkFetch = (url: string, init?: SdkFetchInit) => Promise<SdkFetchResponse>;

export function createTransport(baseFetch: typeof fetch | undefined, timeoutMs: number): SdkFetch {
  return async (url, init) => {
    const doFetch: HttpFetch = baseFetch ?? nodeHttpFetch;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const fail = (error: unknown): NotionTransportError =>
      timedOut
        ? new NotionTransportError("timeout", `no complete response within ${formatDuration(timeoutMs)}`, {
            maybeApplied: true,
            cause: error,
          })
        : networkFailure(error);

    let response: HttpResponse;
    try {
      response = await doFetch(url, {
        method: init?.method,
        headers: init?.headers,
        body: init?.body,
        signal: controller.signal,
      });
    } catch (error) {
      clearTimeout(timer);
      throw fail(error);
    }
    return {
      ok: response.ok,
      status: response.status,
      headers: response.headers,
      async text() {
        let text: string;
        try {
          text = await response.text();
        } catch (error) {
          throw fail(error);
        } finally {
          clearTimeout(timer);
        }
        if (response.ok && !isJson(text)) {
          throw new NotionTransportError(
            "malformed_response",
            `HTTP ${response.status} with a body that is not JSON (${text.length} characters)`,
            { maybeApplied: true },
          );
        }
        return text;
      },
    };
  };
}

function networkFailure(error: unknown): NotionTransportError {
  const code = errorCodeOf(error);
  const detail = describeCause(error);
  return new NotionTransportError("network", detail, {
    maybeApplied: code === undefined || !NOT_SENT_CODES.has(code),
    ...(code === undefined ? {} : { errorCode: code }),
    cause: error,
  });
}

function errorCodeOf(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeCause(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    const message = current instanceof Error ? current.message : String(current);
    const code = (current as { code?: unknown }).code;
    const part = typeof code === "string" && !message.includes(code) ? `${message} (${code})` : message;
    if (part && !parts.includes(part)) parts.push(part);
    current = (current as { cause?: unknown }).cause;
  }
  return parts.length > 0 ? `connection failed: ${parts.join(": ")}` : "connection failed";
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
