/**
 * Where drift baselines live (see docs/health.md): an extra rich_text property on Config Changes,
 * written when a change is logged with the site's fingerprint (`combineFingerprints`) at that time.
 */
export const CONFIG_FINGERPRINT_PROPERTY = "Config Fingerprint";

/** The parts of a Config Changes record that decide a baseline. */
export interface ConfigChangeFingerprint {
  siteKey: string;
  /** The record's Timestamp (ISO date or date-time, or a Date). */
  timestamp: string | Date;
  /** Its Config Fingerprint; blank when the change was logged without one. */
  fingerprint?: string | null;
  /** Its Change ID; only breaks ties between changes logged at the same instant. */
  changeId?: string;
}

/**
 * The drift baseline of each site: the fingerprint on its newest logged change. A site whose
 * newest change carries no fingerprint has no baseline (absent from the map), since any older
 * fingerprint predates that change. Input order does not matter; an unreadable timestamp counts
 * as oldest; ties on time are broken by Change ID, then fingerprint, so the answer is stable.
 */
export function latestBaselines(changes: readonly ConfigChangeFingerprint[]): Map<string, string> {
  const newest = new Map<string, ConfigChangeFingerprint>();
  for (const change of changes) {
    if (typeof change?.siteKey !== "string" || change.siteKey === "") continue;
    const held = newest.get(change.siteKey);
    if (!held || isNewer(change, held)) newest.set(change.siteKey, change);
  }
  const baselines = new Map<string, string>();
  for (const [siteKey, change] of newest) {
    const fingerprint = typeof change.fingerprint === "string" ? change.fingerprint.trim() : "";
    if (fingerprint) baselines.set(siteKey, fingerprint);
  }
  return baselines;
}

function isNewer(a: ConfigChangeFingerprint, b: ConfigChangeFingerprint): boolean {
  const ta = instant(a.timestamp);
  const tb = instant(b.timestamp);
  if (ta !== tb) return ta > tb;
  const ca = a.changeId ?? "";
  const cb = b.changeId ?? "";
  if (ca !== cb) return ca > cb;
  return (a.fingerprint ?? "") > (b.fingerprint ?? "");
}

function instant(timestamp: string | Date): number {
  const time = timestamp instanceof Date ? timestamp.getTime() : Date.parse(String(timestamp));
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}
