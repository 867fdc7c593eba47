/**
 * Entity-level precision, recall and F1 (CoNLL-style: an entity counts only when its type
 * and its text both match). Micro-averaged: true/false positives and false negatives are
 * summed over all rows first, overall and per type.
 */

/** A named entity as a (type, text) pair; offsets are not compared. */
export interface EntitySpan {
  type: string;
  text: string;
}

/** Match counts for one row or summed over many. */
export interface EntityCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/** Precision, recall and F1 from counts (each null when its denominator is 0). */
export interface EntityScores {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  counts: EntityCounts;
}

/**
 * Counts for one row. Entities match on type and normalised text (case, surrounding spaces
 * and punctuation ignored), each one at most once. Pass `type` to count only that type.
 */
export function entityCounts(predicted: readonly EntitySpan[], expected: readonly EntitySpan[], type?: string): EntityCounts {
  const wanted = (span: EntitySpan) => type === undefined || span.type === type;
  const remaining = new Map<string, number>();
  let falseNegatives = 0;
  for (const span of expected.filter(wanted)) {
    const id = spanId(span);
    remaining.set(id, (remaining.get(id) ?? 0) + 1);
    falseNegatives++;
  }
  let truePositives = 0;
  let falsePositives = 0;
  for (const span of predicted.filter(wanted)) {
    const id = spanId(span);
    const left = remaining.get(id) ?? 0;
    if (left > 0) {
      remaining.set(id, left - 1);
      truePositives++;
      falseNegatives--;
    } else falsePositives++;
  }
  return { truePositives, falsePositives, falseNegatives };
}

/** Sum counts over rows. */
export function addCounts(rows: readonly EntityCounts[]): EntityCounts {
  const total = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  for (const row of rows) {
    total.truePositives += row.truePositives;
    total.falsePositives += row.falsePositives;
    total.falseNegatives += row.falseNegatives;
  }
  return total;
}

/** Precision = tp / (tp + fp), recall = tp / (tp + fn), F1 their harmonic mean. */
export function entityScores(counts: EntityCounts): EntityScores {
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = counts;
  const precision = tp + fp === 0 ? null : tp / (tp + fp);
  const recall = tp + fn === 0 ? null : tp / (tp + fn);
  // F1 = 2tp / (2tp + fp + fn): defined whenever there was anything to find or predict.
  const f1 = tp + fp + fn === 0 ? null : (2 * tp) / (2 * tp + fp + fn);
  return { precision, recall, f1, counts };
}

/** Micro-averaged scores over rows of (predicted, expected), overall and for each type seen. */
export function entityF1(
  rows: readonly { predicted: readonly EntitySpan[]; expected: readonly EntitySpan[] }[],
): { overall: EntityScores; byType: Record<string, EntityScores> } {
  const types = new Set<string>();
  for (const row of rows) for (const span of [...row.expected, ...row.predicted]) types.add(span.type);
  const overall = entityScores(addCounts(rows.map((row) => entityCounts(row.predicted, row.expected))));
  const byType: Record<string, EntityScores> = {};
  for (const type of [...types].sort()) {
    byType[type] = entityScores(addCounts(rows.map((row) => entityCounts(row.predicted, row.expected, type))));
  }
  return { overall, byType };
}

/** The key two spans share when they match. */
export function spanId(span: EntitySpan): string {
  return `${span.type}\u0000${normalizeEntityText(span.text)}`;
}

/** Lowercase, collapse whitespace, trim surrounding quotes and punctuation. */
export function normalizeEntityText(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/^[\s"'“”‘’`.,;:!?()[\]]+|[\s"'“”‘’`.,;:!?()[\]]+$/g, "");
}
