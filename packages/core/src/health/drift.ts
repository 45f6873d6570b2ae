import { OPAQUE_FINGERPRINT_SOURCE, parseSiteFingerprint } from "./site-fingerprint.js";

export interface DriftResult {
  drift: boolean;
  /** Why, in words for the run summary ("no baseline", "unifi configuration differs from the baseline", …). */
  reason: string;
  /** Sources whose fingerprint differs from the baseline. */
  changedSources: string[];
}

/**
 * Drift is a fingerprint that differs from the baseline recorded at the site's last logged config
 * change (SPEC §6). Site fingerprints (`combineFingerprints`) are compared source by source, over
 * the sources present in both: a source missing this run (an outage) or new since the baseline
 * (just connected) is not drift, and is named in the reason. Fingerprints in any other form are
 * compared whole.
 */
export function detectDrift(
  current: string | null | undefined,
  baseline: string | null | undefined,
): DriftResult {
  const base = parseSiteFingerprint(baseline);
  if (base.size === 0) return { drift: false, reason: "no baseline", changedSources: [] };
  const now = parseSiteFingerprint(current);
  if (now.size === 0) return { drift: false, reason: "source reports no configuration", changedSources: [] };

  if (base.has(OPAQUE_FINGERPRINT_SOURCE) || now.has(OPAQUE_FINGERPRINT_SOURCE)) {
    const same = (current ?? "").trim() === (baseline ?? "").trim();
    return same
      ? { drift: false, reason: "matches the baseline", changedSources: [] }
      : { drift: true, reason: "configuration differs from the baseline", changedSources: [] };
  }

  const common = [...now.keys()].filter((source) => base.has(source)).sort();
  const unbaselined = [...now.keys()].filter((source) => !base.has(source)).sort();
  const unreported = [...base.keys()].filter((source) => !now.has(source)).sort();
  if (common.length === 0) {
    return { drift: false, reason: `no baseline for ${unbaselined.join(", ")}`, changedSources: [] };
  }
  const changed = common.filter((source) => now.get(source) !== base.get(source));
  const notes = [
    ...(unbaselined.length ? [`no baseline yet for ${unbaselined.join(", ")}`] : []),
    ...(unreported.length ? [`${unreported.join(", ")} not reported`] : []),
  ];
  const head = changed.length
    ? `${changed.join(", ")} configuration differs from the baseline`
    : "matches the baseline";
  return {
    drift: changed.length > 0,
    reason: notes.length ? `${head} (${notes.join("; ")})` : head,
    changedSources: changed,
  };
}
