import { createHash } from "node:crypto";

const HEX_SHA256 = /^[0-9a-f]{64}$/;
const PART = /^([a-z0-9_-]+):([0-9a-f]{64})$/;

/** The key under which `parseSiteFingerprint` returns a fingerprint that is not in site form. */
export const OPAQUE_FINGERPRINT_SOURCE = "*";

/**
 * One site fingerprint from the fingerprints its sources report, e.g.
 * `azure:<sha256> unifi:<sha256>`: sources sorted by name (so the order they are given in does
 * not matter), sources without a fingerprint left out. Kept per source so that drift can be
 * judged source by source (a source that is down this run is not drift). Source names are
 * lower-cased ([a-z0-9_-], anything else becomes "_"); a fingerprint that is not a sha256 hex is
 * hashed so the form stays fixed. Returns undefined when no source reports a fingerprint.
 */
export function combineFingerprints(
  fingerprints: Readonly<Record<string, string | null | undefined>>,
): string | undefined {
  const parts = new Map<string, string>();
  for (const [source, fingerprint] of Object.entries(fingerprints)) {
    if (typeof fingerprint !== "string" || fingerprint.trim() === "") continue;
    const name = source.toLowerCase().replace(/[^a-z0-9_-]/g, "_") || "_";
    const value = fingerprint.trim().toLowerCase();
    parts.set(
      name,
      HEX_SHA256.test(value) ? value : createHash("sha256").update(fingerprint.trim()).digest("hex"),
    );
  }
  if (parts.size === 0) return undefined;
  return [...parts.keys()]
    .sort()
    .map((name) => `${name}:${parts.get(name)}`)
    .join(" ");
}

/**
 * Splits a site fingerprint back into its sources. Text not in that form (e.g. a bare hash) comes
 * back whole under OPAQUE_FINGERPRINT_SOURCE; blank text gives an empty map.
 */
export function parseSiteFingerprint(text: string | null | undefined): Map<string, string> {
  const trimmed = (text ?? "").trim();
  if (trimmed === "") return new Map();
  const tokens = trimmed.split(/\s+/);
  const matches = tokens.map((token) => PART.exec(token));
  if (matches.every((match) => match !== null)) {
    return new Map(matches.map((match) => [match![1]!, match![2]!]));
  }
  return new Map([[OPAQUE_FINGERPRINT_SOURCE, trimmed]]);
}
