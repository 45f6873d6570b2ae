import { DataSourceError } from "../errors.js";
import type { Logger } from "../log/logger.js";
import { SecretMasker } from "../log/secret-masker.js";

/**
 * The HTTP client every plugin uses: timeouts, Retry-After-aware retries with exponential
 * backoff and jitter, typed errors carrying the vendor's trace id, and credentials redacted from
 * every message it produces.
 */
export interface HttpClientOptions {
  /** Plugin name, used in error messages ("unifi: …"). */
  source: string;
  baseUrl: string | URL;
  /** Headers for every request, e.g. auth; may be async (token fetch). */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  fetch?: typeof fetch;
  /** Per-attempt timeout (default 30 s). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 4). */
  maxRetries?: number;
  /** Backoff base (default 500 ms), doubled per attempt with full jitter, capped at maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Longest Retry-After honoured before giving up (default 300 s). */
  maxRetryAfterMs?: number;
  /** Values to scrub from error messages and logs (API keys, secrets, tokens). */
  secrets?: () => Iterable<string | undefined>;
  /** Reads the vendor's trace/request id from a response (body already parsed when JSON). */
  traceId?: (response: { headers: Headers; body: unknown }) => string | undefined;
  /** Reads a human message from a vendor error body. */
  errorMessage?: (body: unknown) => string | undefined;
  /** Called once when a request gets 401; return true to retry it once (e.g. after refreshing a token). */
  onUnauthorized?: () => Promise<boolean>;
  /** Sees every response's headers (e.g. to slow down on quota headers). */
  onResponse?: (headers: Headers) => void | Promise<void>;
  /** Extra fetch init (e.g. an undici dispatcher for a self-signed local console). */
  fetchInit?: Record<string, unknown>;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface HttpRequest {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path relative to the base URL (a leading slash keeps the base path). */
  path: string;
  query?: Record<string, string | number | boolean | readonly (string | number)[] | undefined>;
  /** JSON body. */
  json?: unknown;
  /** application/x-www-form-urlencoded body. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Skip the default headers() (used by token endpoints). */
  anonymous?: boolean;
}

export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

export interface HttpClient {
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
  /** Builds the absolute URL of a request (for messages and tests). */
  url(path: string, query?: HttpRequest["query"]): URL;
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504, 529]);
const RETRYABLE_NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENOTFOUND",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/** Certificate problems: retrying cannot help, and the message must say what is wrong. */
const TLS_CERTIFICATE_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_UNTRUSTED",
  "CERT_SIGNATURE_FAILURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Parses Retry-After as delta-seconds (possibly fractional) or an HTTP date; undefined if absent/invalid. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const base = new URL(options.baseUrl);
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetries = options.maxRetries ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 300_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;

  const redact = (text: string): string => {
    const masker = new SecretMasker();
    for (const secret of options.secrets?.() ?? []) masker.add(secret);
    const masked = masker.mask(text);
    return options.logger ? options.logger.mask(masked) : masked;
  };

  const url = (path: string, query?: HttpRequest["query"]): URL => {
    const basePath = base.pathname.endsWith("/") ? base.pathname : `${base.pathname}/`;
    const target = new URL(base.toString());
    target.pathname = `${basePath}${path.replace(/^\//, "")}`;
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value) target.searchParams.append(key, String(v));
      else target.searchParams.set(key, String(value));
    }
    return target;
  };

  const fail = (
    message: string,
    extra: { status?: number; traceId?: string | undefined; cause?: unknown } = {},
  ): DataSourceError =>
    new DataSourceError(options.source, redact(`${options.source}: ${message}`), {
      ...(extra.status === undefined ? {} : { status: extra.status }),
      ...(extra.traceId === undefined ? {} : { traceId: extra.traceId }),
      ...(extra.cause === undefined ? {} : { cause: extra.cause }),
    });

  async function request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    const method = req.method ?? "GET";
    const target = url(req.path, req.query);
    const label = `${method} ${target.pathname}`;
    let refreshedAuth = false;
    let lastProblem = "";
    const started = Date.now();

    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = {
        accept: "application/json",
        ...(req.anonymous ? {} : await options.headers?.()),
        ...req.headers,
      };
      let body: string | undefined;
      if (req.json !== undefined) {
        headers["content-type"] = "application/json";
        body = JSON.stringify(req.json);
      } else if (req.form) {
        headers["content-type"] = "application/x-www-form-urlencoded";
        body = new URLSearchParams(req.form).toString();
      }

      let response: Response;
      try {
        response = await doFetch(target, {
          method,
          headers,
          ...(body === undefined ? {} : { body }),
          signal: AbortSignal.timeout(timeoutMs),
          ...options.fetchInit,
        } as RequestInit);
      } catch (error) {
        const problem = describeNetworkError(error, timeoutMs);
        if (!problem.retryable || attempt >= maxRetries) {
          throw fail(
            `${label} failed: ${problem.text}${attempt > 0 ? ` (after ${attempt + 1} attempts over ${elapsed(started)})` : ""}`,
            { cause: error },
          );
        }
        lastProblem = problem.text;
        const delay = backoff(attempt);
        options.logger?.debug(redact(`${options.source}: ${label} ${problem.text}; retrying in ${delay} ms`));
        await sleep(delay);
        continue;
      }

      await options.onResponse?.(response.headers);
      const text = await response.text().catch(() => "");
      const parsed = parseBody(text, response.headers);
      if (response.ok) return { status: response.status, headers: response.headers, data: parsed as T };

      const traceId = options.traceId?.({ headers: response.headers, body: parsed });
      if (response.status === 401 && options.onUnauthorized && !refreshedAuth) {
        refreshedAuth = true;
        if (await options.onUnauthorized()) continue;
      }
      const vendorMessage = options.errorMessage?.(parsed) ?? summarizeBody(text);
      const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
      const retryable = RETRYABLE_STATUS.has(response.status);
      if (!retryable || attempt >= maxRetries || (retryAfter !== undefined && retryAfter > maxRetryAfterMs)) {
        const attempts = attempt > 0 ? ` after ${attempt + 1} attempts over ${elapsed(started)}` : "";
        const trace = traceId ? ` [trace id ${traceId}]` : "";
        throw fail(`${label} returned ${response.status}${attempts}: ${vendorMessage}${trace}`, {
          status: response.status,
          traceId,
        });
      }
      lastProblem = `${response.status}`;
      const delay = retryAfter ?? backoff(attempt);
      options.logger?.debug(
        redact(`${options.source}: ${label} returned ${response.status}; retrying in ${delay} ms`),
      );
      await sleep(delay);
    }
    // biome-ignore lint/correctness/noUnreachable: the loop only exits by return or throw
    throw fail(`${label} failed: ${lastProblem}`);
  }

  function backoff(attempt: number): number {
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
  }

  return { request, url };
}

function parseBody(text: string, headers: Headers): unknown {
  if (!text) return undefined;
  const type = headers.get("content-type") ?? "";
  if (type.includes("json") || /^[[{]/.test(text.trim())) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function summarizeBody(text: string): string {
  const flat = text
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!flat) return "empty response body";
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}

function describeNetworkError(error: unknown, timeoutMs: number): { text: string; retryable: boolean } {
  const err = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  if (err?.name === "TimeoutError" || err?.name === "AbortError") {
    return { text: `no response within ${timeoutMs} ms`, retryable: true };
  }
  const code = err?.cause?.code ?? err?.code;
  if (code && TLS_CERTIFICATE_CODES.has(code)) {
    return { text: `TLS certificate not trusted (${code})`, retryable: false };
  }
  if (code && RETRYABLE_NETWORK_CODES.has(code)) return { text: `network error ${code}`, retryable: true };
  if (err?.name === "TypeError" && /fetch failed|terminated|socket/i.test(err.message ?? "")) {
    return { text: `network error (${err.message})`, retryable: true };
  }
  return { text: err?.message ?? String(error), retryable: false };
}

function elapsed(started: number): string {
  const ms = Date.now() - started;
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
