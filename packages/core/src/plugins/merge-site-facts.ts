import { configFingerprint } from "../health/fingerprint.js";
import { combineFingerprints } from "../health/site-fingerprint.js";
import type { Availability, BackupStatus, SiteObservation } from "./observations.js";

/**
 * The facts of one customer site after joining what every source said about it. A field is
 * absent when no joined observation reported it (health scoring then applies its own default).
 */
export interface MergedSiteFacts {
  /** Summed with devicesTotal over the observations that report both (never more than the total). */
  devicesOnline?: number;
  devicesTotal?: number;
  wifiClients?: number;
  /** Summed over the observations that report it together with wifiClients (capped at theirs). */
  weakSignalClients?: number;
  criticalAlerts?: number;
  warningAlerts?: number;
  openTickets?: number;
  /** The worst reported: failed > partial > unknown > success. */
  backupStatus?: BackupStatus;
  /** The latest reported. */
  lastSeen?: string;
  /** One fingerprint per source, combined (`azure:<sha256> unifi:<sha256>`, see combineFingerprints). */
  configFingerprint?: string;
  /** The per-source fingerprints configFingerprint was built from. */
  fingerprints: Record<string, string>;
  /** True when any observation says so. */
  hasAzure: boolean;
  /** The worst reported: Unavailable > Degraded > Unknown > Available. */
  availability?: Availability;
  /** Names of the sources that contributed, sorted. */
  sources: string[];
}

const BACKUP_SEVERITY: Record<BackupStatus, number> = { success: 0, unknown: 1, partial: 2, failed: 3 };
const AVAILABILITY_SEVERITY: Record<Availability, number> = {
  Available: 0,
  Unknown: 1,
  Degraded: 2,
  Unavailable: 3,
};

/**
 * Joins the facts several observations report about one customer site. The sources describe
 * different things (UniFi counts network gear, NinjaOne endpoints), so counts add up; statuses
 * take the worst; times take the latest. Pure: same observations in any order, same facts.
 */
export function mergeSiteFacts(observations: readonly SiteObservation[]): MergedSiteFacts {
  const facts: MergedSiteFacts = {
    fingerprints: {},
    hasAzure: observations.some((o) => o.hasAzure === true),
    sources: [...new Set(observations.map((o) => o.source))].sort(),
  };

  const withDevices = observations.filter(
    (o) => o.devicesTotal !== undefined && o.devicesOnline !== undefined,
  );
  if (withDevices.length > 0) {
    facts.devicesTotal = sum(withDevices.map((o) => o.devicesTotal!));
    facts.devicesOnline = sum(withDevices.map((o) => Math.min(o.devicesOnline!, o.devicesTotal!)));
  }

  const wifi = observations.filter((o) => o.wifiClients !== undefined);
  if (wifi.length > 0) facts.wifiClients = sum(wifi.map((o) => o.wifiClients!));
  const weak = wifi.filter((o) => o.weakSignalClients !== undefined);
  if (weak.length > 0)
    facts.weakSignalClients = sum(weak.map((o) => Math.min(o.weakSignalClients!, o.wifiClients!)));

  setSum(facts, "criticalAlerts", observations);
  setSum(facts, "warningAlerts", observations);
  setSum(facts, "openTickets", observations);

  const backup = worst(
    observations.map((o) => o.backupStatus),
    BACKUP_SEVERITY,
  );
  if (backup) facts.backupStatus = backup;
  const availability = worst(
    observations.map((o) => o.availability),
    AVAILABILITY_SEVERITY,
  );
  if (availability) facts.availability = availability;

  const lastSeen = latest(observations.map((o) => o.lastSeen));
  if (lastSeen) facts.lastSeen = lastSeen;

  facts.fingerprints = fingerprintsBySource(observations);
  const combined = combineFingerprints(facts.fingerprints);
  if (combined) facts.configFingerprint = combined;
  return facts;
}

type SummedFact = "criticalAlerts" | "warningAlerts" | "openTickets";

function setSum(facts: MergedSiteFacts, field: SummedFact, observations: readonly SiteObservation[]): void {
  const values = observations.map((o) => o[field]).filter((v): v is number => v !== undefined);
  if (values.length > 0) facts[field] = sum(values);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function worst<T extends string>(
  values: readonly (T | undefined)[],
  severity: Record<T, number>,
): T | undefined {
  let result: T | undefined;
  for (const value of values) {
    if (value === undefined) continue;
    if (result === undefined || severity[value] > severity[result]) result = value;
  }
  return result;
}

function latest(values: readonly (string | undefined)[]): string | undefined {
  let result: string | undefined;
  let resultTime = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value === undefined) continue;
    const time = Date.parse(value);
    if (Number.isNaN(time)) continue;
    if (time > resultTime) {
      result = value;
      resultTime = time;
    }
  }
  return result;
}

/**
 * One fingerprint per source. When one source reports several observations for the site (a
 * mapping that names a whole UniFi console), their fingerprints are hashed together as a set, so
 * the order the source lists them in does not matter.
 */
function fingerprintsBySource(observations: readonly SiteObservation[]): Record<string, string> {
  const bySource = new Map<string, string[]>();
  for (const o of observations) {
    if (o.configFingerprint === undefined) continue;
    bySource.set(o.source, [...(bySource.get(o.source) ?? []), o.configFingerprint]);
  }
  const result: Record<string, string> = {};
  for (const [source, list] of [...bySource].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    result[source] = list.length === 1 ? list[0]! : configFingerprint(list);
  }
  return result;
}
