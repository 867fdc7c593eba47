/**
 * The evaluation as JSON (`metrics.json`) and as flat metric rows for tables and charts.
 */
import type { BootstrapSettings } from "./bootstrap.js";
import type { Evaluation, GroupMetrics, MetricResult, Outcome, OutcomeCounts, ScoredRecord } from "./evaluation-types.js";
import type { ConfusionMatrix } from "./metrics/confusion-matrix.js";

/** The shape written as `metrics.json`. Absent metadata is null, so the shape is stable. */
export interface EvaluationJson {
  format: "batchlab.evaluation";
  version: 1;
  task: string;
  label: string;
  model: string | null;
  provider: string | null;
  run_id: string | null;
  mode: "batch" | "realtime" | null;
  dataset: string | null;
  created_at: string;
  /** Rows evaluated (every result row, failed ones included). */
  examples: number;
  counts: OutcomeCounts;
  metrics: Record<string, MetricResult>;
  metric_descriptions: Record<string, string>;
  groups: Record<string, GroupMetrics[]>;
  confusion: ConfusionMatrix | null;
  bootstrap: BootstrapSettings;
  /** Present only with `{records: true}`. */
  records?: ScoredRecord[];
}

/** Options of {@link toEvaluationJson}. */
export interface EvaluationJsonOptions {
  /** Include the per-row records. Default false (they can be large; results.jsonl has the rows). */
  records?: boolean;
}

/** The evaluation as plain JSON data; `JSON.stringify` it to write `metrics.json`. */
export function toEvaluationJson(evaluation: Evaluation<any, any>, options: EvaluationJsonOptions = {}): EvaluationJson {
  const { metadata } = evaluation;
  const json: EvaluationJson = {
    format: "batchlab.evaluation",
    version: 1,
    task: evaluation.task,
    label: metadata.label,
    model: metadata.model ?? null,
    provider: metadata.provider ?? null,
    run_id: metadata.runId ?? null,
    mode: metadata.mode ?? null,
    dataset: metadata.dataset ?? null,
    created_at: metadata.createdAt,
    examples: evaluation.counts.total,
    counts: evaluation.counts,
    metrics: evaluation.metrics,
    metric_descriptions: evaluation.descriptions,
    groups: evaluation.groups,
    confusion: evaluation.confusion,
    bootstrap: evaluation.bootstrap,
  };
  if (options.records) json.records = evaluation.records;
  return json;
}

/** One metric of one group of one evaluation: a tidy row for a dataframe or a chart. */
export interface MetricRow {
  label: string;
  task: string;
  /** `all` for the overall value, else the grouping field (e.g. `category`). */
  grouping: string;
  /** `all`, or the group's value (e.g. `science`). */
  group: string;
  metric: string;
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
}

/** Flat rows of every metric, overall then per group, for one or several evaluations. */
export function metricsTable(evaluations: Evaluation<any, any> | readonly Evaluation<any, any>[]): MetricRow[] {
  const list: readonly Evaluation<any, any>[] = isList(evaluations) ? evaluations : [evaluations];
  const rows: MetricRow[] = [];
  for (const evaluation of list) {
    const base = { label: evaluation.metadata.label, task: evaluation.task };
    for (const [metric, result] of Object.entries(evaluation.metrics)) rows.push({ ...base, grouping: "all", group: "all", metric, ...result });
    for (const [grouping, groups] of Object.entries(evaluation.groups)) {
      for (const { group, metrics } of groups) {
        for (const [metric, result] of Object.entries(metrics)) rows.push({ ...base, grouping, group, metric, ...result });
      }
    }
  }
  return rows;
}

/** Options of {@link failureRecords}. */
export interface FailureOptions {
  /** Outcomes to keep. Default wrong, unparseable and failed. */
  outcomes?: readonly Outcome[];
  /** At most this many, in row order. Default: all. */
  limit?: number;
}

/** The rows that went wrong, for a failures table or the report's examples. */
export function failureRecords<A, E>(evaluation: Evaluation<A, E>, options: FailureOptions = {}): ScoredRecord<A, E>[] {
  const outcomes = new Set(options.outcomes ?? ["wrong", "unparseable", "failed"]);
  const found = evaluation.records.filter((record) => outcomes.has(record.outcome));
  return options.limit === undefined ? found : found.slice(0, options.limit);
}

function isList(value: Evaluation<any, any> | readonly Evaluation<any, any>[]): value is readonly Evaluation<any, any>[] {
  return Array.isArray(value);
}
