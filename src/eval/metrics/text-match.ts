/**
 * SQuAD-style answer comparison: normalise (lowercase, drop punctuation and the articles
 * a/an/the, collapse whitespace), then exact match or bag-of-tokens F1. With several
 * acceptable answers the best one counts, as in the SQuAD evaluation script.
 */

const PUNCTUATION = /[\p{P}\p{S}]/gu;
const ARTICLES = /\b(a|an|the)\b/g;

/** Lowercase, strip punctuation and articles, collapse whitespace: "The  Eiffel-Tower!" → "eiffeltower". */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(PUNCTUATION, "")
    .replace(ARTICLES, " ")
    .split(/\s+/)
    .filter(Boolean)
    .join(" ");
}

/** The normalised answer's tokens. */
export function answerTokens(text: string): string[] {
  const normalized = normalizeAnswer(text);
  return normalized === "" ? [] : normalized.split(" ");
}

/** 1 when the normalised prediction equals a normalised reference, else 0. */
export function exactMatch(prediction: string, references: string | readonly string[]): number {
  const normalized = normalizeAnswer(prediction);
  return asList(references).some((reference) => normalizeAnswer(reference) === normalized) ? 1 : 0;
}

/**
 * Token F1 against the best reference: precision = shared tokens / predicted tokens, recall =
 * shared / reference tokens (shared counted with multiplicity). Both empty gives 1, one empty 0.
 */
export function tokenF1(prediction: string, references: string | readonly string[]): number {
  const predicted = answerTokens(prediction);
  let best = 0;
  for (const reference of asList(references)) best = Math.max(best, tokenF1Of(predicted, answerTokens(reference)));
  return best;
}

function tokenF1Of(predicted: string[], reference: string[]): number {
  if (predicted.length === 0 || reference.length === 0) return predicted.length === reference.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const token of reference) counts.set(token, (counts.get(token) ?? 0) + 1);
  let shared = 0;
  for (const token of predicted) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      shared++;
      counts.set(token, left - 1);
    }
  }
  if (shared === 0) return 0;
  const precision = shared / predicted.length;
  const recall = shared / reference.length;
  return (2 * precision * recall) / (precision + recall);
}

function asList(references: string | readonly string[]): readonly string[] {
  return typeof references === "string" ? [references] : references;
}
