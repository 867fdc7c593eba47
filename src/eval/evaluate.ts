/**
 * Score a run's results against a task: one record per row, counts by outcome, metrics with
 * bootstrap intervals, per-group breakdowns, and a confusion matrix for label answers.
 */
import type { ResultRow } from "../run/result-row.js";
import type { RunSummary } from "../run/run-summary.js";
import { bootstrapSettings, type BootstrapOptions } from "./bootstrap.js";
import type { Evaluation, EvaluationMetadata } from "./evaluation-types.js";
import { confusionMatrix } from "./metrics/confusion-matrix.js";
import { scoreRecord } from "./score-records.js";
import { computeMetrics, groupMetrics, outcomeCounts } from "./summarize.js";
import type { Task } from "./task.js";
import { getTask } from "./task-registry.js";

/** Options of {@link evaluate}: metadata for `metrics.json`, grouping, and the bootstrap. */
export interface EvaluateOptions extends BootstrapOptions {
  /** Fills `runId`, `model` and `provider` from a run's `summary.json`. */
  summary?: Pick<RunSummary, "runId" | "model" | "provider">;
  model?: string;
  provider?: string;
  runId?: string;
  mode?: "batch" | "realtime";
  /** The dataset file or name. Default: the task's dataset file. */
  dataset?: string;
  /** Name in comparisons and charts. Default: the model, else the run id, else the task name. */
  label?: string;
  /** Fields to group by instead of the task's `groupBy`. */
  groupBy?: string | readonly string[];
  /** When the evaluation was made. Default: now. */
  createdAt?: Date | string;
}

/**
 * Evaluate result rows (e.g. from `readResults(runId)`) with a task or a registered task's
 * name. Rows that did not succeed are counted as `failed` and left out of every metric.
 */
export function evaluate<A = unknown, E = unknown>(
  task: Task<A, E> | string,
  results: Iterable<ResultRow>,
  options: EvaluateOptions = {},
): Evaluation<A, E> {
  const resolved = (typeof task === "string" ? getTask(task) : task) as Task<A, E>;
  const bootstrap = bootstrapSettings(options);
  const groupBy = options.groupBy === undefined ? resolved.groupBy : typeof options.groupBy === "string" ? [options.groupBy] : [...options.groupBy];
  const records = [];
  for (const row of results) records.push(scoreRecord(resolved, row, groupBy));
  return {
    task: resolved.name,
    metadata: metadataOf(resolved, options),
    counts: outcomeCounts(records),
    metrics: computeMetrics(resolved.metrics, records, bootstrap),
    descriptions: Object.fromEntries(resolved.metrics.map((metric) => [metric.name, metric.description ?? ""])),
    groups: groupMetrics(resolved.metrics, records, groupBy, bootstrap),
    confusion: resolved.confusion ? confusionMatrix(records) : null,
    bootstrap,
    records,
  };
}

function metadataOf(task: Task<any, any>, options: EvaluateOptions): EvaluationMetadata {
  const model = options.model ?? options.summary?.model;
  const runId = options.runId ?? options.summary?.runId;
  const metadata: EvaluationMetadata = {
    label: options.label ?? model ?? runId ?? task.name,
    model,
    provider: options.provider ?? options.summary?.provider,
    runId,
    mode: options.mode,
    dataset: options.dataset ?? task.dataset?.name ?? task.dataset?.file,
    createdAt: new Date(options.createdAt ?? Date.now()).toISOString(),
  };
  for (const key of Object.keys(metadata) as (keyof EvaluationMetadata)[]) if (metadata[key] === undefined) delete metadata[key];
  return metadata;
}
