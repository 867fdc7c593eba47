/**
 * Reads metric values with intervals from plain data, so the bar charts take what the
 * evaluation gives without depending on it: tidy metric rows (`{label, grouping, group,
 * metric, value, low, high, n}`) or per-group entries (`{group, metrics: {accuracy: {...}}}`).
 */

/** A value with its interval ends (null or absent when unknown) and row count. */
export interface IntervalValue {
  value: number | null;
  low?: number | null;
  high?: number | null;
  n?: number;
}

/** One tidy metric row. Only `value` is required. */
export interface IntervalRow extends IntervalValue {
  /** The series: a model, run or evaluation label. */
  label?: string;
  /** The category on the x axis (e.g. `science`, or `all`). */
  group?: string;
  /** The metric's name; rows of other metrics are left out. */
  metric?: string;
  /** The grouping field (e.g. `category`, or `all` for overall values). */
  grouping?: string;
}

/** One group's metrics, as an evaluation's per-group breakdown gives them. */
export interface GroupMetricsLike {
  group: string;
  label?: string;
  metrics: Record<string, IntervalValue | undefined>;
}

/** What the interval bar charts accept. */
export type IntervalInput = readonly (IntervalRow | GroupMetricsLike)[];

/** Which rows to chart. */
export interface IntervalSelection {
  /** The metric to show. Default `accuracy` when present, else the first metric found. */
  metric?: string;
  /** The grouping to show. Default the first grouping other than `all`, else `all`. */
  grouping?: string;
}

/** A point ready to draw. */
export interface IntervalPoint {
  series: string;
  group: string;
  value: number | null;
  low: number | null;
  high: number | null;
  n: number | null;
}

/** The points selected from `input`, in order of first appearance, and the metric and grouping shown. */
export function intervalPoints(input: IntervalInput, selection: IntervalSelection = {}): { metric: string; grouping: string; points: IntervalPoint[] } {
  const metric = selection.metric ?? defaultMetric(input);
  const grouping = selection.grouping ?? defaultGrouping(input);
  const points: IntervalPoint[] = [];
  for (const entry of input) {
    if (isGroupMetrics(entry)) {
      const result = entry.metrics[metric];
      if (result) points.push(point(entry.label ?? "", entry.group, result));
      continue;
    }
    if (entry.metric !== undefined && entry.metric !== metric) continue;
    if (entry.grouping !== undefined && entry.grouping !== grouping) continue;
    points.push(point(entry.label ?? "", entry.group ?? "all", entry));
  }
  return { metric, grouping, points };
}

/** Distinct values in order of first appearance. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** True when every value and interval end lies in 0..1, so percentages read best. */
export function looksLikeRates(points: readonly IntervalPoint[]): boolean {
  const numbers = points.flatMap((point) => [point.value, point.low, point.high]).filter((value): value is number => value !== null);
  return numbers.length > 0 && numbers.every((value) => value >= 0 && value <= 1);
}

/** Plotly `error_y`/`error_x` for asymmetric interval bars (no bar where an end is unknown). */
export function intervalErrors(points: readonly IntervalPoint[]): Record<string, unknown> {
  return {
    type: "data",
    symmetric: false,
    array: points.map((point) => (point.value !== null && point.high !== null ? Math.max(0, point.high - point.value) : null)),
    arrayminus: points.map((point) => (point.value !== null && point.low !== null ? Math.max(0, point.value - point.low) : null)),
    color: "#374151",
    thickness: 1.5,
    width: 5,
  };
}

function point(series: string, group: string, result: IntervalValue): IntervalPoint {
  return {
    series,
    group,
    value: finite(result.value),
    low: finite(result.low),
    high: finite(result.high),
    n: typeof result.n === "number" ? result.n : null,
  };
}

function defaultMetric(input: IntervalInput): string {
  const names = input.flatMap((entry) => (isGroupMetrics(entry) ? Object.keys(entry.metrics) : entry.metric !== undefined ? [entry.metric] : []));
  return names.includes("accuracy") || names.length === 0 ? "accuracy" : names[0];
}

function defaultGrouping(input: IntervalInput): string {
  const groupings = input.flatMap((entry) => (!isGroupMetrics(entry) && entry.grouping !== undefined ? [entry.grouping] : []));
  return groupings.find((grouping) => grouping !== "all") ?? "all";
}

function isGroupMetrics(entry: IntervalRow | GroupMetricsLike): entry is GroupMetricsLike {
  return typeof (entry as GroupMetricsLike).metrics === "object" && (entry as GroupMetricsLike).metrics !== null;
}

function finite(value: number | null | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
