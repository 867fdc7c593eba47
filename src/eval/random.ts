/** A small seeded PRNG, so bootstrap intervals are the same on every machine for a seed. */

import type { Random } from "../util/random.js";

export { mulberry32, type Random } from "../util/random.js";

/** A uniform integer in [0, n). */
export function randomIndex(random: Random, n: number): number {
  return Math.floor(random() * n);
}
