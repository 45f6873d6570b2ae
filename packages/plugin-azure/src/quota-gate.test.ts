import { describe, expect, it } from "vitest";
import { createQuotaGate, parseResetsAfter } from "./quota-gate.js";

function gate(options: { threshold?: number } = {}) {
  const sleeps: number[] = [];
  let now = Date.parse("2025-06-01T08:00:00Z");
  const quota = createQuotaGate({
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    now: () => new Date(now),
    ...options,
  });
  return {
    quota,
    sleeps,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("createQuotaGate", () => {
  it("waits for the user quota to reset once it is nearly spent, and only before a request", async () => {
    const { quota, sleeps } = gate();
    quota.observe(
      new Headers({ "x-ms-user-quota-remaining": "1", "x-ms-user-quota-resets-after": "00:00:03" }),
    );
    expect(sleeps).toEqual([]);
    await quota.beforeRequest();
    await quota.beforeRequest();
    expect(sleeps).toEqual([3000]);
  });

  it("does not wait while quota remains, or once the reset has passed on its own", async () => {
    const { quota, sleeps, advance } = gate();
    quota.observe(
      new Headers({ "x-ms-user-quota-remaining": "2", "x-ms-ratelimit-remaining-subscription-reads": "249" }),
    );
    await quota.beforeRequest();
    quota.observe(
      new Headers({ "x-ms-user-quota-remaining": "0", "x-ms-user-quota-resets-after": "00:00:02" }),
    );
    advance(2500);
    await quota.beforeRequest();
    expect(sleeps).toEqual([]);
  });

  it("uses the longest pause asked for and Resource Graph's 5 s window when no reset time is given", async () => {
    const { quota, sleeps } = gate();
    quota.observe(new Headers({ "x-ms-ratelimit-remaining-tenant-resource-requests": "1" }));
    quota.observe(new Headers({ "x-ms-user-quota-remaining": "0" }));
    quota.observe(new Headers({ "x-ms-ratelimit-remaining-subscription-reads": "0" }));
    await quota.beforeRequest();
    expect(sleeps).toEqual([5000]);
  });

  it("ignores headers that are not counts", async () => {
    const { quota, sleeps } = gate();
    quota.observe(
      new Headers({
        "x-ms-user-quota-remaining": "soon",
        "x-ms-ratelimit-remaining-subscription-reads": "-1",
      }),
    );
    await quota.beforeRequest();
    expect(sleeps).toEqual([]);
  });
});

describe("parseResetsAfter", () => {
  it("reads hh:mm:ss, fractions and days", () => {
    expect(parseResetsAfter("00:00:04")).toBe(4000);
    expect(parseResetsAfter("00:01:02.5")).toBe(62_500);
    expect(parseResetsAfter("1.00:00:01")).toBe(86_401_000);
    expect(parseResetsAfter("4s")).toBeUndefined();
    expect(parseResetsAfter(null)).toBeUndefined();
  });
});
