import type { DesiredRecord } from "./desired-record.js";
import type { SiteAssessment } from "./site-assessment.js";

export function snapshotKey(siteKey: string, date: string): string {
  return `${siteKey}@${date}`;
}

/** A snapshot is taken of each site a source reported this run (and could score). */
export function takesSnapshot(assessment: SiteAssessment): boolean {
  return assessment.reported && assessment.health !== undefined;
}

/** One Daily Health snapshot per reported site per date; insert-only, history is never changed. */
export function dailyHealthRecord(assessment: SiteAssessment, date: string): DesiredRecord | undefined {
  const { site, health } = assessment;
  if (!takesSnapshot(assessment) || !health) return undefined;
  return {
    key: snapshotKey(site.key, date),
    values: {
      Snapshot: `${site.name} · ${date}`,
      Date: date,
      Site: [site.key],
      "Health Score": health.score,
      "Devices Online": site.facts.devicesOnline ?? null,
      "Devices Total": site.facts.devicesTotal ?? null,
      "Critical Alerts": site.facts.criticalAlerts ?? null,
      "Warning Alerts": site.facts.warningAlerts ?? null,
      "Backup Status": site.facts.backupStatus ?? "unknown",
      "Config Drift": assessment.drift,
      "Score Breakdown": assessment.scoreText ?? null,
    },
  };
}
