import { isHTTPResponseError } from "@notionhq/client";
import type { Logger } from "../log/index.js";
import type { Clock } from "./clock.js";
import { formatDuration } from "./duration.js";
import {
  describeTarget,
  mapNotionError,
  NotionAmbiguousWriteError,
  type RequestContext,
  retriesExhaustedError,
} from "./errors-map.js";
import type { MetricsRecorder } from "./metrics.js";
import { backoffDelay, classifyFailure, type RetryPolicy } from "./retry-policy.js";
import type { Throttle } from "./throttle.js";
import { NotionTransportError } from "./transport.js";

export interface RunOptions {
  /**
   * True when repeating the call after it may have been applied is harmless (reads, including
   * POST queries and search; updates that set values). False for creates and appends: those are
   * retried only after failures that certainly were not applied (429, 529, 409, refused connections).
   */
  idempotent: boolean;
  context: RequestContext;
}

export interface RequestRunner {
  run<T>(attempt: () => Promise<T>, options: RunOptions): Promise<T>;
}

export interface RequestRunnerDeps {
  throttle: Throttle;
  policy: RetryPolicy;
  clock: Clock;
  random: () => number;
  metrics: MetricsRecorder;
  logger: Logger;
}

/**
 * The one retry loop: every attempt takes a slot from the shared throttle; 429/529 pause the whole
 * client for `Retry-After`; transient failures back off with jitter; the budget (attempts and
 * time) ends in a typed error; failures that retrying cannot fix are mapped straight away.
 */
export function createRequestRunner(deps: RequestRunnerDeps): RequestRunner {
  const { throttle, policy, clock, random, metrics, logger } = deps;
  const mask = (s: string) => logger.mask(s);

  return {
    async run(attempt, { idempotent, context }) {
      const startedAt = clock.now();
      const failures: string[] = [];
      let retries = 0;
      for (;;) {
        await throttle.acquire();
        metrics.request(context.kind);
        try {
          const result = await attempt();
          metrics.outcome("ok");
          return result;
        } catch (error) {
          metrics.outcome(outcomeOf(error));
          const failure = classifyFailure(error, clock.now());
          if (failure.kind === "fatal") throw mapNotionError(error, context, mask);
          failures.push(failure.label);
          const on = describeTarget(context.target);
          const call = on ? `${context.kind} on ${on}` : context.kind;

          if (failure.kind === "transient" && failure.maybeApplied) {
            metrics.ambiguous();
            if (!idempotent) {
              throw new NotionAmbiguousWriteError(
                mask(
                  `${call} failed with ${failure.label} and may or may not have been applied; it was not ` +
                    `repeated blindly, to avoid a duplicate.`,
                ),
                { cause: error, details: { kind: context.kind, failure: failure.label } },
              );
            }
          }

          const elapsed = clock.now() - startedAt;
          const backoff = backoffDelay(retries + 1, policy, random);
          const waitMs =
            failure.kind === "rate_limited"
              ? (failure.retryAfterMs ?? backoff)
              : Math.max(backoff, failure.retryAfterMs ?? 0);
          const reason =
            retries >= policy.maxRetries
              ? `retry limit of ${policy.maxRetries} reached`
              : elapsed + waitMs > policy.maxRetryTimeMs
                ? `the next wait of ${formatDuration(waitMs)} would pass the ${formatDuration(policy.maxRetryTimeMs)} retry budget`
                : undefined;
          if (reason) {
            throw retriesExhaustedError(
              context,
              {
                attempts: retries + 1,
                elapsedMs: elapsed,
                failures,
                rateLimited: failure.kind === "rate_limited",
                lastError: error,
                reason,
              },
              mask,
            );
          }
          retries += 1;
          metrics.retry();
          if (failure.kind === "rate_limited") {
            throttle.pause(waitMs);
            logger.info(
              `Notion asked to slow down (${failure.label}${failure.retryAfterMs === undefined ? "" : `, Retry-After ${formatDuration(failure.retryAfterMs)}`}); ` +
                `pausing all requests for ${formatDuration(waitMs)}.`,
            );
          } else {
            logger.debug(
              `${call}: ${failure.label}; retry ${retries}/${policy.maxRetries} in ${formatDuration(waitMs)}.`,
            );
            metrics.backoff(waitMs);
            await clock.sleep(waitMs);
          }
        }
      }
    },
  };
}

function outcomeOf(error: unknown): string {
  if (isHTTPResponseError(error)) return String(error.status);
  if (NotionTransportError.is(error)) return error.kind;
  if (error instanceof Error && error.name === "RequestTimeoutError") return "timeout";
  return "error";
}
