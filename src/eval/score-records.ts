/** Turn one result row into a scored record: extract, compare with the expected answer, group. */
import { BatchlabError } from "../errors.js";
import { readField } from "../data/field-path.js";
import type { ResultRow } from "../run/result-row.js";
import type { ScoredRecord } from "./evaluation-types.js";
import { normalizeAnswer } from "./metrics/text-match.js";
import type { Extracted, RowScore, Task } from "./task.js";

/** The group value of rows where a grouping field is missing. */
export const MISSING_GROUP = "(none)";

/** Score one row. Failed rows are recorded as `failed`, without calling the task. */
export function scoreRecord<A, E>(task: Task<A, E>, row: ResultRow, groupBy: readonly string[]): ScoredRecord<A, E> {
  const fields = row.fields ?? {};
  const base = {
    key: row.key,
    row: row.row,
    status: row.status,
    groups: groupsOf(fields, groupBy),
    text: row.text,
    input_tokens: row.input_tokens ?? 0,
    output_tokens: row.output_tokens ?? 0,
    cost: costOf(row),
  };
  const unscored = { answer: null, expected: null, correct: null, score: null, unparseable: false, reason: null, method: null };
  if (row.status !== "succeeded") {
    const reason = row.error ? `${row.error.code}: ${row.error.message}` : row.status;
    return { ...base, ...unscored, outcome: "failed", reason };
  }
  const extracted = callTask(task, "extract", row, () => task.extract(row.text ?? "", fields)) as Extracted<A>;
  const expected = callTask(task, "expected", row, () => task.expected(fields)) ?? null;
  const method = extracted.method ?? null;
  if (extracted.answer === null || extracted.answer === undefined) {
    // Not wrong: its own outcome. With a ground truth it still scores 0 in accuracy-like metrics.
    const scored = expected !== null ? { correct: false, score: 0 } : {};
    const reason = extracted.reason ?? "no answer found";
    return { ...base, ...unscored, ...scored, outcome: "unparseable", expected, unparseable: true, reason, method };
  }
  const answer = extracted.answer;
  if (expected === null) return { ...base, ...unscored, outcome: "unscored", answer, method };
  const result: RowScore = callTask(task, "score", row, () =>
    task.score ? task.score(answer, expected, fields) : sameAnswer(answer, expected),
  );
  const score = result.score ?? (result.correct ? 1 : 0);
  const outcome = result.correct ? "correct" : "wrong";
  return { ...base, ...unscored, outcome, answer, expected, correct: result.correct, score, method };
}

/** The default comparison: equal after SQuAD normalisation for text, equal as JSON otherwise. */
export function sameAnswer(answer: unknown, expected: unknown): RowScore {
  if (isText(answer) && isText(expected)) return { correct: normalizeAnswer(String(answer)) === normalizeAnswer(String(expected)) };
  return { correct: JSON.stringify(answer) === JSON.stringify(expected) };
}

function groupsOf(fields: Record<string, unknown>, groupBy: readonly string[]): Record<string, string> {
  const groups: Record<string, string> = {};
  for (const field of groupBy) {
    const value = readField(fields, field);
    if (value === null || value === undefined || value === "") groups[field] = MISSING_GROUP;
    else groups[field] = typeof value === "object" ? JSON.stringify(value) : String(value);
  }
  return groups;
}

/** The row's cost in USD when the results carry one (`cost_usd`), else null. */
function costOf(row: ResultRow): number | null {
  return typeof row.cost_usd === "number" && Number.isFinite(row.cost_usd) ? row.cost_usd : null;
}

function callTask<T>(task: Task<any, any>, part: string, row: ResultRow, call: () => T): T {
  try {
    return call();
  } catch (error) {
    const message = `task "${task.name}" ${part} failed on row ${row.row} (key "${row.key}"): ${(error as Error).message}`;
    throw new BatchlabError(`${message} — fix the task's ${part} function`, { cause: error });
  }
}

function isText(value: unknown): boolean {
  return typeof value === "string" || typeof value === "number";
}
