import { type HealthThresholds, resolveHealthThresholds } from "./thresholds.js";

/** Health Status select options on Customer Sites (SPEC §4). */
export type HealthStatus = "Healthy" | "Warning" | "Critical";

/** Healthy at score ≥ healthyAt (80), Warning at ≥ warningAt (60), otherwise Critical. */
export function healthStatus(score: number, thresholds?: Partial<HealthThresholds>): HealthStatus {
  const t = resolveHealthThresholds(thresholds);
  if (score >= t.healthyAt) return "Healthy";
  if (score >= t.warningAt) return "Warning";
  return "Critical";
}
