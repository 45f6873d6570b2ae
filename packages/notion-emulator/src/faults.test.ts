import { describe, expect, it } from "vitest";
import { FaultInjector, type FaultRequest } from "./faults.js";

const get: FaultRequest = { method: "GET", path: "/v1/users/me", pattern: "/v1/users/me", creates: false };
const create: FaultRequest = { method: "POST", path: "/v1/pages", pattern: "/v1/pages", creates: true };
const fixedNow = () => 1_000_000;

describe("FaultInjector", () => {
  it("draws the same faults for the same seed and request sequence", () => {
    const sequence = (seed: number) => {
      const injector = new FaultInjector(
        { seed, rate: 0.3, kinds: ["internal_server_error", "conflict_error", "ambiguous_create"] },
        1,
        fixedNow,
      );
      return Array.from({ length: 200 }, (_, i) => injector.decide(i % 3 === 0 ? create : get)?.kind ?? "-");
    };
    expect(sequence(42)).toEqual(sequence(42));
    expect(sequence(42)).not.toEqual(sequence(43));
    const kinds = sequence(42);
    const faults = kinds.filter((k) => k !== "-").length;
    expect(faults).toBeGreaterThan(30);
    expect(faults).toBeLessThan(90);
    kinds.forEach((k, i) => {
      if (k === "ambiguous_create") expect(i % 3).toBe(0);
    });
  });

  it("serves scripted faults first, in order, to matching requests only", () => {
    const injector = new FaultInjector(
      { script: [{ kind: "conflict_error", method: "POST", path: "/v1/pages", count: 2 }] },
      1,
      fixedNow,
    );
    injector.enqueue([{ kind: "slow", delayMs: 5 }]);
    expect(injector.decide(get)).toEqual({ kind: "slow", delayMs: 5 });
    expect(injector.decide(create)).toEqual({ kind: "conflict_error" });
    expect(injector.decide(create)).toEqual({ kind: "conflict_error" });
    expect(injector.decide(create)).toBeUndefined();
  });

  it("keeps refusing with 429 until a rate_limited fault's Retry-After has passed", () => {
    let now = 0;
    const injector = new FaultInjector(
      { script: [{ kind: "rate_limited", retryAfterSeconds: 120 }] },
      1,
      () => now,
    );
    expect(injector.decide(get)).toEqual({ kind: "rate_limited", retryAfterSeconds: 120 });
    now = 30_500;
    expect(injector.decide(get)).toEqual({ kind: "rate_limited", retryAfterSeconds: 90 });
    now = 120_000;
    expect(injector.decide(get)).toBeUndefined();
  });

  it("matches route patterns, exact paths and regular expressions", () => {
    const page: FaultRequest = {
      method: "PATCH",
      path: "/v1/pages/abc",
      pattern: "/v1/pages/:page_id",
      creates: false,
    };
    for (const path of ["/v1/pages/:page_id", "/v1/pages/abc", /^\/v1\/pages\//]) {
      const injector = new FaultInjector(
        { rate: 1, kinds: ["internal_server_error"], only: { paths: [path] } },
        1,
        fixedNow,
      );
      expect(injector.decide(page)?.kind).toBe("internal_server_error");
      expect(injector.decide(get)).toBeUndefined();
    }
  });
});
