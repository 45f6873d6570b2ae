/** UTC calendar dates (`YYYY-MM-DD`): the sync's day boundary is UTC, whatever the runner's zone. */
export function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function previousDate(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return utcDate(day);
}

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && utcDate(day) === value;
}
