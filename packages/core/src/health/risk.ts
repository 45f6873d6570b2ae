import { normalizeBackupStatus } from "./backup-status.js";
import { type HealthThresholds, resolveHealthThresholds } from "./thresholds.js";

/** Risk Level select options on Customer Sites (SPEC §4). */
export type RiskLevel = "Low" | "Medium" | "High";

export interface RiskInput {
  score: number;
  criticalAlerts?: number | null;
  backupStatus?: string | null;
  configDrift?: boolean | null;
}

/**
 * SPEC §5: High if score < riskHighBelow (60), any critical alert, or backup failed; Medium if
 * score < riskMediumBelow (80) or config drift; otherwise Low. Backup status is read as in the
 * score (trimmed, case-insensitive). Invalid inputs are read as in the score (a count that is not a finite number is no alert); a
 * score that is not a number counts as 0 (High).
 */
export function riskLevel(input: RiskInput, thresholds?: Partial<HealthThresholds>): RiskLevel {
  const t = resolveHealthThresholds(thresholds);
  const score = typeof input.score === "number" && !Number.isNaN(input.score) ? input.score : 0;
  const critical = Number.isFinite(input.criticalAlerts) && (input.criticalAlerts as number) > 0;
  if (score < t.riskHighBelow || critical || normalizeBackupStatus(input.backupStatus).status === "failed") {
    return "High";
  }
  if (score < t.riskMediumBelow || input.configDrift === true) return "Medium";
  return "Low";
}
