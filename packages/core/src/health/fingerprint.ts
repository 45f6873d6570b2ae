import { createHash } from "node:crypto";

/**
 * Keys dropped by default from a configuration before fingerprinting: values that move on every
 * poll without anything being reconfigured. Matched against each key name, at any depth.
 * - instants: `timestamp`, `time`, `date`, `ts`, `now`; camelCase `…At` (createdAt, lastSeenAt) and
 *   snake_case `…_at` (updated_at)
 * - `uptime`, `heartbeat`; `last…` observations (lastSeen, last_seen, lastContact, lastseen)
 * - traffic counters: `rx…`/`tx…` (rxBytes, tx_packets, txRate) and anything ending in bytes/packets
 */
export const DEFAULT_VOLATILE_KEY_PATTERNS: readonly RegExp[] = Object.freeze([
  /timestamp/i,
  /^(time|date|ts|now)$/i,
  /[a-z0-9]At$/,
  /_at$/i,
  /uptime/i,
  /heartbeat/i,
  /^last(?![a-z])/,
  /^last_?(seen|contact|update|boot|backup|poll|sync)/i,
  /^(rx|tx)(?![a-z])/,
  /^(rx|tx)_/i,
  /(bytes|packets)$/i,
]);

export interface ConfigFingerprintOptions {
  /** Further key names to drop, at any depth (exact, case-sensitive). */
  ignoreKeys?: readonly string[];
  /** Replaces DEFAULT_VOLATILE_KEY_PATTERNS (pass [] to keep every key). */
  volatileKeyPatterns?: readonly RegExp[];
}

const MAX_DEPTH = 100;

/**
 * A stable sha256 (hex) of what a source reports about a site's configuration. The hash is taken
 * over `canonicalConfig(value)`, so key order, array order and volatile fields do not change it;
 * any other change of a value, key or array element does.
 */
export function configFingerprint(value: unknown, options?: ConfigFingerprintOptions): string {
  return createHash("sha256").update(canonicalConfig(value, options)).digest("hex");
}

/**
 * The canonical text a fingerprint is taken over (exported to explain a drift). JSON-like:
 * object keys sorted, volatile/ignored keys and `undefined` values dropped, arrays (and Sets)
 * treated as multisets (elements sorted by their canonical text), Maps as objects, Dates as ISO
 * strings, NaN/±Infinity as bare tokens, cycles as `[Circular]`, nesting beyond 100 as `[Too deep]`.
 */
export function canonicalConfig(value: unknown, options?: ConfigFingerprintOptions): string {
  const ignore = new Set(options?.ignoreKeys ?? []);
  const patterns = options?.volatileKeyPatterns ?? DEFAULT_VOLATILE_KEY_PATTERNS;
  const dropKey = (key: string) =>
    ignore.has(key) ||
    patterns.some((pattern) => {
      pattern.lastIndex = 0;
      return pattern.test(key);
    });
  return canonical(value, dropKey, [], 0) ?? "null";
}

function canonical(
  value: unknown,
  dropKey: (key: string) => boolean,
  ancestors: object[],
  depth: number,
): string | undefined {
  switch (typeof value) {
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return value.toString();
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : String(value);
  }
  if (value === null) return "null";
  const object = value as object;
  if (object instanceof Date)
    return Number.isNaN(object.getTime()) ? "null" : JSON.stringify(object.toISOString());
  if (ancestors.includes(object)) return "[Circular]";
  if (depth >= MAX_DEPTH) return "[Too deep]";
  ancestors.push(object);
  try {
    if (Array.isArray(object) || object instanceof Set) {
      const items = [...object].map((item) => canonical(item, dropKey, ancestors, depth + 1) ?? "null");
      return `[${items.sort().join(",")}]`;
    }
    const entries: [string, unknown][] =
      object instanceof Map ? [...object].map(([key, item]) => [String(key), item]) : Object.entries(object);
    const members: string[] = [];
    for (const [key, item] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (dropKey(key)) continue;
      const text = canonical(item, dropKey, ancestors, depth + 1);
      if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${members.join(",")}}`;
  } finally {
    ancestors.pop();
  }
}
