import type { Now } from "./clock.js";

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A token bucket: `rate` tokens per second refill a bucket of `burst` tokens; each request takes
 * one. An empty bucket means 429 with `Retry-After` = whole seconds until a token is back (≥ 1).
 * A rate of 0 or Infinity disables limiting.
 */
export class RateLimiter {
  private rate: number;
  private burst: number;
  private tokens: number;
  private updatedAt: number;
  private readonly now: Now;

  constructor(rate: number, burst: number | undefined, now: Now) {
    this.now = now;
    this.rate = rate;
    this.burst = RateLimiter.burstFor(rate, burst);
    this.tokens = this.burst;
    this.updatedAt = now();
  }

  /** Default burst: a little headroom above one second's worth of requests. */
  static burstFor(rate: number, burst: number | undefined): number {
    if (burst !== undefined) return Math.max(1, burst);
    return Math.max(1, Math.ceil(rate * 2));
  }

  get enabled(): boolean {
    return this.rate > 0 && Number.isFinite(this.rate);
  }

  configure(rate: number, burst?: number): void {
    this.rate = rate;
    this.burst = RateLimiter.burstFor(rate, burst);
    this.tokens = this.burst;
    this.updatedAt = this.now();
  }

  settings(): { rate: number; burst: number } {
    return { rate: this.rate, burst: this.burst };
  }

  take(): RateDecision {
    if (!this.enabled) return { allowed: true };
    const now = this.now();
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.rate);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { allowed: true };
    }
    const wait = (1 - this.tokens) / this.rate;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
  }
}
