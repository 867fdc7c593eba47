/**
 * A small seeded random source (mulberry32), so the dataset comes out the same on every
 * machine and Node version. Math.random() is never used.
 */

/** A function returning numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer from `low` to `high`, both included. */
export function integer(random, low, high) {
  return low + Math.floor(random() * (high - low + 1));
}

/** One entry of a non-empty list. */
export function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled(random, list) {
  const copy = [...list];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}
