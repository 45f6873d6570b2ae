/**
 * Notion ids are UUIDs, accepted with or without dashes; Notion returns the dashed, lower-case
 * form. Returns that form, or undefined when `value` is not an id.
 */
export function normalizeNotionId(value: string): string | undefined {
  const hex = value.trim().replace(/-/g, "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
