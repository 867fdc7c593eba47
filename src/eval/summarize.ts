/** Counts and metric values (with bootstrap intervals) over scored records, overall and per group. */
import { bootstrapInterval, bootstrapMeanInterval, type BootstrapSettings } from "./bootstrap.js";
import type { GroupMetrics, MetricResult, OutcomeCounts, ScoredRecord } from "./evaluation-types.js";
import { aggregateValues, metricValues, type Metric } from "./metric.js";

/** How many records had each outcome. */
export function outcomeCounts(records: readonly ScoredRecord[]): OutcomeCounts {
  const counts: OutcomeCounts = { total: records.length, succeeded: 0, failed: 0, correct: 0, wrong: 0, unparseable: 0, unscored: 0 };
  for (const record of records) {
    counts[record.outcome]++;
    if (record.status === "succeeded") counts.succeeded++;
  }
  return counts;
}

/** Every metric over the succeeded records, with its interval. */
export function computeMetrics(
  metrics: readonly Metric<any>[],
  records: readonly ScoredRecord[],
  bootstrap: BootstrapSettings,
): Record<string, MetricResult> {
  const succeeded = records.filter((record) => record.status === "succeeded");
  const results: Record<string, MetricResult> = {};
  for (const metric of metrics) results[metric.name] = computeMetric(metric, succeeded, bootstrap);
  return results;
}

/** For each grouping field, the metrics of each of its values (sorted by value). */
export function groupMetrics(
  metrics: readonly Metric<any>[],
  records: readonly ScoredRecord[],
  groupBy: readonly string[],
  bootstrap: BootstrapSettings,
): Record<string, GroupMetrics[]> {
  const groups: Record<string, GroupMetrics[]> = {};
  for (const field of groupBy) {
    const members = new Map<string, ScoredRecord[]>();
    for (const record of records) {
      const value = record.groups[field];
      let list = members.get(value);
      if (!list) members.set(value, (list = []));
      list.push(record);
    }
    groups[field] = [...members.keys()].sort(compareGroups).map((group) => ({
      group,
      counts: outcomeCounts(members.get(group)!),
      metrics: computeMetrics(metrics, members.get(group)!, bootstrap),
    }));
  }
  return groups;
}

function computeMetric(metric: Metric<any>, records: readonly ScoredRecord[], bootstrap: BootstrapSettings): MetricResult {
  const values = metricValues(metric, records);
  const value = finiteOrNull(aggregateValues(metric, values));
  if (metric.interval === false || value === null) return { value, low: null, high: null, n: values.length };
  const interval = metric.aggregate
    ? bootstrapInterval(values, (sample) => metric.aggregate!(sample), bootstrap)
    : bootstrapMeanInterval(values as number[], bootstrap);
  return { value, low: interval.low, high: interval.high, n: values.length };
}

/** Numbers in numeric order ("2" before "10"), everything else alphabetically. */
function compareGroups(left: string, right: string): number {
  const a = Number(left);
  const b = Number(right);
  if (left !== "" && right !== "" && Number.isFinite(a) && Number.isFinite(b)) return a - b;
  return left < right ? -1 : left > right ? 1 : 0;
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
