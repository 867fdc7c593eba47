/** Intersection over union of axis-aligned boxes `[x1, y1, x2, y2]` (x1 <= x2, y1 <= y2). */

/** A box as `[x1, y1, x2, y2]`: left, top, right, bottom. */
export type Box = readonly [number, number, number, number];

/**
 * Area of overlap divided by area of union, 0..1. Boxes that do not overlap give 0. Two
 * degenerate boxes (zero area) give 1 when identical and 0 otherwise.
 */
export function iou(first: Box, second: Box): number {
  const width = Math.min(first[2], second[2]) - Math.max(first[0], second[0]);
  const height = Math.min(first[3], second[3]) - Math.max(first[1], second[1]);
  const intersection = width > 0 && height > 0 ? width * height : 0;
  const union = area(first) + area(second) - intersection;
  if (union <= 0) return first.every((value, index) => value === second[index]) ? 1 : 0;
  return intersection / union;
}

/** Mean IoU over pairs; a missing prediction (null) counts as 0. Null for no pairs. */
export function meanIou(pairs: readonly { predicted: Box | null; expected: Box }[]): number | null {
  if (pairs.length === 0) return null;
  let total = 0;
  for (const { predicted, expected } of pairs) total += predicted ? iou(predicted, expected) : 0;
  return total / pairs.length;
}

/** Width × height (0 for an inverted or empty box). */
export function area(box: Box): number {
  return Math.max(0, box[2] - box[0]) * Math.max(0, box[3] - box[1]);
}
