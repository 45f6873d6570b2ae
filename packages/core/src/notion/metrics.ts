import { formatDuration } from "./duration.js";

/** A snapshot of what one client did; printed by every command at the end of its run. */
export interface NotionMetrics {
  /** HTTP requests sent (every attempt, retries included). */
  requests: number;
  /** Requests per call kind, e.g. `{ "pages.create": 300, "dataSources.query": 31 }`. */
  byKind: Record<string, number>;
  /** Attempt outcomes: HTTP status ("200", "429", "502") or "timeout" / "network" / "malformed_response". */
  byOutcome: Record<string, number>;
  retries: number;
  /** 429 `rate_limited` responses. */
  rateLimited: number;
  /** 529 `service_overload` responses. */
  overloaded: number;
  /** Failures that may have been applied (timeouts, 5xx, dropped connections). */
  ambiguousFailures: number;
  /** Keyed creates that found their record already present after an ambiguous failure. */
  recoveredCreates: number;
  /** Wall time during which a request waited for the rate limiter's next slot. */
  throttleWaitMs: number;
  /** Wall time the whole client was paused by a `Retry-After`. */
  retryAfterWaitMs: number;
  /** Time requests slept in backoff before a retry (summed over concurrent requests). */
  backoffWaitMs: number;
  /** Time since the client was created. */
  wallTimeMs: number;
  /** `requests / wallTimeMs`, per second. */
  requestsPerSecond: number;
}

export interface MetricsRecorder {
  request(kind: string): void;
  outcome(outcome: string): void;
  retry(): void;
  ambiguous(): void;
  recovered(): void;
  backoff(ms: number): void;
  snapshot(waits: { throttleWaitMs: number; retryAfterWaitMs: number }): NotionMetrics;
}

export function createMetricsRecorder(now: () => number): MetricsRecorder {
  const startedAt = now();
  const byKind: Record<string, number> = {};
  const byOutcome: Record<string, number> = {};
  let requests = 0;
  let retries = 0;
  let ambiguousFailures = 0;
  let recoveredCreates = 0;
  let backoffWaitMs = 0;
  return {
    request(kind) {
      requests += 1;
      byKind[kind] = (byKind[kind] ?? 0) + 1;
    },
    outcome(outcome) {
      byOutcome[outcome] = (byOutcome[outcome] ?? 0) + 1;
    },
    retry() {
      retries += 1;
    },
    ambiguous() {
      ambiguousFailures += 1;
    },
    recovered() {
      recoveredCreates += 1;
    },
    backoff(ms) {
      backoffWaitMs += ms;
    },
    snapshot(waits) {
      const wallTimeMs = Math.max(0, now() - startedAt);
      return {
        requests,
        byKind: { ...byKind },
        byOutcome: { ...byOutcome },
        retries,
        rateLimited: byOutcome["429"] ?? 0,
        overloaded: byOutcome["529"] ?? 0,
        ambiguousFailures,
        recoveredCreates,
        throttleWaitMs: waits.throttleWaitMs,
        retryAfterWaitMs: waits.retryAfterWaitMs,
        backoffWaitMs,
        wallTimeMs,
        requestsPerSecond: wallTimeMs > 0 ? (requests * 1000) / wallTimeMs : 0,
      };
    },
  };
}

/** One line for the end of a command, e.g. "Notion: 331 requests in 1 min 50 s (3.00/s); 2 retries; …". */
export function formatNotionMetrics(m: NotionMetrics): string {
  const parts = [
    `Notion: ${m.requests} request${m.requests === 1 ? "" : "s"} in ${formatDuration(m.wallTimeMs)} (${m.requestsPerSecond.toFixed(2)}/s)`,
    `${m.retries} retr${m.retries === 1 ? "y" : "ies"}`,
    `${m.rateLimited} × 429`,
  ];
  if (m.overloaded > 0) parts.push(`${m.overloaded} × 529`);
  if (m.ambiguousFailures > 0)
    parts.push(`${m.ambiguousFailures} ambiguous failures (${m.recoveredCreates} found on lookup)`);
  parts.push(`waited ${formatDuration(m.throttleWaitMs)} for the rate limit`);
  if (m.retryAfterWaitMs > 0) parts.push(`${formatDuration(m.retryAfterWaitMs)} on Retry-After`);
  if (m.backoffWaitMs > 0) parts.push(`${formatDuration(m.backoffWaitMs)} in backoff`);
  return parts.join("; ");
}
