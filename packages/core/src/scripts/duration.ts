/**
 * Durations in a manifest or config: a number of seconds (`90`, `0.5`) or a string of one or more
 * `<number><unit>` parts with units `ms`, `s`, `m`, `h`, `d` (`90s`, `10m`, `6h`, `1d`, `1h30m`).
 * A string of digits alone (`"600"`) is also seconds.
 */
const UNIT_SECONDS = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400 } as const;
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
const BARE_NUMBER = /^\d+(?:\.\d+)?$/;

export const DURATION_HINT = 'a duration like "90s", "10m", "6h", "1d" or a number of seconds';

/** Returns the duration in seconds, or undefined when `value` is not a duration. */
export function parseDurationSeconds(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim().toLowerCase();
  if (BARE_NUMBER.test(text)) return Number(text);
  if (!WHOLE.test(text)) return undefined;
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(PART)) {
    seconds += Number(amount) * UNIT_SECONDS[unit as keyof typeof UNIT_SECONDS];
  }
  return seconds;
}

/** `3.2 s`, `4 min 5 s`, `6 h` — for summaries and handoffs. */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  const seconds = milliseconds / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  const days = Math.floor(whole / 86_400);
  const hours = Math.floor((whole % 86_400) / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  const parts = [
    days ? `${days} d` : "",
    hours ? `${hours} h` : "",
    minutes ? `${minutes} min` : "",
    rest && !days ? `${rest} s` : "",
  ];
  return parts.filter(Boolean).join(" ");
}
