import type { Logger } from "@notion-ops/core";

export interface QuotaGateOptions {
  sleep: (ms: number) => Promise<void>;
  now?: () => Date;
  logger?: Logger;
  /** Pause once a quota's remaining count is at or below this (default 1). */
  threshold?: number;
  /** Resource Graph's window when it gives no reset time (default 5 s). */
  defaultResetMs?: number;
  /** Pause after an ARM x-ms-ratelimit-remaining-* bucket runs low; buckets refill per second (default 1 s). */
  armPauseMs?: number;
}

/**
 * Slows down before Azure throttles: watches Resource Graph's `x-ms-user-quota-remaining` /
 * `x-ms-user-quota-resets-after` and ARM's `x-ms-ratelimit-remaining-*` on every response and,
 * when one runs low, makes the next request wait for the reset. No request, no wait.
 */
export interface QuotaGate {
  observe(headers: Headers): void;
  /** Resolves when the next request may go. */
  beforeRequest(): Promise<void>;
}

export function createQuotaGate(options: QuotaGateOptions): QuotaGate {
  const now = () => (options.now ? options.now().getTime() : Date.now());
  const threshold = options.threshold ?? 1;
  const defaultResetMs = options.defaultResetMs ?? 5_000;
  const armPauseMs = options.armPauseMs ?? 1_000;
  let resumeAt = 0;
  let reason = "";

  const pause = (ms: number, why: string) => {
    const until = now() + ms;
    if (until > resumeAt) {
      resumeAt = until;
      reason = why;
    }
  };

  return {
    observe(headers) {
      const userQuota = parseCount(headers.get("x-ms-user-quota-remaining"));
      if (userQuota !== undefined && userQuota <= threshold) {
        const reset = parseResetsAfter(headers.get("x-ms-user-quota-resets-after")) ?? defaultResetMs;
        pause(reset, `Resource Graph quota has ${userQuota} queries left`);
      }
      headers.forEach((value, name) => {
        if (!name.toLowerCase().startsWith("x-ms-ratelimit-remaining-")) return;
        const remaining = parseCount(value);
        if (remaining !== undefined && remaining <= threshold) {
          pause(armPauseMs, `${name.toLowerCase()} is ${remaining}`);
        }
      });
    },
    async beforeRequest() {
      const wait = resumeAt - now();
      resumeAt = 0;
      if (wait <= 0) return;
      options.logger?.info(`azure: ${reason}; pausing ${(wait / 1000).toFixed(1)} s before the next request`);
      await options.sleep(wait);
    },
  };
}

function parseCount(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

/** `hh:mm:ss` (optionally with fractional seconds, or a leading `d.`) → milliseconds. */
export function parseResetsAfter(value: string | null): number | undefined {
  const match = value?.trim().match(/^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)$/);
  if (!match) return undefined;
  const [, days, hours, minutes, seconds] = match;
  const total = ((Number(days ?? 0) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds);
  return Math.ceil(total * 1000);
}
