import { describe, expect, it } from "vitest";
import { HealthConfigError } from "./health-config-error.js";
import { assertHealthWeights, DEFAULT_HEALTH_WEIGHTS, healthWeightsSchema } from "./weights.js";

const valid = { deviceAvailability: 30, wifiQuality: 20, alerts: 20, backup: 15, configCompliance: 15 };

function issues(value: unknown): [string, string][] {
  const result = healthWeightsSchema.safeParse(value);
  expect(result.success).toBe(false);
  return result.error!.issues.map((issue) => [issue.path.join("."), issue.message]);
}

describe("health weights", () => {
  it("defaults to 30/20/20/15/15", () => {
    expect(DEFAULT_HEALTH_WEIGHTS).toEqual(valid);
    expect(healthWeightsSchema.parse(valid)).toEqual(valid);
    expect(
      healthWeightsSchema.parse({
        ...valid,
        deviceAvailability: 100,
        wifiQuality: 0,
        alerts: 0,
        backup: 0,
        configCompliance: 0,
      }),
    ).toMatchObject({ deviceAvailability: 100 });
  });

  it("names the weights and their sum when they do not add up to 100", () => {
    expect(issues({ ...valid, configCompliance: 5 })).toEqual([
      [
        "",
        "weights must sum to 100 (deviceAvailability 30 + wifiQuality 20 + alerts 20 + backup 15 + configCompliance 5 = 90)",
      ],
    ]);
    expect(issues({ ...valid, backup: 25 })).toEqual([
      [
        "",
        "weights must sum to 100 (deviceAvailability 30 + wifiQuality 20 + alerts 20 + backup 25 + configCompliance 15 = 110)",
      ],
    ]);
  });

  it("rejects a negative weight, naming it", () => {
    expect(issues({ ...valid, backup: -5, configCompliance: 35 })).toEqual([
      ["backup", "must be a non-negative integer (got -5)"],
    ]);
  });

  it("rejects a fractional or non-numeric weight, naming it", () => {
    expect(issues({ ...valid, alerts: 19.5, backup: 15.5 })).toEqual([
      ["alerts", "must be a non-negative integer (got 19.5)"],
      ["backup", "must be a non-negative integer (got 15.5)"],
    ]);
    expect(issues({ ...valid, alerts: "20" })).toEqual([
      ["alerts", 'must be a non-negative integer (got "20")'],
    ]);
    expect(issues({ ...valid, alerts: Number.NaN })).toEqual([
      ["alerts", "must be a non-negative integer (got NaN)"],
    ]);
  });

  it("requires every weight", () => {
    const { wifiQuality: _, ...missing } = valid;
    expect(issues(missing)).toEqual([
      [
        "wifiQuality",
        "is required (weights need all of deviceAvailability, wifiQuality, alerts, backup, configCompliance)",
      ],
    ]);
  });

  it("rejects unknown keys such as typos", () => {
    expect(issues({ ...valid, alert: 0 })).toEqual([
      [
        "",
        'unknown weight "alert" (expected deviceAvailability, wifiQuality, alerts, backup, configCompliance)',
      ],
    ]);
  });

  it("rejects something that is not an object", () => {
    expect(issues([30, 20, 20, 15, 15])).toEqual([
      ["", "must be an object with deviceAvailability, wifiQuality, alerts, backup, configCompliance"],
    ]);
  });

  it("throws a HealthConfigError (exit code 2) listing every problem when checked in code", () => {
    expect(() => assertHealthWeights({ ...valid, wifiQuality: -1, alerts: 2.5 })).toThrowError(
      "invalid health settings:\n  health.weights.wifiQuality: must be a non-negative integer (got -1)\n  health.weights.alerts: must be a non-negative integer (got 2.5)",
    );
    try {
      assertHealthWeights({ ...valid, configCompliance: 5 });
      expect.unreachable();
    } catch (error) {
      expect(HealthConfigError.is(error)).toBe(true);
      expect((error as HealthConfigError).exitCode).toBe(2);
      expect((error as HealthConfigError).issues).toEqual([
        {
          path: "weights",
          message:
            "weights must sum to 100 (deviceAvailability 30 + wifiQuality 20 + alerts 20 + backup 15 + configCompliance 5 = 90)",
        },
      ]);
    }
  });
});
