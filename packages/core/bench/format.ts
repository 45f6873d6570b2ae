export const int = (n: number) => Math.round(n).toLocaleString("en-US");
export const fixed = (n: number, digits = 2) => n.toFixed(digits);
export const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
export const mb = (n: number) => `${n.toFixed(0)} MB`;
export const ms = (n: number, digits = 3) => `${n.toFixed(digits)} ms`;

/** "+1.3%" / "−0.4%" / "±0.0%" relative to `base`. */
export function relative(value: number, base: number): string {
  if (base === 0) return value === 0 ? "±0.0%" : "n/a";
  const pct = ((value - base) / base) * 100;
  if (Math.abs(pct) < 0.05) return "±0.0%";
  return `${pct > 0 ? "+" : "−"}${Math.abs(pct).toFixed(1)}%`;
}

/** "pages.create 784, dataSources.query 3" (largest first). */
export function byKind(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([kind, n]) => `${kind} ${int(n)}`)
    .join(", ");
}
