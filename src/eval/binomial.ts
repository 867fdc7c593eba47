/**
 * Exact binomial and multinomial draws from a uniform generator, so a bootstrap over rows
 * with few distinct values costs O(distinct values), not O(rows), per resample.
 */
import type { Random } from "./random.js";

/**
 * One draw of Binomial(n, p), by inversion searching outward from the mode (Kemp 1986):
 * one uniform per draw, expected steps about the standard deviation.
 */
export function binomialDraw(random: Random, n: number, p: number): number {
  if (n === 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const modeMass = Math.exp(logChoose(n, mode) + mode * Math.log(p) + (n - mode) * Math.log1p(-p));
  const odds = p / (1 - p);
  let u = random() - modeMass;
  if (u <= 0) return mode;
  let low = mode;
  let high = mode;
  let lowMass = modeMass;
  let highMass = modeMass;
  while (low > 0 || high < n) {
    if (low > 0) {
      // pmf(k - 1) = pmf(k) · k / ((n - k + 1) · odds)
      lowMass *= low / ((n - low + 1) * odds);
      low--;
      u -= lowMass;
      if (u <= 0) return low;
    }
    if (high < n) {
      // pmf(k + 1) = pmf(k) · (n - k) / (k + 1) · odds
      highMass *= ((n - high) / (high + 1)) * odds;
      high++;
      u -= highMass;
      if (u <= 0) return high;
    }
  }
  return mode; // only reached through rounding (the masses summed to just under 1)
}

/** Counts of one Multinomial(n, weights / n) draw, as conditional binomials. */
export function multinomialDraw(random: Random, n: number, weights: ArrayLike<number>, into: Float64Array): Float64Array {
  let left = n;
  let weightLeft = 0;
  for (let index = 0; index < weights.length; index++) weightLeft += weights[index];
  for (let index = 0; index < weights.length; index++) {
    const drawn = index === weights.length - 1 ? left : binomialDraw(random, left, weights[index] / weightLeft);
    into[index] = drawn;
    left -= drawn;
    weightLeft -= weights[index];
  }
  return into;
}

/** ln C(n, k). */
function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

const SMALL = 256;
const smallTable = (() => {
  const table = new Float64Array(SMALL);
  for (let k = 2; k < SMALL; k++) table[k] = table[k - 1] + Math.log(k);
  return table;
})();

/** ln k!: a table below 256, Stirling's series above (error far below 1e-15 there). */
function logFactorial(k: number): number {
  if (k < SMALL) return smallTable[k];
  const inverse = 1 / k;
  const inverse2 = inverse * inverse;
  return k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k) + inverse * (1 / 12 - inverse2 * (1 / 360 - inverse2 / 1260));
}
