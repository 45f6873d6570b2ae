import type { HealthComponent } from "./components.js";
import { describeValue } from "./describe-value.js";
import { type HealthInput, type SanitizedHealthInput, sanitizeHealthInput } from "./health-input.js";
import { assertHealthWeights, DEFAULT_HEALTH_WEIGHTS, type HealthWeights } from "./weights.js";

/** One component's share of the score: the points it took off (0..weight) and why. */
export interface HealthBreakdownEntry {
  component: HealthComponent;
  weight: number;
  penalty: number;
  /** The facts behind the penalty, one line, e.g. "3 of 12 devices offline". */
  facts: string;
}

export interface HealthScore {
  /** Integer 0..100. */
  score: number;
  /** One entry per component, in HEALTH_COMPONENTS order. */
  breakdown: HealthBreakdownEntry[];
}

/**
 * The one health score (SPEC §5). Starting from 100, each component subtracts a whole-number
 * penalty of at most its weight; the result is clamped to 0..100. Ratios are computed exactly on
 * integers (`trunc(offline × weight / total)`), so 1 of 10 devices offline at weight 30 costs 3,
 * not the 2 that floating-point `(1 - 9/10) * 30` would give. Invalid weights throw
 * HealthConfigError; invalid inputs never throw (they are ignored and noted in the breakdown).
 */
export function calculateHealthScore(input: HealthInput, weights?: HealthWeights): HealthScore {
  const w = weights === undefined ? DEFAULT_HEALTH_WEIGHTS : assertHealthWeights(weights);
  const facts = sanitizeHealthInput(input);
  const breakdown: HealthBreakdownEntry[] = [
    deviceAvailability(facts, w.deviceAvailability),
    wifiQuality(facts, w.wifiQuality),
    alerts(facts, w.alerts),
    backup(facts, w.backup),
    configCompliance(facts, w.configCompliance),
  ];
  const penalties = breakdown.reduce((sum, entry) => sum + entry.penalty, 0);
  return { score: Math.min(100, Math.max(0, 100 - penalties)), breakdown };
}

function deviceAvailability(input: SanitizedHealthInput, weight: number): HealthBreakdownEntry {
  const { devicesOnline: online, devicesTotal: total } = input;
  if (total === 0) return entry("deviceAvailability", weight, 0, "no devices reported", input);
  const offline = total - online;
  const noun = total === 1 ? "device" : "devices";
  return entry(
    "deviceAvailability",
    weight,
    truncatedShare(offline, total, weight),
    `${offline} of ${total} ${noun} offline`,
    input,
  );
}

function wifiQuality(input: SanitizedHealthInput, weight: number): HealthBreakdownEntry {
  const { weakSignalClients: weak, wifiClients: clients } = input;
  if (clients === 0) return entry("wifiQuality", weight, 0, "no Wi-Fi clients reported", input);
  const noun = clients === 1 ? "client" : "clients";
  return entry(
    "wifiQuality",
    weight,
    truncatedShare(weak, clients, weight),
    `${weak} of ${clients} Wi-Fi ${noun} on weak signal`,
    input,
  );
}

function alerts(input: SanitizedHealthInput, weight: number): HealthBreakdownEntry {
  const { criticalAlerts: critical, warningAlerts: warning } = input;
  if (critical === 0 && warning === 0) return entry("alerts", weight, 0, "no open alerts", input);
  const points = critical * 10 + warning * 2;
  const penalty = Math.min(points, weight);
  const counted = `${critical} critical, ${warning} warning alerts`;
  return entry(
    "alerts",
    weight,
    penalty,
    points > weight ? `${counted} (${points} points, capped at ${weight})` : counted,
    input,
  );
}

function backup(input: SanitizedHealthInput, weight: number): HealthBreakdownEntry {
  const { status, kind, raw } = input.backup;
  const penalty =
    status === "success"
      ? 0
      : status === "partial"
        ? Math.floor(weight / 2)
        : status === "failed"
          ? weight
          : Math.floor(weight / 3);
  const facts =
    kind === "known"
      ? `backup ${status}`
      : kind === "missing"
        ? "backup not reported (unknown)"
        : `backup ${describeValue(raw)} (treated as unknown)`;
  return entry("backup", weight, penalty, facts, input);
}

function configCompliance(input: SanitizedHealthInput, weight: number): HealthBreakdownEntry {
  return input.configDrift
    ? entry("configCompliance", weight, weight, "config drift", input)
    : entry("configCompliance", weight, 0, "no config drift", input);
}

/** trunc(part / whole × weight) on exact integers (BigInt division truncates toward zero). */
function truncatedShare(part: number, whole: number, weight: number): number {
  return Number((BigInt(part) * BigInt(weight)) / BigInt(whole));
}

function entry(
  component: HealthComponent,
  weight: number,
  penalty: number,
  facts: string,
  input: SanitizedHealthInput,
): HealthBreakdownEntry {
  const notes = input.notes[component];
  return { component, weight, penalty, facts: notes.length ? `${facts} (${notes.join("; ")})` : facts };
}
