import { describe, expect, it } from "vitest";
import { z } from "zod";
import { healthConfigSchema } from "./health-config.js";
import { DEFAULT_HEALTH_THRESHOLDS, healthThresholdsSchema, resolveHealthThresholds } from "./thresholds.js";
import { DEFAULT_HEALTH_WEIGHTS } from "./weights.js";

function issues(schema: z.ZodType, value: unknown): [string, string][] {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return result.error!.issues.map((issue) => [issue.path.join("."), issue.message]);
}

describe("health config block", () => {
  it("fills in defaults for a missing or empty block", () => {
    const defaults = { weights: DEFAULT_HEALTH_WEIGHTS, thresholds: DEFAULT_HEALTH_THRESHOLDS };
    expect(healthConfigSchema.parse(undefined)).toEqual(defaults);
    expect(healthConfigSchema.parse({})).toEqual(defaults);
    expect(z.strictObject({ health: healthConfigSchema }).parse({})).toEqual({ health: defaults });
  });

  it("keeps given weights and fills in missing thresholds", () => {
    const weights = { deviceAvailability: 50, wifiQuality: 10, alerts: 10, backup: 20, configCompliance: 10 };
    expect(healthConfigSchema.parse({ weights, thresholds: { healthyAt: 85 } })).toEqual({
      weights,
      thresholds: { healthyAt: 85, warningAt: 60, riskHighBelow: 60, riskMediumBelow: 80 },
    });
  });

  it("reports problems by path, as the config loader shows them", () => {
    expect(
      issues(healthConfigSchema, {
        weights: { deviceAvailability: 30, wifiQuality: 20, alerts: 20, backup: 15, configCompliance: 5 },
      }),
    ).toEqual([
      [
        "weights",
        "weights must sum to 100 (deviceAvailability 30 + wifiQuality 20 + alerts 20 + backup 15 + configCompliance 5 = 90)",
      ],
    ]);
    expect(issues(healthConfigSchema, { weight: {} })).toEqual([
      ["", 'unknown key "weight" (expected weights, thresholds)'],
    ]);
    expect(issues(healthConfigSchema, { thresholds: { healthyAt: 120 } })).toEqual([
      ["thresholds.healthyAt", "must be an integer score from 0 to 100 (got 120)"],
    ]);
  });
});

describe("health thresholds", () => {
  it("defaults to Healthy ≥ 80, Warning ≥ 60, risk High < 60, Medium < 80", () => {
    expect(DEFAULT_HEALTH_THRESHOLDS).toEqual({
      healthyAt: 80,
      warningAt: 60,
      riskHighBelow: 60,
      riskMediumBelow: 80,
    });
    expect(healthThresholdsSchema.parse({})).toEqual(DEFAULT_HEALTH_THRESHOLDS);
    expect(resolveHealthThresholds()).toEqual(DEFAULT_HEALTH_THRESHOLDS);
    expect(resolveHealthThresholds({ warningAt: 50 })).toEqual({
      ...DEFAULT_HEALTH_THRESHOLDS,
      warningAt: 50,
    });
  });

  it("rejects bounds out of order, naming both", () => {
    expect(issues(healthThresholdsSchema, { healthyAt: 50 })).toEqual([
      ["", "warningAt (60) must not be above healthyAt (50)"],
    ]);
    expect(issues(healthThresholdsSchema, { riskHighBelow: 90 })).toEqual([
      ["", "riskHighBelow (90) must not be above riskMediumBelow (80)"],
    ]);
  });

  it("rejects unknown keys, fractions and non-numbers", () => {
    expect(issues(healthThresholdsSchema, { healthy: 80 })).toEqual([
      ["", 'unknown threshold "healthy" (expected healthyAt, warningAt, riskHighBelow, riskMediumBelow)'],
    ]);
    expect(issues(healthThresholdsSchema, { warningAt: 59.5, riskHighBelow: "60" })).toEqual([
      ["warningAt", "must be an integer score from 0 to 100 (got 59.5)"],
      ["riskHighBelow", 'must be an integer score from 0 to 100 (got "60")'],
    ]);
  });

  it("throws a HealthConfigError for invalid thresholds given in code", () => {
    expect(() => resolveHealthThresholds({ healthyAt: -1 })).toThrowError(
      "health.thresholds.healthyAt: must be an integer score from 0 to 100 (got -1)",
    );
  });
});
