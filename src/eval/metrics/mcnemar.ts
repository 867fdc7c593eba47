/**
 * McNemar's exact test for paired yes/no outcomes: under "both models are equally good",
 * each discordant pair (one right, the other wrong) is a fair coin flip.
 */

/**
 * Two-sided exact p-value from the discordant counts `onlyA` and `onlyB`:
 * min(1, 2 · P(X <= min(onlyA, onlyB))) with X ~ Binomial(onlyA + onlyB, 1/2).
 * 1 when there are no discordant pairs. Computed in log space, so large counts are fine.
 */
export function mcnemarExact(onlyA: number, onlyB: number): number {
  const n = onlyA + onlyB;
  if (n === 0) return 1;
  const smaller = Math.min(onlyA, onlyB);
  const logFactorials = logFactorialTable(n);
  const logHalf = n * Math.log(0.5);
  const logTerms: number[] = [];
  for (let k = 0; k <= smaller; k++) {
    logTerms.push(logFactorials[n] - logFactorials[k] - logFactorials[n - k] + logHalf);
  }
  return Math.min(1, 2 * Math.exp(logSumExp(logTerms)));
}

function logFactorialTable(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) table[k] = table[k - 1] + Math.log(k);
  return table;
}

function logSumExp(values: number[]): number {
  let largest = -Infinity;
  for (const value of values) if (value > largest) largest = value;
  let total = 0;
  for (const value of values) total += Math.exp(value - largest);
  return largest + Math.log(total);
}
