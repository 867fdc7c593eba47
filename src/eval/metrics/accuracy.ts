/** Means and shares: the aggregates most metrics reduce to. */

/** The share of true values (0..1); null for an empty list. */
export function accuracy(correct: readonly boolean[]): number | null {
  if (correct.length === 0) return null;
  let right = 0;
  for (const value of correct) if (value) right++;
  return right / correct.length;
}

/** The arithmetic mean; null for an empty list. */
export function mean(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (let index = 0; index < values.length; index++) sum += values[index];
  return sum / values.length;
}

/** The sum (0 for an empty list). */
export function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < values.length; index++) total += values[index];
  return total;
}
