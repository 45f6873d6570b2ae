/** Colors allowed for select, multi_select and status options. */
export const OPTION_COLORS = [
  "default",
  "gray",
  "brown",
  "orange",
  "yellow",
  "green",
  "blue",
  "purple",
  "pink",
  "red",
] as const;

/** The color Notion-style auto-created options get: cycles through the palette deterministically. */
export function nextOptionColor(existingCount: number): string {
  const palette = OPTION_COLORS.slice(1);
  return palette[existingCount % palette.length] ?? "default";
}
