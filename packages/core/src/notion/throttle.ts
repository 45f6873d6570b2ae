import type { Clock } from "./clock.js";

export interface ThrottleOptions {
  /** Average requests per second. */
  rate: number;
  /** How many requests may start at once after an idle spell (the bucket's capacity). */
  burst: number;
  clock: Clock;
}

export interface ThrottleStats {
  /** Requests let through. */
  acquired: number;
  /** Wall time during which at least one caller waited for a token. */
  bucketWaitMs: number;
  /** Wall time the throttle was paused by server-requested pauses (Retry-After), overlaps counted once. */
  pauseWaitMs: number;
}

/**
 * A token bucket shared by every caller of one client, with a client-wide pause.
 *
 * Callers are served first come, first served. `pause(ms)` stops every caller (queued now or
 * arriving later) until the pause ends; pauses only ever extend, never shorten. After a pause the
 * bucket restarts with a single token, so traffic resumes with one request rather than a burst.
 */
export interface Throttle {
  acquire(): Promise<void>;
  pause(ms: number): void;
  /** Epoch ms until which requests are held (0 or a past time when not paused). */
  readonly pausedUntil: number;
  stats(): ThrottleStats;
}

export function createThrottle(options: ThrottleOptions): Throttle {
  const { rate, clock } = options;
  if (!(Number.isFinite(rate) && rate > 0)) throw new RangeError(`throttle rate must be > 0, got ${rate}`);
  const capacity = Math.max(1, Math.floor(options.burst));
  const msPerToken = 1000 / rate;

  let tokens = capacity;
  let refilledAt = clock.now();
  let pausedUntil = 0;
  let pauseStartedAt = 0;
  const waiting: Array<() => void> = [];
  let pumping = false;
  const stats: ThrottleStats = { acquired: 0, bucketWaitMs: 0, pauseWaitMs: 0 };

  const refill = (now: number) => {
    if (now <= refilledAt) return;
    tokens = Math.min(capacity, tokens + (now - refilledAt) / msPerToken);
    refilledAt = now;
  };

  const take = (now: number): boolean => {
    if (now < pausedUntil) return false;
    refill(now);
    if (tokens < 1) return false;
    tokens -= 1;
    stats.acquired += 1;
    return true;
  };

  const pump = async () => {
    pumping = true;
    try {
      while (waiting.length > 0) {
        const now = clock.now();
        if (now < pausedUntil) {
          await clock.sleep(pausedUntil - now);
          continue;
        }
        if (take(now)) {
          waiting.shift()?.();
          continue;
        }
        const ms = Math.max(1, Math.ceil((1 - tokens) * msPerToken));
        await clock.sleep(ms);
        const woke = clock.now();
        // Time after a pause began meanwhile is counted as pause, not as waiting for the bucket.
        const pauseBegan = pauseStartedAt > now ? pauseStartedAt : woke;
        stats.bucketWaitMs += Math.min(woke, pauseBegan) - now;
      }
    } finally {
      pumping = false;
    }
  };

  return {
    acquire() {
      if (waiting.length === 0 && !pumping && take(clock.now())) return Promise.resolve();
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (!pumping) void pump();
      });
    },
    pause(ms) {
      if (!(ms > 0)) return;
      const now = clock.now();
      const until = now + ms;
      if (until <= pausedUntil) return;
      stats.pauseWaitMs += until - Math.max(now, pausedUntil);
      if (now >= pausedUntil) pauseStartedAt = now;
      pausedUntil = until;
      tokens = 1;
      refilledAt = until;
    },
    get pausedUntil() {
      return pausedUntil;
    },
    stats: () => ({ ...stats }),
  };
}
