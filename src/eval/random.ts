/** A small seeded PRNG, so bootstrap intervals are the same on every machine for a seed. */

/** A uniform [0, 1) generator. */
export type Random = () => number;

/**
 * mulberry32: 32-bit state, fast, and good enough for resampling. The same seed always
 * gives the same sequence (seeds are taken modulo 2^32).
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, n). */
export function randomIndex(random: Random, n: number): number {
  return Math.floor(random() * n);
}
