import { isHTTPResponseError, isNotionClientError, RequestTimeoutError } from "@notionhq/client";
import { NotionTransportError } from "./transport.js";

/** How hard one logical request is retried. */
export interface RetryPolicy {
  /** Retries after the first attempt (so at most `maxRetries + 1` attempts). */
  maxRetries: number;
  /** Give up once retrying would run past this much time since the first attempt. */
  maxRetryTimeMs: number;
  /** First backoff step; each retry doubles it, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 8,
  maxRetryTimeMs: 15 * 60_000,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
};

/**
 * What a failed attempt means for the next one.
 * - `rate_limited`: 429 or 529: Notion asked the whole integration to wait (`Retry-After`).
 * - `transient`: 409, 5xx (including HTML 502s), timeouts, dropped connections: worth retrying.
 *   `maybeApplied` says whether the server may have carried the request out before failing, which
 *   is what makes a failed create ambiguous.
 * - `fatal`: anything else (400, 401, 403, 404, …): retrying cannot help.
 */
export type FailureClass =
  | { kind: "rate_limited"; status: 429 | 529; retryAfterMs: number | undefined; label: string }
  | { kind: "transient"; maybeApplied: boolean; retryAfterMs: number | undefined; label: string }
  | { kind: "fatal"; label: string };

export function classifyFailure(error: unknown, nowMs: number): FailureClass {
  if (NotionTransportError.is(error)) {
    const what =
      error.kind === "timeout"
        ? `timeout (${error.message})`
        : error.kind === "malformed_response"
          ? `malformed response (${error.message})`
          : error.message;
    return { kind: "transient", maybeApplied: error.maybeApplied, retryAfterMs: undefined, label: what };
  }
  if (RequestTimeoutError.isRequestTimeoutError(error)) {
    return { kind: "transient", maybeApplied: true, retryAfterMs: undefined, label: "timeout" };
  }
  if (isHTTPResponseError(error)) {
    const label = describeHttpFailure(error.status, error.code, error.body);
    const retryAfterMs = parseRetryAfter(readHeader(error.headers, "retry-after"), nowMs);
    if (error.status === 429 || error.status === 529) {
      return { kind: "rate_limited", status: error.status, retryAfterMs, label };
    }
    if (error.status === 409) return { kind: "transient", maybeApplied: false, retryAfterMs, label };
    if (error.status >= 500) return { kind: "transient", maybeApplied: true, retryAfterMs, label };
    return { kind: "fatal", label };
  }
  if (isNotionClientError(error)) return { kind: "fatal", label: error.message };
  return { kind: "fatal", label: error instanceof Error ? error.message : String(error) };
}

/**
 * Exponential backoff with "equal" jitter: the nth retry waits between half and all of
 * `min(maxDelayMs, baseDelayMs * 2^(n-1))`, so waits grow but concurrent callers spread out.
 */
export function backoffDelay(retryNumber: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling / 2 + (r * ceiling) / 2);
}

/** `Retry-After` as delta-seconds (Notion sends an integer) or an HTTP date; never capped. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

function readHeader(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== "object") return undefined;
  const get = (headers as { get?: unknown }).get;
  if (typeof get === "function") {
    const value = get.call(headers, name);
    return typeof value === "string" ? value : undefined;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? String(value[0]) : String(value);
  }
  return undefined;
}

/** "429 rate_limited", "502 (HTML error page)", "503 database_connection_unavailable". */
export function describeHttpFailure(status: number, code: string, body: string): string {
  if (code !== "notionhq_client_response_error") return `${status} ${code}`;
  const trimmed = body.trimStart();
  if (trimmed.startsWith("<")) return `${status} (HTML error page)`;
  try {
    const parsed = JSON.parse(body) as { code?: unknown };
    if (typeof parsed.code === "string") return `${status} ${parsed.code}`;
  } catch {
    // not JSON: fall through
  }
  return trimmed.length === 0 ? `${status} (empty body)` : `${status} (unrecognised response)`;
}
