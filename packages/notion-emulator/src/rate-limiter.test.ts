import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter.js";

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("RateLimiter", () => {
  it("never lets more than burst + rate × elapsed requests through", () => {
    const c = clock();
    const limiter = new RateLimiter(3, 5, c.now);
    let allowed = 0;
    for (let step = 0; step < 1000; step++) {
      for (let i = 0; i < 2; i++) if (limiter.take().allowed) allowed++;
      c.advance(100);
    }
    // 100 s at 3/s plus the initial burst of 5.
    expect(allowed).toBeLessThanOrEqual(5 + 3 * 100);
    expect(allowed).toBeGreaterThanOrEqual(3 * 100);
  });

  it("answers the whole seconds until the next token", () => {
    const c = clock();
    const limiter = new RateLimiter(0.1, 1, c.now);
    expect(limiter.take()).toEqual({ allowed: true });
    expect(limiter.take()).toEqual({ allowed: false, retryAfterSeconds: 10 });
    c.advance(9_001);
    expect(limiter.take()).toEqual({ allowed: false, retryAfterSeconds: 1 });
    c.advance(999);
    expect(limiter.take()).toEqual({ allowed: true });
  });

  it("is disabled by a rate of 0 or Infinity and defaults the burst to twice the rate", () => {
    const c = clock();
    for (const rate of [0, Number.POSITIVE_INFINITY]) {
      const limiter = new RateLimiter(rate, undefined, c.now);
      for (let i = 0; i < 100; i++) expect(limiter.take().allowed).toBe(true);
    }
    expect(new RateLimiter(3, undefined, c.now).settings()).toEqual({ rate: 3, burst: 6 });
  });
});
