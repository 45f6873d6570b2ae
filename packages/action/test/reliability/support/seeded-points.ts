/** `count` distinct integers in [1, max], drawn from a seeded PRNG (mulberry32), sorted. */
export function seededPoints(seed: number, count: number, max: number): number[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const points = new Set<number>();
  const wanted = Math.min(count, max);
  while (points.size < wanted) points.add(1 + Math.floor(next() * max));
  return [...points].sort((a, b) => a - b);
}
