/** The emulator's notion of time: milliseconds since the epoch. Injected so tests control it. */
export type Now = () => number;

export const systemNow: Now = () => Date.now();

/** Notion rounds created_time / last_edited_time of pages, databases and blocks down to the minute. */
export function roundDownToMinute(ms: number): number {
  return Math.floor(ms / 60_000) * 60_000;
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The ISO timestamp Notion shows for an object's created/last-edited time. */
export function notionTimestamp(ms: number): string {
  return toIso(roundDownToMinute(ms));
}
