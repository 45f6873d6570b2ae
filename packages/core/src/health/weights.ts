import { z } from "zod";
import { HEALTH_COMPONENTS, type HealthComponent } from "./components.js";
import { describeValue } from "./describe-value.js";
import { healthConfigErrorFrom } from "./health-config-error.js";

/** Points each component can take off the score; non-negative integers summing to exactly 100. */
export type HealthWeights = Record<HealthComponent, number>;

export const DEFAULT_HEALTH_WEIGHTS: Readonly<HealthWeights> = Object.freeze({
  deviceAvailability: 30,
  wifiQuality: 20,
  alerts: 20,
  backup: 15,
  configCompliance: 15,
});

const weight = z
  .int({
    error: (issue) =>
      issue.input === undefined
        ? `is required (weights need all of ${HEALTH_COMPONENTS.join(", ")})`
        : `must be a non-negative integer (got ${describeValue(issue.input)})`,
  })
  .min(0, { error: (issue) => `must be a non-negative integer (got ${describeValue(issue.input)})` });

export const healthWeightsSchema = z
  .strictObject(
    {
      deviceAvailability: weight,
      wifiQuality: weight,
      alerts: weight,
      backup: weight,
      configCompliance: weight,
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `unknown weight ${issue.keys.map((key) => JSON.stringify(key)).join(", ")} (expected ${HEALTH_COMPONENTS.join(", ")})`
          : issue.code === "invalid_type"
            ? `must be an object with ${HEALTH_COMPONENTS.join(", ")}`
            : undefined,
    },
  )
  .check((ctx) => {
    const sum = HEALTH_COMPONENTS.reduce((total, component) => total + ctx.value[component], 0);
    if (sum !== 100) {
      const terms = HEALTH_COMPONENTS.map((component) => `${component} ${ctx.value[component]}`).join(" + ");
      ctx.issues.push({
        code: "custom",
        input: ctx.value,
        message: `weights must sum to 100 (${terms} = ${sum})`,
      });
    }
  });

/** Validates weights given in code; throws HealthConfigError (exit code 2) naming each problem. */
export function assertHealthWeights(weights: unknown): HealthWeights {
  const result = healthWeightsSchema.safeParse(weights);
  if (!result.success) throw healthConfigErrorFrom("weights", result.error.issues);
  return result.data;
}
