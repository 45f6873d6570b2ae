/**
 * Dates as Notion holds them. A date-only value (`YYYY-MM-DD`) stays date-only; a date-time is an
 * instant, written in the form Notion returns (`2026-09-01T06:00:00.000+00:00`, UTC). A date-time
 * without an offset is read as UTC.
 */
export type ParsedDate = { kind: "date"; value: string } | { kind: "datetime"; epochMs: number };

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Parses an ISO 8601 date or date-time (or a `Date`); undefined when it is not one. */
export function parseDate(value: string | Date): ParsedDate | undefined {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? undefined : { kind: "datetime", epochMs: ms };
  }
  const text = value.trim();
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly) {
    const [, y, m, d] = dateOnly as unknown as [string, string, string, string];
    return validDay(+y, +m, +d) ? { kind: "date", value: text } : undefined;
  }
  const dt = DATE_TIME.exec(text);
  if (!dt) return undefined;
  const [, y, mo, d, h, mi, s = "0", frac = "", zone = "Z"] = dt as unknown as string[];
  if (!validDay(+y!, +mo!, +d!) || +h! > 23 || +mi! > 59 || +s > 59) return undefined;
  const ms = Number(`0.${frac || "0"}`) * 1000;
  const local = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s, Math.floor(ms));
  const offset = offsetMinutes(zone);
  if (offset === undefined) return undefined;
  return { kind: "datetime", epochMs: local - offset * 60_000 };
}

/** The string to send (and the one Notion sends back). */
export function formatNotionDate(date: ParsedDate): string {
  if (date.kind === "date") return date.value;
  return new Date(date.epochMs).toISOString().replace(/Z$/, "+00:00");
}

/**
 * The form used to compare a desired date with Notion's: date-only as is; date-times in UTC to the
 * minute (Notion's date precision), so re-reading a value never looks like a change.
 */
export function comparableDate(date: ParsedDate): string {
  if (date.kind === "date") return date.value;
  return new Date(Math.floor(date.epochMs / 60_000) * 60_000).toISOString().slice(0, 16) + "Z";
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

function offsetMinutes(zone: string): number | undefined {
  if (zone === "Z" || zone === "z") return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? "0");
  if (hours > 23 || minutes > 59) return undefined;
  return (match[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
}
