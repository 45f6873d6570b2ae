import type { DesiredRecord } from "./desired-record.js";
import type { SiteAssessment } from "./site-assessment.js";

export function snapshotKey(siteKey: string, date: string): string {
  return `${siteKey}@${date}`;
}

/** One Daily Health snapshot per reported site per date; insert-only, history is never changed. */
export function dailyHealthRecord(assessment: SiteAssessment, date: string): DesiredRecord | undefined {
  const { site, health } = assessment;
  if (!assessment.reported || !health) return undefined;
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
