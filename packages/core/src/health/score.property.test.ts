import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatBreakdown, parseBreakdown, SCORE_BREAKDOWN_MAX_LENGTH } from "./breakdown-text.js";
import type { HealthInput } from "./health-input.js";
import { calculateHealthScore } from "./score.js";
import type { HealthWeights } from "./weights.js";

/** Any five non-negative integers summing to 100 (four cut points on 0..100). */
const weightsArb: fc.Arbitrary<HealthWeights> = fc
  .array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 4 })
  .map((cuts) => {
    const [a, b, c, d] = [...cuts].sort((x, y) => x - y) as [number, number, number, number];
    return {
      deviceAvailability: a,
      wifiQuality: b - a,
      alerts: c - b,
      backup: d - c,
      configCompliance: 100 - d,
    };
  });

const count = fc.nat({ max: 500 });
const backupArb = fc.oneof(
  fc.constantFrom("success", "partial", "failed", "unknown"),
  fc.string(),
  fc.constant(undefined),
);

/** Well-formed site reports (counts consistent, online ≤ total, weak ≤ clients). */
const inputArb: fc.Arbitrary<HealthInput> = fc
  .record({
    devicesTotal: count,
    onlineShare: fc.double({ min: 0, max: 1, noNaN: true }),
    wifiClients: count,
    weakShare: fc.double({ min: 0, max: 1, noNaN: true }),
    criticalAlerts: count,
    warningAlerts: count,
    backupStatus: backupArb,
    configDrift: fc.boolean(),
  })
  .map(({ onlineShare, weakShare, ...rest }) => ({
    ...rest,
    devicesOnline: Math.floor(rest.devicesTotal * onlineShare),
    weakSignalClients: Math.floor(rest.wifiClients * weakShare),
  }));

/** Anything at all in each field: bad types, NaN, negatives, infinities, huge numbers. */
const wildInputArb = fc.record(
  {
    devicesOnline: fc.anything(),
    devicesTotal: fc.oneof(fc.double(), fc.anything()),
    wifiClients: fc.oneof(fc.double(), fc.anything()),
    weakSignalClients: fc.oneof(fc.double(), fc.anything()),
    criticalAlerts: fc.oneof(fc.double(), fc.anything()),
    warningAlerts: fc.oneof(fc.double(), fc.anything()),
    backupStatus: fc.oneof(backupArb, fc.anything()),
    configDrift: fc.anything(),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<HealthInput>;

const score = (input: HealthInput, weights: HealthWeights) => calculateHealthScore(input, weights).score;

describe("calculateHealthScore properties", () => {
  it("is an integer in 0..100 that the breakdown fully explains, whatever the input", () => {
    fc.assert(
      fc.property(fc.oneof(inputArb, wildInputArb), weightsArb, (input, weights) => {
        const { score: value, breakdown } = calculateHealthScore(input, weights);
        expect(Number.isInteger(value)).toBe(true);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(100);
        for (const entry of breakdown) {
          expect(Number.isInteger(entry.penalty)).toBe(true);
          expect(entry.penalty).toBeGreaterThanOrEqual(0);
          expect(entry.penalty).toBeLessThanOrEqual(entry.weight);
          expect(entry.weight).toBe(weights[entry.component]);
        }
        expect(value).toBe(Math.max(0, 100 - breakdown.reduce((sum, entry) => sum + entry.penalty, 0)));
      }),
      { numRuns: 500 },
    );
  });

  it("never rises when a device goes offline", () => {
    fc.assert(
      fc.property(inputArb, weightsArb, (input, weights) => {
        fc.pre((input.devicesOnline ?? 0) > 0);
        const worse = { ...input, devicesOnline: (input.devicesOnline ?? 0) - 1 };
        expect(score(worse, weights)).toBeLessThanOrEqual(score(input, weights));
      }),
    );
  });

  it("never rises when a Wi-Fi client's signal turns weak", () => {
    fc.assert(
      fc.property(inputArb, weightsArb, (input, weights) => {
        fc.pre((input.weakSignalClients ?? 0) < (input.wifiClients ?? 0));
        const worse = { ...input, weakSignalClients: (input.weakSignalClients ?? 0) + 1 };
        expect(score(worse, weights)).toBeLessThanOrEqual(score(input, weights));
      }),
    );
  });

  it("never rises when an alert is added", () => {
    fc.assert(
      fc.property(
        inputArb,
        weightsArb,
        fc.constantFrom("criticalAlerts", "warningAlerts"),
        (input, weights, key) => {
          const worse = { ...input, [key]: (input[key] ?? 0) + 1 };
          expect(score(worse, weights)).toBeLessThanOrEqual(score(input, weights));
        },
      ),
    );
  });

  it("never rises as backup worsens in penalty order: success, unknown, partial, failed", () => {
    // unknown costs floor(w/3) and partial floor(w/2), so by penalty unknown sits before partial
    fc.assert(
      fc.property(inputArb, weightsArb, (input, weights) => {
        const scores = ["success", "unknown", "partial", "failed"].map((backupStatus) =>
          score({ ...input, backupStatus }, weights),
        );
        for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeLessThanOrEqual(scores[i - 1]!);
      }),
    );
  });

  it("drops by exactly the drift weight when drift appears (the weights leave no room for clamping)", () => {
    fc.assert(
      fc.property(inputArb, weightsArb, (input, weights) => {
        const clean = score({ ...input, configDrift: false }, weights);
        const drifted = score({ ...input, configDrift: true }, weights);
        expect(drifted).toBe(Math.max(0, clean - weights.configCompliance));
        expect(clean - drifted).toBe(weights.configCompliance);
      }),
    );
  });

  it("gives the same result for the same input (one pure implementation)", () => {
    fc.assert(
      fc.property(inputArb, weightsArb, (input, weights) => {
        expect(calculateHealthScore(structuredClone(input), { ...weights })).toEqual(
          calculateHealthScore(input, weights),
        );
      }),
    );
  });

  it("always formats into a Score Breakdown of at most 2000 characters that reads back", () => {
    fc.assert(
      fc.property(fc.oneof(inputArb, wildInputArb), weightsArb, (input, weights) => {
        const { score: value, breakdown } = calculateHealthScore(input, weights);
        const text = formatBreakdown(breakdown, value);
        expect(text.length).toBeLessThanOrEqual(SCORE_BREAKDOWN_MAX_LENGTH);
        expect(
          parseBreakdown(text).map(({ component, penalty, weight }) => ({ component, penalty, weight })),
        ).toEqual(breakdown.map(({ component, penalty, weight }) => ({ component, penalty, weight })));
      }),
      { numRuns: 300 },
    );
  });
});
