/**
 * What an evaluation produces: one scored record per result row, counts, metrics with
 * intervals, per-group breakdowns. Plain data (JSON-safe), so charts, tables and reports can
 * take it as it is.
 */
import type { ItemStatus } from "../types.js";
import type { BootstrapSettings } from "./bootstrap.js";
import type { ConfusionMatrix } from "./metrics/confusion-matrix.js";

/**
 * What happened to one row:
 * - `correct` / `wrong`: an answer was extracted and scored against the expected one;
 * - `unparseable`: the model answered, but no answer could be read (none, or ambiguous);
 * - `unscored`: an answer was read but there is nothing to compare it with (open prompts);
 * - `failed`: the model gave no output (status failed, expired or cancelled).
 */
export type Outcome = "correct" | "wrong" | "unparseable" | "unscored" | "failed";

/** One result row, scored. */
export interface ScoredRecord<A = unknown, E = unknown> {
  key: string;
  /** 1-based row in the input file. */
  row: number;
  status: ItemStatus;
  outcome: Outcome;
  /** Grouping field → this row's value, e.g. `{category: "science"}` ("(none)" when missing). */
  groups: Record<string, string>;
  /** The model's text (first choice), null when it failed. */
  text: string | null;
  /** The extracted answer; null when unparseable or failed. */
  answer: A | null;
  /** The ground truth; null when the task or the row has none. */
  expected: E | null;
  /** Null when not scored (failed, unscored). Unparseable rows with an expected answer are false. */
  correct: boolean | null;
  /** The row's score 0..1 (1/0 for right/wrong unless the task scores finer, e.g. IoU, entity F1). */
  score: number | null;
  unparseable: boolean;
  /** Why the answer could not be read, or the error of a failed row. */
  reason: string | null;
  /** Which rule found the answer (e.g. `answer-cue`, `option-text`, `json`), for debugging extraction. */
  method: string | null;
  input_tokens: number;
  output_tokens: number;
  /** The row's cost in USD from the results (`cost_usd`), null when unpriced. */
  cost: number | null;
}

/** How many rows had each outcome. `failed` counts every status other than succeeded. */
export interface OutcomeCounts {
  total: number;
  succeeded: number;
  failed: number;
  correct: number;
  wrong: number;
  unparseable: number;
  unscored: number;
}

/** One metric's value with its bootstrap interval. */
export interface MetricResult {
  /** Null when no row contributed. */
  value: number | null;
  /** Interval ends; null when intervals are off for this metric or it had no rows. */
  low: number | null;
  high: number | null;
  /** Rows that contributed. */
  n: number;
}

/** The metrics of the rows sharing one value of a grouping field. */
export interface GroupMetrics {
  group: string;
  counts: OutcomeCounts;
  metrics: Record<string, MetricResult>;
}

/** Where the results came from; all optional except the time it was computed. */
export interface EvaluationMetadata {
  /** Display name in comparisons and charts. Default: the model, else the run id, else the task. */
  label: string;
  model?: string;
  provider?: string;
  runId?: string;
  mode?: "batch" | "realtime";
  /** The dataset file or name. Default: the task's dataset. */
  dataset?: string;
  /** ISO time the evaluation was computed. */
  createdAt: string;
}

/** The result of {@link evaluate}. */
export interface Evaluation<A = unknown, E = unknown> {
  task: string;
  metadata: EvaluationMetadata;
  counts: OutcomeCounts;
  /** Over all succeeded rows, by metric name, in the task's order. */
  metrics: Record<string, MetricResult>;
  /** Metric name → what it measures (for table headers and tooltips). */
  descriptions: Record<string, string>;
  /** Grouping field → one entry per value, sorted by value. */
  groups: Record<string, GroupMetrics[]>;
  /** Expected × predicted answers, for tasks whose answers are labels (multiple choice). */
  confusion: ConfusionMatrix | null;
  bootstrap: BootstrapSettings;
  records: ScoredRecord<A, E>[];
}
