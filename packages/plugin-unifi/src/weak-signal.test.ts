import { describe, expect, it } from "vitest";
import { meanTxRetry, weakSignalFromAccessPoints, weakSignalFromTxRetry } from "./weak-signal.js";

describe("weakSignalFromTxRetry", () => {
  it("counts the retried share of the clients, rounded", () => {
    expect(weakSignalFromTxRetry(80, 12.5)).toBe(10);
    expect(weakSignalFromTxRetry(10, 2.03)).toBe(0);
    expect(weakSignalFromTxRetry(10, 15)).toBe(2);
    expect(weakSignalFromTxRetry(0, 50)).toBe(0);
  });

  it("clamps a retry rate outside 0..100", () => {
    expect(weakSignalFromTxRetry(10, 140)).toBe(10);
    expect(weakSignalFromTxRetry(10, -3)).toBe(0);
  });
});

describe("weakSignalFromAccessPoints", () => {
  it("weights each AP's clients by its retry rate, leaving out APs without one", () => {
    const clients = new Map([
      ["ap1", 4],
      ["ap2", 6],
      ["ap3", 100],
    ]);
    const retries = new Map([
      ["ap1", 25],
      ["ap2", 50],
    ]);
    expect(weakSignalFromAccessPoints(clients, retries)).toBe(4);
  });

  it("is undefined when no AP has a known rate", () => {
    expect(weakSignalFromAccessPoints(new Map([["ap1", 3]]), new Map())).toBeUndefined();
  });
});

describe("meanTxRetry", () => {
  it("averages the radios that report a rate", () => {
    expect(meanTxRetry([{ txRetriesPct: 30 }, { txRetriesPct: 20 }, { txRetriesPct: null }, {}])).toBe(25);
    expect(meanTxRetry([{ txRetriesPct: 0 }])).toBe(0);
    expect(meanTxRetry([{}])).toBeUndefined();
  });
});
