import { describe, expect, it } from "vitest";
import { type RequestLogEntry, StatsRecorder } from "./stats.js";

function entry(
  seq: number,
  time: number,
  status: number,
  extra: Partial<RequestLogEntry> = {},
): RequestLogEntry {
  return {
    seq,
    time,
    method: "GET",
    path: "/v1/users/me",
    endpoint: "GET /v1/users/me",
    status,
    requestId: `r${seq}`,
    ...extra,
  };
}

describe("StatsRecorder", () => {
  it("finds the busiest one-second window and the average rate", () => {
    const stats = new StatsRecorder();
    const times = [0, 100, 200, 1500, 1600, 1700, 1800, 2400, 5000];
    times.forEach((t, i) => {
      stats.arrive(t);
      stats.finish(entry(i + 1, t, 200));
    });
    const s = stats.snapshot();
    expect(s.maxRequestsInAnySecond).toBe(5);
    expect(s.averageRate).toBeCloseTo(8 / 5, 10);
    expect(s.total).toBe(9);
  });

  it("counts statuses, resets, 429s and faults per endpoint", () => {
    const stats = new StatsRecorder({ logLimit: 2 });
    stats.arrive(0);
    stats.finish(entry(1, 0, 429, { rateLimited: true }));
    stats.arrive(1);
    stats.finish(entry(2, 1, 0, { fault: "connection_reset" }));
    stats.arrive(2);
    stats.finish(
      entry(3, 2, 500, { fault: "ambiguous_create", storedDespiteFailure: true, endpoint: "POST /v1/pages" }),
    );
    const s = stats.snapshot();
    expect(s.byStatus).toEqual({ "429": 1, reset: 1, "500": 1 });
    expect(s.byEndpoint["POST /v1/pages"]).toEqual({ total: 1, byStatus: { "500": 1 } });
    expect(s).toMatchObject({
      rateLimited: 1,
      rateLimitedByLimiter: 1,
      faultsInjected: 2,
      ambiguousStored: 1,
    });
    expect(s.faultsByKind).toEqual({ connection_reset: 1, ambiguous_create: 1 });
    expect(stats.entries().map((e) => e.seq)).toEqual([2, 3]);
  });
});
