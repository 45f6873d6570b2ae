/** Epoch values above this are milliseconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const MILLISECONDS_THRESHOLD = 1e11;

/**
 * NinjaOne timestamps are epoch seconds as floats (`1742412252.744`), sometimes milliseconds.
 * Returns epoch milliseconds, or undefined for absent, zero or unreadable values. Numeric strings
 * and ISO strings are read too.
 */
export function epochMillis(value: unknown): number | undefined {
  let ms: number | undefined;
  if (typeof value === "number") ms = fromNumber(value);
  else if (typeof value === "string" && value.trim() !== "") {
    const text = value.trim();
    ms = /^\d+(\.\d+)?$/.test(text) ? fromNumber(Number(text)) : Date.parse(text);
  }
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return undefined;
  return Number.isNaN(new Date(ms).getTime()) ? undefined : ms;
}

/** The exact instant of a NinjaOne timestamp as ISO 8601 (UTC); see epochMillis. */
export function epochToIso(value: unknown): string | undefined {
  const ms = epochMillis(value);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

function fromNumber(value: number): number | undefined {
  if (!Number.isFinite(value) || value <= 0) return undefined;
  return Math.round(value > MILLISECONDS_THRESHOLD ? value : value * 1000);
}
