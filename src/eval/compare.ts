/**
 * Paired comparison of two evaluations on the same rows (matched by key): the difference in
 * accuracy (or mean score) with a paired-bootstrap interval, the 2×2 table of right/wrong,
 * and McNemar's exact p-value.
 */
import { bootstrapMeanInterval, bootstrapSettings, type BootstrapOptions, type BootstrapSettings } from "./bootstrap.js";
import type { Evaluation, ScoredRecord } from "./evaluation-types.js";
import { mean } from "./metrics/accuracy.js";
import { mcnemarExact } from "./metrics/mcnemar.js";

/** Options of {@link compareEvaluations}. */
export interface CompareOptions extends BootstrapOptions {
  /** Compare right/wrong (accuracy; default) or each row's `score` (e.g. IoU, entity F1 per row). */
  on?: "correct" | "score";
}

/** Right/wrong of the rows both evaluations scored. */
export interface PairCounts {
  bothRight: number;
  onlyA: number;
  onlyB: number;
  bothWrong: number;
}

/** The result of {@link compareEvaluations}. Differences are A − B. */
export interface PairedComparison {
  /** Labels of the two evaluations (their model, run id or task). */
  a: string;
  b: string;
  on: "correct" | "score";
  /** Rows scored in both. */
  n: number;
  valueA: number | null;
  valueB: number | null;
  difference: number | null;
  low: number | null;
  high: number | null;
  counts: PairCounts;
  /** McNemar's exact two-sided p-value on the discordant rows (onlyA vs onlyB). */
  mcnemarP: number;
  /** Rows left out: keys found in one evaluation only, and keys failed or unscored in either. */
  excluded: { onlyInA: number; onlyInB: number; notScored: number };
  bootstrap: BootstrapSettings;
}

/** Compare A with B on the keys they share. Unparseable rows count as wrong here (score 0). */
export function compareEvaluations(a: Evaluation<any, any>, b: Evaluation<any, any>, options: CompareOptions = {}): PairedComparison {
  const on = options.on ?? "correct";
  const bootstrap = bootstrapSettings(options);
  const byKey = new Map(b.records.map((record) => [record.key, record]));
  const valuesA: number[] = [];
  const valuesB: number[] = [];
  const counts: PairCounts = { bothRight: 0, onlyA: 0, onlyB: 0, bothWrong: 0 };
  const excluded = { onlyInA: 0, onlyInB: 0, notScored: 0 };
  const seen = new Set<string>();
  for (const left of a.records) {
    const right = byKey.get(left.key);
    if (!right) {
      excluded.onlyInA++;
      continue;
    }
    seen.add(left.key);
    const valueA = valueOf(left, on);
    const valueB = valueOf(right, on);
    if (valueA === null || valueB === null) {
      excluded.notScored++;
      continue;
    }
    valuesA.push(valueA);
    valuesB.push(valueB);
    if (left.correct !== null && right.correct !== null) countPair(counts, left.correct, right.correct);
  }
  excluded.onlyInB = b.records.filter((record) => !seen.has(record.key)).length;
  const differences = valuesA.map((value, index) => value - valuesB[index]);
  const interval = bootstrapMeanInterval(differences, bootstrap);
  return {
    a: a.metadata.label,
    b: b.metadata.label,
    on,
    n: differences.length,
    valueA: mean(valuesA),
    valueB: mean(valuesB),
    difference: mean(differences),
    low: interval.low,
    high: interval.high,
    counts,
    mcnemarP: mcnemarExact(counts.onlyA, counts.onlyB),
    excluded,
    bootstrap,
  };
}

function valueOf(record: ScoredRecord, on: "correct" | "score"): number | null {
  if (on === "score") return record.score;
  return record.correct === null ? null : record.correct ? 1 : 0;
}

function countPair(counts: PairCounts, rightA: boolean, rightB: boolean): void {
  if (rightA && rightB) counts.bothRight++;
  else if (rightA) counts.onlyA++;
  else if (rightB) counts.onlyB++;
  else counts.bothWrong++;
}
