import { z } from "zod";
import { describeValue } from "./describe-value.js";
import { healthConfigErrorFrom } from "./health-config-error.js";

/**
 * Score boundaries (inclusive lower bounds for status, exclusive upper bounds for risk).
 * - `healthyAt`: score ≥ healthyAt → Healthy (default 80)
 * - `warningAt`: warningAt ≤ score < healthyAt → Warning, below → Critical (default 60)
 * - `riskHighBelow`: score < riskHighBelow → High risk (default 60)
 * - `riskMediumBelow`: score < riskMediumBelow → at least Medium risk (default 80)
 */
export interface HealthThresholds {
  healthyAt: number;
  warningAt: number;
  riskHighBelow: number;
  riskMediumBelow: number;
}

export const DEFAULT_HEALTH_THRESHOLDS: Readonly<HealthThresholds> = Object.freeze({
  healthyAt: 80,
  warningAt: 60,
  riskHighBelow: 60,
  riskMediumBelow: 80,
});

function bound(name: keyof HealthThresholds) {
  const message = (issue: { input: unknown }) =>
    `must be an integer score from 0 to 100 (got ${describeValue(issue.input)})`;
  return z
    .int({ error: message })
    .min(0, { error: message })
    .max(100, { error: message })
    .default(DEFAULT_HEALTH_THRESHOLDS[name]);
}

export const healthThresholdsSchema = z
  .strictObject(
    {
      healthyAt: bound("healthyAt"),
      warningAt: bound("warningAt"),
      riskHighBelow: bound("riskHighBelow"),
      riskMediumBelow: bound("riskMediumBelow"),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `unknown threshold ${issue.keys.map((key) => JSON.stringify(key)).join(", ")} (expected healthyAt, warningAt, riskHighBelow, riskMediumBelow)`
          : issue.code === "invalid_type"
            ? "must be an object with healthyAt, warningAt, riskHighBelow, riskMediumBelow"
            : undefined,
    },
  )
  .check((ctx) => {
    const t = ctx.value;
    if (t.warningAt > t.healthyAt) {
      ctx.issues.push({
        code: "custom",
        input: t,
        message: `warningAt (${t.warningAt}) must not be above healthyAt (${t.healthyAt})`,
      });
    }
    if (t.riskHighBelow > t.riskMediumBelow) {
      ctx.issues.push({
        code: "custom",
        input: t,
        message: `riskHighBelow (${t.riskHighBelow}) must not be above riskMediumBelow (${t.riskMediumBelow})`,
      });
    }
  });

/** Fills missing thresholds with the defaults and validates them; throws HealthConfigError. */
export function resolveHealthThresholds(thresholds?: Partial<HealthThresholds>): HealthThresholds {
  if (thresholds === undefined) return { ...DEFAULT_HEALTH_THRESHOLDS };
  const result = healthThresholdsSchema.safeParse(thresholds);
  if (!result.success) throw healthConfigErrorFrom("thresholds", result.error.issues);
  return result.data;
}
