import { type NormalizedBackupStatus, normalizeBackupStatus } from "./backup-status.js";
import type { HealthComponent } from "./components.js";
import { describeValue } from "./describe-value.js";

/** What a site reports; any field may be missing (SPEC §5 defaults: 0 devices, 0 clients, 0 alerts, backup unknown, no drift). */
export interface HealthInput {
  devicesOnline?: number | null;
  devicesTotal?: number | null;
  wifiClients?: number | null;
  weakSignalClients?: number | null;
  criticalAlerts?: number | null;
  warningAlerts?: number | null;
  /** success | partial | failed | unknown; anything else counts as unknown. */
  backupStatus?: string | null;
  configDrift?: boolean | null;
}

/** The input as scored: whole non-negative counts, consistent pairs, and notes on anything corrected. */
export interface SanitizedHealthInput {
  devicesOnline: number;
  devicesTotal: number;
  wifiClients: number;
  weakSignalClients: number;
  criticalAlerts: number;
  warningAlerts: number;
  backup: NormalizedBackupStatus;
  configDrift: boolean;
  notes: Record<HealthComponent, string[]>;
}

/**
 * Never throws: a count that is not a finite non-negative number is ignored (counted as 0), a
 * fractional count is rounded down, a part larger than its whole (online > total, weak > clients)
 * is capped at the whole; each correction is noted for the breakdown.
 */
export function sanitizeHealthInput(input: HealthInput | null | undefined): SanitizedHealthInput {
  const source: Partial<Record<keyof HealthInput, unknown>> = isRecord(input) ? input : {};
  const notes: Record<HealthComponent, string[]> = {
    deviceAvailability: [],
    wifiQuality: [],
    alerts: [],
    backup: [],
    configCompliance: [],
  };

  const devicesTotal = readCount(source, "devicesTotal", notes.deviceAvailability);
  let devicesOnline = readCount(source, "devicesOnline", notes.deviceAvailability);
  if (devicesOnline > devicesTotal) {
    notes.deviceAvailability.push(
      `devicesOnline ${devicesOnline} is more than devicesTotal ${devicesTotal}, counted as ${devicesTotal}`,
    );
    devicesOnline = devicesTotal;
  } else if (devicesTotal > 0 && source.devicesOnline == null) {
    notes.deviceAvailability.push("devicesOnline not reported, counted as 0");
  }

  const wifiClients = readCount(source, "wifiClients", notes.wifiQuality);
  let weakSignalClients = readCount(source, "weakSignalClients", notes.wifiQuality);
  if (weakSignalClients > wifiClients) {
    notes.wifiQuality.push(
      `weakSignalClients ${weakSignalClients} is more than wifiClients ${wifiClients}, counted as ${wifiClients}`,
    );
    weakSignalClients = wifiClients;
  }

  const criticalAlerts = readCount(source, "criticalAlerts", notes.alerts);
  const warningAlerts = readCount(source, "warningAlerts", notes.alerts);

  const backup = normalizeBackupStatus(source.backupStatus);

  const drift = source.configDrift;
  if (drift != null && typeof drift !== "boolean") {
    notes.configCompliance.push(`configDrift ${describeValue(drift)} is not true or false, ignored`);
  }

  return {
    devicesOnline,
    devicesTotal,
    wifiClients,
    weakSignalClients,
    criticalAlerts,
    warningAlerts,
    backup,
    configDrift: drift === true,
    notes,
  };
}

function readCount(
  source: Partial<Record<keyof HealthInput, unknown>>,
  key: keyof HealthInput,
  notes: string[],
): number {
  const value = source[key];
  if (value === undefined || value === null) return 0;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    notes.push(`${key} ${describeValue(value)} is not a count, ignored`);
    return 0;
  }
  if (!Number.isInteger(value)) {
    const whole = Math.floor(value);
    notes.push(`${key} ${value} counted as ${whole}`);
    return whole;
  }
  return value;
}

function isRecord(value: unknown): value is Partial<Record<keyof HealthInput, unknown>> {
  return typeof value === "object" && value !== null;
}
