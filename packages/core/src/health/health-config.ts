import { z } from "zod";
import { healthThresholdsSchema } from "./thresholds.js";
import { DEFAULT_HEALTH_WEIGHTS, healthWeightsSchema } from "./weights.js";

/**
 * The `health:` block of notion-ops.yml. Every part is optional; the parsed value always has
 * complete weights and thresholds (defaults filled in), and an absent block parses to the defaults.
 *
 * ```yaml
 * health:
 *   weights: { deviceAvailability: 30, wifiQuality: 20, alerts: 20, backup: 15, configCompliance: 15 }
 *   thresholds: { healthyAt: 80, warningAt: 60, riskHighBelow: 60, riskMediumBelow: 80 }
 * ```
 */
export const healthConfigSchema = z
  .strictObject(
    {
      weights: healthWeightsSchema.default(() => ({ ...DEFAULT_HEALTH_WEIGHTS })),
      thresholds: healthThresholdsSchema.prefault({}),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `unknown key ${issue.keys.map((key) => JSON.stringify(key)).join(", ")} (expected weights, thresholds)`
          : issue.code === "invalid_type"
            ? "must be an object with weights and/or thresholds"
            : undefined,
    },
  )
  .prefault({});

/** The parsed `health` block: complete weights and thresholds. */
export type HealthConfig = z.output<typeof healthConfigSchema>;
/** What may be written in the `health` block. */
export type HealthConfigInput = z.input<typeof healthConfigSchema>;
