/** Scored records as flat rows of scalars, ready for a dataframe, a table or a CSV. */
import type { Evaluation } from "./evaluation-types.js";

/** A table cell. */
export type RecordCell = string | number | boolean | null;

/**
 * One flat row per record: `label`, `key`, `row`, `status`, `outcome`, one column per grouping
 * field (named as the field), `answer`, `expected` (JSON text when not a string), `correct`,
 * `score`, `unparseable`, `reason`, `method`, `text`, tokens and `cost_usd` (a grouping field
 * named like one of these becomes `group_<field>`). Several
 * evaluations stack into one table, told apart by `label`.
 */
export function recordTable(evaluations: Evaluation<any, any> | readonly Evaluation<any, any>[]): Record<string, RecordCell>[] {
  const list: readonly Evaluation<any, any>[] = Array.isArray(evaluations) ? evaluations : [evaluations as Evaluation];
  const rows: Record<string, RecordCell>[] = [];
  for (const evaluation of list) {
    for (const record of evaluation.records) {
      rows.push({
        label: evaluation.metadata.label,
        key: record.key,
        row: record.row,
        status: record.status,
        outcome: record.outcome,
        ...groupColumns(record.groups),
        answer: cell(record.answer),
        expected: cell(record.expected),
        correct: record.correct,
        score: record.score,
        unparseable: record.unparseable,
        reason: record.reason,
        method: record.method,
        text: record.text,
        input_tokens: record.input_tokens,
        output_tokens: record.output_tokens,
        cost_usd: record.cost,
      });
    }
  }
  return rows;
}

const FIXED = new Set(["label", "key", "row", "status", "outcome", "answer", "expected", "correct", "score", "unparseable", "reason", "method", "text", "input_tokens", "output_tokens", "cost_usd"]);

function groupColumns(groups: Record<string, string>): Record<string, string> {
  const columns: Record<string, string> = {};
  for (const [field, value] of Object.entries(groups)) columns[FIXED.has(field) ? `group_${field}` : field] = value;
  return columns;
}

function cell(value: unknown): RecordCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return JSON.stringify(value);
}
