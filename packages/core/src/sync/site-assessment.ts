import type { ConfiguredSite } from "../config/schema.js";
import { formatBreakdown } from "../health/breakdown-text.js";
import { detectDrift } from "../health/drift.js";
import type { HealthConfig } from "../health/health-config.js";
import { type RiskLevel, riskLevel } from "../health/risk.js";
import { calculateHealthScore, type HealthScore } from "../health/score.js";
import { combineFingerprints, parseSiteFingerprint } from "../health/site-fingerprint.js";
import { type HealthStatus, healthStatus } from "../health/status.js";
import type { CustomerSite } from "../plugins/matching.js";

/** The product's judgement of one customer site in this run. */
export interface SiteAssessment {
  site: CustomerSite<ConfiguredSite>;
  /** False for a configured site no source reported: its health is not judged this run. */
  reported: boolean;
  health?: HealthScore;
  scoreText?: string;
  status?: HealthStatus;
  risk?: RiskLevel;
  drift: boolean;
  driftReason: string;
  /** The baseline to store after this run (undefined: leave as it is). */
  baseline?: string;
}

/**
 * Scores a site with the one health implementation, and judges drift against the stored
 * baseline: with no baseline yet (never set, or cleared by a logged config change) the current
 * fingerprint becomes the baseline; a source seen for the first time joins it.
 */
export function assessSite(
  site: CustomerSite<ConfiguredSite>,
  health: HealthConfig,
  storedBaseline: string | undefined,
): SiteAssessment {
  if (site.observations.length === 0) {
    return { site, reported: false, drift: false, driftReason: "not reported by any source" };
  }
  const facts = site.facts;
  const drift = detectDrift(facts.configFingerprint, storedBaseline);
  const score = calculateHealthScore(
    {
      devicesOnline: facts.devicesOnline,
      devicesTotal: facts.devicesTotal,
      wifiClients: facts.wifiClients,
      weakSignalClients: facts.weakSignalClients,
      criticalAlerts: facts.criticalAlerts,
      warningAlerts: facts.warningAlerts,
      backupStatus: facts.backupStatus,
      configDrift: drift.drift,
    },
    health.weights,
  );
  return {
    site,
    reported: true,
    health: score,
    scoreText: formatBreakdown(score.breakdown, score.score),
    status: healthStatus(score.score, health.thresholds),
    risk: riskLevel(
      {
        score: score.score,
        criticalAlerts: facts.criticalAlerts,
        backupStatus: facts.backupStatus,
        configDrift: drift.drift,
      },
      health.thresholds,
    ),
    drift: drift.drift,
    driftReason: drift.reason,
    baseline: nextBaseline(storedBaseline, facts.configFingerprint),
  };
}

function nextBaseline(stored: string | undefined, current: string | undefined): string | undefined {
  if (!current) return undefined;
  const base = parseSiteFingerprint(stored);
  if (base.size === 0) return current;
  const now = parseSiteFingerprint(current);
  const added = [...now].filter(([source]) => !base.has(source));
  if (added.length === 0) return undefined;
  return combineFingerprints(Object.fromEntries([...base, ...added]));
}
