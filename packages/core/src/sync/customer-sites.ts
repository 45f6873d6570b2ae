import type { DesiredRecord } from "./desired-record.js";
import type { SiteAssessment } from "./site-assessment.js";

/**
 * A Customer Sites record. Config facts (state, contract, contact) are written for configured
 * sites; health facts only for sites a source reported this run. Last Seen is a date, so it
 * changes only when a day passes with the site seen, not on every poll.
 */
export function customerSiteRecord(assessment: SiteAssessment, runDate: string): DesiredRecord {
  const { site } = assessment;
  const configured = site.configured;
  const values: DesiredRecord["values"] = {
    "Site Name": site.name,
    ...(configured
      ? {
          State: configured.state ?? null,
          "Contract Renewal": configured.contractRenewal ?? null,
          "Primary Contact": configured.primaryContact ?? null,
        }
      : {}),
  };
  if (!assessment.reported || !assessment.health) return { key: site.key, values };
  const facts = site.facts;
  return {
    key: site.key,
    values: {
      ...values,
      "Health Score": assessment.health.score,
      "Health Status": assessment.status ?? null,
      "Risk Level": assessment.risk ?? null,
      "Devices Online": facts.devicesOnline ?? null,
      "Devices Total": facts.devicesTotal ?? null,
      "WiFi Clients": facts.wifiClients ?? null,
      "Open Tickets": facts.openTickets ?? null,
      "Critical Alerts": facts.criticalAlerts ?? null,
      "Warning Alerts": facts.warningAlerts ?? null,
      "Backup Status": facts.backupStatus ?? "unknown",
      "Config Drift": assessment.drift,
      "Has Azure": facts.hasAzure,
      "Score Breakdown": assessment.scoreText ?? null,
      "Last Seen": facts.lastSeen ? facts.lastSeen.slice(0, 10) : runDate,
      "Config Baseline": assessment.baseline,
    },
  };
}
