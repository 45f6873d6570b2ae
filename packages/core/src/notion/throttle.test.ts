import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { systemClock } from "./clock.js";
import { createThrottle } from "./throttle.js";

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

/** Starts `n` callers at once; resolves to the (fake) time at which each was let through. */
async function acquireAll(throttle: ReturnType<typeof createThrottle>, n: number, runMs: number) {
  const times: number[] = [];
  const done = Array.from({ length: n }, (_, i) =>
    throttle.acquire().then(() => {
      times[i] = Date.now();
    }),
  );
  await vi.advanceTimersByTimeAsync(runMs);
  await Promise.all(done);
  return times;
}

/** The most starts inside any window of `windowMs` (windows begin at each start). */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    let j = i;
    while (j < sorted.length && (sorted[j] as number) < (sorted[i] as number) + windowMs) j += 1;
    max = Math.max(max, j - i);
  }
  return max;
}

describe("token bucket", () => {
  it("never lets more through than burst + rate × window in any window", async () => {
    const throttle = createThrottle({ rate: 3, burst: 2, clock: systemClock });
    const times = await acquireAll(throttle, 40, 20_000);
    expect(times).toHaveLength(40);
    for (const windowMs of [1, 100, 333, 1000, 2000, 5000, 10_000]) {
      const allowed = 2 + Math.floor((3 * windowMs) / 1000);
      expect(maxInWindow(times, windowMs), `window ${windowMs} ms`).toBeLessThanOrEqual(allowed);
    }
    // The 40th caller cannot start before (40 - burst) / rate seconds.
    expect(Math.max(...times)).toBeGreaterThanOrEqual(Math.floor(((40 - 2) / 3) * 1000));
  });

  it("lets the burst through at once, then paces at the rate", async () => {
    const throttle = createThrottle({ rate: 3, burst: 2, clock: systemClock });
    const times = await acquireAll(throttle, 5, 2_000);
    expect(times.slice(0, 2)).toEqual([0, 0]);
    expect(times.slice(2)).toEqual([334, 667, 1000]);
  });

  it("serves callers first come, first served", async () => {
    const throttle = createThrottle({ rate: 10, burst: 1, clock: systemClock });
    const order: number[] = [];
    const all = Array.from({ length: 8 }, (_, i) => throttle.acquire().then(() => order.push(i)));
    await vi.advanceTimersByTimeAsync(2_000);
    await Promise.all(all);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("refills after an idle spell, up to the burst and no more", async () => {
    const throttle = createThrottle({ rate: 3, burst: 2, clock: systemClock });
    await acquireAll(throttle, 2, 0);
    await vi.advanceTimersByTimeAsync(60_000);
    vi.setSystemTime(Date.now());
    const start = Date.now();
    const times = await acquireAll(throttle, 3, 1_000);
    expect(times.map((t) => t - start)).toEqual([0, 0, 334]);
  });
});

describe("client-wide pause", () => {
  it("holds every caller, queued or new, until the pause ends, then resumes with one request", async () => {
    const throttle = createThrottle({ rate: 3, burst: 3, clock: systemClock });
    throttle.pause(7_000);
    const times = await acquireAll(throttle, 4, 10_000);
    expect(Math.min(...times)).toBe(7_000);
    expect(times).toEqual([7_000, 7_334, 7_667, 8_000]);
    expect(throttle.stats().pauseWaitMs).toBeGreaterThanOrEqual(7_000);
  });

  it("extends but never shortens a pause; honours pauses over a minute", async () => {
    const throttle = createThrottle({ rate: 3, burst: 3, clock: systemClock });
    throttle.pause(120_000);
    throttle.pause(5_000);
    expect(throttle.pausedUntil).toBe(120_000);
    const waiting = throttle.acquire().then(() => Date.now());
    await vi.advanceTimersByTimeAsync(60_000);
    throttle.pause(90_000); // at t = 60 s: until 150 s
    await vi.advanceTimersByTimeAsync(100_000);
    expect(await waiting).toBe(150_000);
  });

  it("a pause that starts while callers wait for tokens also holds them", async () => {
    const throttle = createThrottle({ rate: 1, burst: 1, clock: systemClock });
    const times: number[] = [];
    const all = [0, 1, 2].map(() => throttle.acquire().then(() => times.push(Date.now())));
    await vi.advanceTimersByTimeAsync(500);
    throttle.pause(10_000); // at 0.5 s: nobody may start before 10.5 s
    await vi.advanceTimersByTimeAsync(20_000);
    await Promise.all(all);
    expect(times).toEqual([0, 10_500, 11_500]);
  });

  it("rejects a rate that is not positive", () => {
    expect(() => createThrottle({ rate: 0, burst: 1, clock: systemClock })).toThrow(/rate must be > 0/);
  });
});
