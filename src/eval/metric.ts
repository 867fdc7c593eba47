/**
 * A metric is a per-row value and a way to combine values (the mean by default). Keeping
 * the row values lets the bootstrap resample rows and recompute any metric, including
 * ratios like micro F1 that are not a mean.
 */
import { mean, sum } from "./metrics/accuracy.js";
import type { ScoredRecord } from "./evaluation-types.js";

/**
 * How to compute one metric from scored records. Only succeeded rows are passed to `value`;
 * failed rows never count.
 */
export interface Metric<V = number, A = any, E = any> {
  /** Column name in tables and `metrics.json`, e.g. `accuracy`. Unique in a task. */
  name: string;
  description?: string;
  /** The row's contribution; undefined leaves the row out. */
  value(record: ScoredRecord<A, E>): V | undefined;
  /** Combine row values into the metric; null when it cannot. Default: the mean (numbers only). */
  aggregate?(values: readonly V[]): number | null;
  /** Compute a bootstrap interval. Default true. */
  interval?: boolean;
}

/** Identity helper that keeps the value type: `defineMetric({ name, value, aggregate })`. */
export function defineMetric<V = number, A = any, E = any>(metric: Metric<V, A, E>): Metric<V, A, E> {
  return metric;
}

/** Share of scored rows that are correct. Unparseable rows count as not correct. */
export function accuracyMetric(): Metric {
  return {
    name: "accuracy",
    description: "correct / scored rows (unparseable answers count as not correct)",
    value: (record) => (record.correct === null ? undefined : record.correct ? 1 : 0),
  };
}

/** Share correct among rows where an answer could be read. */
export function parsedAccuracyMetric(): Metric {
  return {
    name: "parsed_accuracy",
    description: "correct / rows with a readable answer",
    value: (record) => (record.correct === null || record.unparseable ? undefined : record.correct ? 1 : 0),
  };
}

/** Share of answered rows from which no answer could be read. */
export function unparseableRateMetric(): Metric {
  return {
    name: "unparseable_rate",
    description: "unparseable / succeeded rows",
    value: (record) => (record.unparseable ? 1 : 0),
  };
}

/** The mean of a per-row number (rows where it is undefined or not finite are left out). */
export function meanMetric<A = any, E = any>(
  name: string,
  value: (record: ScoredRecord<A, E>) => number | null | undefined,
  description?: string,
): Metric<number, A, E> {
  return { name, description, value: (record) => finiteOrUndefined(value(record)) };
}

/** The total of a per-row number, without an interval (e.g. cost); null when no row has one. */
export function sumMetric<A = any, E = any>(
  name: string,
  value: (record: ScoredRecord<A, E>) => number | null | undefined,
  description?: string,
): Metric<number, A, E> {
  const total = (values: readonly number[]) => (values.length === 0 ? null : sum(values));
  return { name, description, value: (record) => finiteOrUndefined(value(record)), aggregate: total, interval: false };
}

/** The row values of a metric over records, and the metric's value from them. */
export function metricValues<V>(metric: Metric<V>, records: readonly ScoredRecord[]): V[] {
  const values: V[] = [];
  for (const record of records) {
    const value = metric.value(record);
    if (value !== undefined) values.push(value);
  }
  return values;
}

/** Combine values with the metric's aggregate, or the mean. */
export function aggregateValues<V>(metric: Metric<V>, values: readonly V[]): number | null {
  if (metric.aggregate) return metric.aggregate(values);
  return mean(values as unknown as readonly number[]);
}

function finiteOrUndefined(value: number | null | undefined): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
