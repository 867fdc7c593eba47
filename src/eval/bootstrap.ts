/**
 * Percentile bootstrap confidence intervals with a seeded PRNG: resample rows with
 * replacement, recompute the statistic, take the middle `confidence` share of the results.
 */
import { ConfigError } from "../errors.js";
import { multinomialDraw } from "./binomial.js";
import { mulberry32, randomIndex } from "./random.js";

/** How intervals are computed. Every field has a default, so `{}` is fine. */
export interface BootstrapOptions {
  /** Resamples drawn. Default 1000; 0 turns intervals off (low/high null). */
  resamples?: number;
  /** Seed of the mulberry32 PRNG. Default 42: the same seed gives the same interval. */
  seed?: number;
  /** Interval coverage, in (0, 1). Default 0.95. */
  confidence?: number;
}

/** The options with their defaults filled in, as recorded in an evaluation. */
export type BootstrapSettings = Required<BootstrapOptions>;

export const DEFAULT_BOOTSTRAP: BootstrapSettings = { resamples: 1000, seed: 42, confidence: 0.95 };

/** A confidence interval; both ends null when it could not be computed (no rows, or resamples 0). */
export interface Interval {
  low: number | null;
  high: number | null;
}

/** Fill in the defaults and check the values (other keys of `options` are ignored). Throws ConfigError for a bad setting. */
export function bootstrapSettings(options: BootstrapOptions = {}): BootstrapSettings {
  const settings: BootstrapSettings = {
    resamples: options.resamples ?? DEFAULT_BOOTSTRAP.resamples,
    seed: options.seed ?? DEFAULT_BOOTSTRAP.seed,
    confidence: options.confidence ?? DEFAULT_BOOTSTRAP.confidence,
  };
  if (!Number.isInteger(settings.resamples) || settings.resamples < 0) {
    throw new ConfigError(`bootstrap resamples must be a whole number >= 0 (0 turns intervals off), got ${settings.resamples}`);
  }
  if (!(settings.confidence > 0 && settings.confidence < 1)) {
    throw new ConfigError(`bootstrap confidence must be between 0 and 1 (e.g. 0.95), got ${settings.confidence}`);
  }
  if (!Number.isFinite(settings.seed)) throw new ConfigError(`bootstrap seed must be a number, got ${settings.seed}`);
  return settings;
}

/**
 * The percentile interval of `statistic` over `values`. The statistic gets a resample of the
 * values (same length, drawn with replacement); resamples where it returns null are skipped.
 */
export function bootstrapInterval<V>(
  values: readonly V[],
  statistic: (sample: readonly V[]) => number | null,
  options: BootstrapOptions = {},
): Interval {
  const { resamples, seed, confidence } = bootstrapSettings(options);
  const n = values.length;
  if (n === 0 || resamples === 0) return { low: null, high: null };
  const random = mulberry32(seed);
  const sample: V[] = new Array(n);
  const results: number[] = [];
  for (let draw = 0; draw < resamples; draw++) {
    for (let index = 0; index < n; index++) sample[index] = values[randomIndex(random, n)];
    const value = statistic(sample);
    if (value !== null && Number.isFinite(value)) results.push(value);
  }
  return percentileInterval(results, confidence);
}

/**
 * The percentile interval of the mean (accuracy, mean IoU, token F1), without sample arrays.
 * When the values take few distinct values (at most a quarter as many as there are rows, as
 * with right/wrong), a resample is drawn as multinomial counts of those values: the same
 * distribution as drawing rows, at a cost independent of the row count, and the same interval
 * whatever the row order. Otherwise rows are drawn like {@link bootstrapInterval} does.
 */
export function bootstrapMeanInterval(values: ArrayLike<number>, options: BootstrapOptions = {}): Interval {
  const { resamples, seed, confidence } = bootstrapSettings(options);
  const n = values.length;
  if (n === 0 || resamples === 0) return { low: null, high: null };
  const random = mulberry32(seed);
  const results = new Float64Array(resamples);
  const distinct = distinctValues(values, Math.floor(n / 4));
  if (distinct) {
    const counts = new Float64Array(distinct.values.length);
    for (let draw = 0; draw < resamples; draw++) {
      multinomialDraw(random, n, distinct.counts, counts);
      let sum = 0;
      for (let index = 0; index < counts.length; index++) sum += counts[index] * distinct.values[index];
      results[draw] = sum / n;
    }
  } else {
    for (let draw = 0; draw < resamples; draw++) {
      let sum = 0;
      for (let index = 0; index < n; index++) sum += values[randomIndex(random, n)];
      results[draw] = sum / n;
    }
  }
  return percentileInterval(Array.from(results), confidence);
}

/** The (1-c)/2 and (1+c)/2 quantiles of the results (linear interpolation, like numpy's default). */
export function percentileInterval(results: number[], confidence: number): Interval {
  if (results.length === 0) return { low: null, high: null };
  const sorted = [...results].sort((left, right) => left - right);
  const tail = (1 - confidence) / 2;
  return { low: quantile(sorted, tail), high: quantile(sorted, 1 - tail) };
}

/** Quantile `q` of sorted numbers, interpolating between neighbours (numpy "linear"). */
export function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/** The distinct values in ascending order with their counts; undefined when there are more than `limit`. */
function distinctValues(values: ArrayLike<number>, limit: number): { values: number[]; counts: number[] } | undefined {
  const counts = new Map<number, number>();
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    counts.set(value, (counts.get(value) ?? 0) + 1);
    if (counts.size > limit) return undefined;
  }
  const sorted = [...counts.keys()].sort((left, right) => left - right);
  return { values: sorted, counts: sorted.map((value) => counts.get(value)!) };
}
