import type { DateValue } from "./state.js";
import { invalid, invalidAt, requireObject } from "./validation/json.js";

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

const pad = (n: number, w = 2): string => String(Math.abs(n)).padStart(w, "0");

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  return `${sign}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

function validCalendarDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** The UTC offset (minutes) of an IANA zone at an instant. */
function zoneOffsetMinutes(timeZone: string, utcMs: number): number {
  const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(new Date(utcMs))
    .find((p) => p.type === "timeZoneName")?.value;
  const m = part?.match(/GMT([+-])(\d{2}):(\d{2})/);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === "-" ? -minutes : minutes;
}

function isValidZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Normalizes one date string as Notion stores it: dates stay `YYYY-MM-DD`; date-times become
 * `YYYY-MM-DDTHH:mm:ss.sss±HH:MM`, keeping the given offset (`Z` → `+00:00`). With a time zone,
 * the string must carry a time and no offset, and the zone's offset is embedded.
 */
export function normalizeDateString(value: unknown, timeZone: string | null, path: string): string {
  if (typeof value !== "string") throw invalid(path, "should be a string", value);
  const dateOnly = value.match(DATE_ONLY);
  if (dateOnly) {
    if (!validCalendarDate(Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3]))) {
      throw invalid(path, "should be a valid ISO 8601 date string", value);
    }
    if (timeZone)
      throw invalidAt(path, "cannot be a date without time information when time_zone is provided.");
    return value;
  }
  const m = value.match(DATE_TIME);
  if (!m) throw invalid(path, "should be a valid ISO 8601 date string", value);
  const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  const s = Number(m[6] ?? 0);
  const ms = Number((m[7] ?? "0").padEnd(3, "0").slice(0, 3));
  if (!validCalendarDate(y, mo, d) || h > 23 || mi > 59 || s > 59) {
    throw invalid(path, "should be a valid ISO 8601 date string", value);
  }
  let offsetMinutes: number;
  if (m[8]) {
    if (timeZone) throw invalidAt(path, "cannot contain a UTC offset when time_zone is provided.");
    if (m[8] === "Z") offsetMinutes = 0;
    else {
      const raw = m[8].replace(":", "");
      const mins = Number(raw.slice(1, 3)) * 60 + Number(raw.slice(3, 5));
      offsetMinutes = raw.startsWith("-") ? -mins : mins;
    }
  } else if (timeZone) {
    const localAsUtc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
    const first = zoneOffsetMinutes(timeZone, localAsUtc);
    offsetMinutes = zoneOffsetMinutes(timeZone, localAsUtc - first * 60_000);
  } else offsetMinutes = 0;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}.${pad(ms, 3)}${formatOffset(offsetMinutes)}`;
}

/** Parses a request date value `{start, end?, time_zone?}` (null clears). */
export function parseDateValue(value: unknown, path: string): DateValue | null {
  if (value === null) return null;
  const v = requireObject(value, path);
  let timeZone: string | null = null;
  if (v.time_zone !== undefined && v.time_zone !== null) {
    if (typeof v.time_zone !== "string" || !isValidZone(v.time_zone)) {
      throw invalid(`${path}.time_zone`, "should be a valid IANA time zone", v.time_zone);
    }
    timeZone = v.time_zone;
  }
  if (v.start === undefined || v.start === null) throw invalid(`${path}.start`, "should be defined", v.start);
  const start = normalizeDateString(v.start, timeZone, `${path}.start`);
  const end =
    v.end === undefined || v.end === null ? null : normalizeDateString(v.end, timeZone, `${path}.end`);
  return { start, end, time_zone: null };
}

/** Milliseconds since the epoch for a stored date string (dates are taken at UTC midnight). */
export function dateInstant(value: string): number {
  return DATE_ONLY.test(value) ? Date.parse(`${value}T00:00:00Z`) : Date.parse(value);
}

export function isDateOnly(value: string): boolean {
  return DATE_ONLY.test(value);
}

/** The calendar day (`YYYY-MM-DD`) a stored date string is written in. */
export function calendarDay(value: string): string {
  return value.slice(0, 10);
}

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
