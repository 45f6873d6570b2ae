import type { Logger } from "../log/index.js";
import type { Clock } from "./clock.js";
import { formatDuration } from "./duration.js";
import { NotionAmbiguousWriteError, type RequestContext, retriesExhaustedError } from "./errors-map.js";
import type { MetricsRecorder } from "./metrics.js";
import { backoffDelay, type RetryPolicy } from "./retry-policy.js";

export interface KeyedCreateSpec<T> {
  context: RequestContext;
  /** What is being created, for messages, e.g. `page with Site Key = "ACME-001"`. */
  description: string;
  /** One create attempt (throttled and retried for unambiguous failures by the request runner). */
  create(): Promise<T>;
  /** Finds the record by its key; undefined when it is not there. */
  lookup(): Promise<T | undefined>;
}

export interface KeyedCreateResult<T> {
  value: T;
  /** `found_existing`: an earlier attempt that failed ambiguously had in fact created it. */
  outcome: "created" | "found_existing";
  /** Attempts that failed ambiguously before the outcome. */
  ambiguousFailures: number;
}

export interface KeyedCreateDeps {
  policy: RetryPolicy;
  clock: Clock;
  random: () => number;
  metrics: MetricsRecorder;
  logger: Logger;
}

/**
 * Creates a record at most once. When a create fails ambiguously (timeout, 5xx, dropped
 * connection: it may have landed), waits a backoff step (so a create still in flight on Notion's
 * side can finish), looks the record up by its key, and returns it if found; only if it is absent
 * is the create tried again. Bounded by the same retry budget as every other request.
 */
export async function createKeyed<T>(
  spec: KeyedCreateSpec<T>,
  deps: KeyedCreateDeps,
): Promise<KeyedCreateResult<T>> {
  const { policy, clock, random, metrics, logger } = deps;
  const startedAt = clock.now();
  const failures: string[] = [];
  let ambiguousFailures = 0;
  for (;;) {
    try {
      return { value: await spec.create(), outcome: "created", ambiguousFailures };
    } catch (error) {
      if (!NotionAmbiguousWriteError.is(error)) throw error;
      ambiguousFailures += 1;
      failures.push(String(error.details.failure ?? "ambiguous failure"));
      const waitMs = backoffDelay(ambiguousFailures, policy, random);
      const elapsed = clock.now() - startedAt;
      if (ambiguousFailures > policy.maxRetries || elapsed + waitMs > policy.maxRetryTimeMs) {
        throw retriesExhaustedError(
          spec.context,
          {
            attempts: ambiguousFailures,
            elapsedMs: elapsed,
            failures,
            rateLimited: false,
            lastError: error,
            reason:
              ambiguousFailures > policy.maxRetries
                ? `retry limit of ${policy.maxRetries} reached; every attempt failed ambiguously`
                : `the retry budget of ${formatDuration(policy.maxRetryTimeMs)} ran out`,
          },
          (s) => logger.mask(s),
        );
      }
      logger.debug(
        `${spec.context.kind}: ${error.details.failure} for ${spec.description}; looking it up in ` +
          `${formatDuration(waitMs)} before trying again.`,
      );
      metrics.backoff(waitMs);
      await clock.sleep(waitMs);
      const existing = await spec.lookup();
      if (existing !== undefined) {
        metrics.recovered();
        logger.debug(`${spec.context.kind}: ${spec.description} had been created after all; using it.`);
        return { value: existing, outcome: "found_existing", ambiguousFailures };
      }
    }
  }
}
