/**
 * A small seeded pseudo-random generator (mulberry32). Every random decision the emulator makes
 * (fault injection, ids when seeded) draws from one of these, so the same seed and the same request
 * sequence always give the same behaviour. Its whole state is one 32-bit integer, which makes it
 * trivial to persist.
 */
export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An unsigned 32-bit integer. */
  nextUint32(): number;
  /** An integer in [0, maxExclusive). */
  nextInt(maxExclusive: number): number;
  /** The current internal state; `createPrng(state)` resumes the same sequence. */
  state(): number;
}

export function createPrng(seed: number): Prng {
  let a = Math.trunc(seed) >>> 0;
  const nextUint32 = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    nextUint32,
    next: () => nextUint32() / 4294967296,
    nextInt: (maxExclusive) => Math.floor((nextUint32() / 4294967296) * maxExclusive),
    state: () => a,
  };
}
