/** An ISO 8601 instant (UTC) from a vendor timestamp, or undefined when it is missing or unreadable. */
export function isoInstant(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
