/** Expected label × predicted label counts, for multiple choice and other label answers. */
import type { ScoredRecord } from "../evaluation-types.js";

/** The column of answers that could not be read. */
export const UNPARSEABLE_LABEL = "unparseable";

/**
 * `counts[i][j]` = rows whose expected label is `expected[i]` and whose predicted label is
 * `predicted[j]`. `predicted` is the labels plus `unparseable` as the last column.
 */
export interface ConfusionMatrix {
  expected: string[];
  predicted: string[];
  counts: number[][];
}

/** Options for {@link confusionMatrix}. */
export interface ConfusionOptions {
  /** Labels in order. Default: every expected and predicted label seen, sorted. */
  labels?: readonly string[];
}

/**
 * Count expected × predicted over succeeded rows that have an expected label. Unparseable rows
 * go to the `unparseable` column; failed rows and rows without an expected label are left out.
 */
export function confusionMatrix(records: readonly ScoredRecord[], options: ConfusionOptions = {}): ConfusionMatrix {
  const scored = records.filter((record) => record.status === "succeeded" && labelOf(record.expected) !== null);
  const labels = options.labels ? [...options.labels] : seenLabels(scored);
  const predicted = [...labels, UNPARSEABLE_LABEL];
  const counts = labels.map(() => predicted.map(() => 0));
  for (const record of scored) {
    const row = labels.indexOf(labelOf(record.expected)!);
    if (row === -1) continue;
    const answer = record.unparseable ? UNPARSEABLE_LABEL : labelOf(record.answer);
    const column = answer === null ? -1 : predicted.indexOf(answer);
    if (column !== -1) counts[row][column]++;
  }
  return { expected: labels, predicted, counts };
}

/** The matrix as tidy rows `{expected, predicted, count}`, for a dataframe or a heatmap. */
export function confusionCells(matrix: ConfusionMatrix): { expected: string; predicted: string; count: number }[] {
  return matrix.expected.flatMap((expected, row) =>
    matrix.predicted.map((predicted, column) => ({ expected, predicted, count: matrix.counts[row][column] })),
  );
}

function seenLabels(records: readonly ScoredRecord[]): string[] {
  const labels = new Set<string>();
  for (const record of records) {
    labels.add(labelOf(record.expected)!);
    const answer = labelOf(record.answer);
    if (answer !== null && !record.unparseable) labels.add(answer);
  }
  return [...labels].sort();
}

function labelOf(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}
