import type { APIResponseError } from "@notionhq/client";
import { afterEach, describe, expect, it } from "vitest";
import { expectNotionError, type Harness, manualClock, startHarness } from "./support/harness.js";

let h: Harness;
afterEach(async () => {
  await h.emulator.stop();
});

function retryAfter(error: APIResponseError): string | null {
  return (error.headers as Headers).get("retry-after");
}

describe("token bucket rate limiting", () => {
  it("allows the burst, then answers 429 rate_limited with an integer Retry-After until tokens refill", async () => {
    const clock = manualClock();
    h = await startHarness({ now: clock.now, rateLimit: 1, burst: 2 });
    await h.notion.users.me({});
    await h.notion.users.me({});
    const error = await expectNotionError(h.notion.users.me({}), {
      status: 429,
      code: "rate_limited",
      message: "You have been rate limited. Please try again in a few minutes.",
    });
    expect(retryAfter(error)).toBe("1");
    clock.advance(1000);
    await expect(h.notion.users.me({})).resolves.toMatchObject({ object: "user" });
    await expectNotionError(h.notion.users.me({}), { status: 429, code: "rate_limited" });

    const stats = h.emulator.stats();
    expect(stats).toMatchObject({
      total: 5,
      rateLimited: 2,
      rateLimitedByLimiter: 2,
      byStatus: { "200": 3, "429": 2 },
    });
    expect(stats.byEndpoint["GET /v1/users/me"]).toEqual({ total: 5, byStatus: { "200": 3, "429": 2 } });
    expect(h.emulator.requestLog().map((e) => [e.status, e.rateLimited === true])).toEqual([
      [200, false],
      [200, false],
      [429, true],
      [200, false],
      [429, true],
    ]);
  });

  it("rounds Retry-After up to whole seconds for slow refill rates", async () => {
    const clock = manualClock();
    h = await startHarness({ now: clock.now, rateLimit: 0.25, burst: 1 });
    await h.notion.users.me({});
    const error = await expectNotionError(h.notion.users.me({}), { status: 429, code: "rate_limited" });
    expect(retryAfter(error)).toBe("4");
    clock.advance(2500);
    expect(
      retryAfter(await expectNotionError(h.notion.users.me({}), { status: 429, code: "rate_limited" })),
    ).toBe("2");
  });

  it("defaults to 3 requests per second with a small burst, and can be reconfigured or disabled", async () => {
    const clock = manualClock();
    h = await startHarness({ now: clock.now, rateLimit: undefined });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      try {
        await h.notion.users.me({});
        statuses.push(200);
      } catch (error) {
        statuses.push((error as APIResponseError).status);
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    clock.advance(1000);
    for (let i = 0; i < 3; i++) await h.notion.users.me({});
    await expectNotionError(h.notion.users.me({}), { status: 429, code: "rate_limited" });
    h.emulator.setRateLimit(0);
    for (let i = 0; i < 20; i++) await h.notion.users.me({});
    h.emulator.setRateLimit(2, 1);
    await h.notion.users.me({});
    await expectNotionError(h.notion.users.me({}), { status: 429, code: "rate_limited" });
  });

  it("reports the most requests seen in any one-second window and the average rate", async () => {
    const clock = manualClock();
    h = await startHarness({ now: clock.now });
    for (let i = 0; i < 10; i++) {
      await h.notion.users.me({});
      clock.advance(250);
    }
    const stats = h.emulator.stats();
    expect(stats.maxRequestsInAnySecond).toBe(4);
    expect(stats.averageRate).toBeCloseTo(4, 5);
    h.emulator.resetStats();
    expect(h.emulator.stats()).toMatchObject({ total: 0, maxRequestsInAnySecond: 0 });
    expect(h.emulator.requestLog()).toEqual([]);
  });
});
