import type { ResultRow } from "../../src/run/result-row.js";

let nextRow = 1;

/** A result row as results.jsonl holds it; a null text means the row failed. */
export function resultRow(key: string, fields: Record<string, unknown>, text: string | null, extra: Partial<ResultRow> = {}): ResultRow {
  const failed = text === null;
  return {
    key,
    row: nextRow++,
    status: failed ? "failed" : "succeeded",
    text,
    input_tokens: 10,
    output_tokens: failed ? 0 : 2,
    error: failed ? { code: "server_error", message: "the model failed" } : null,
    fields,
    ...extra,
  };
}

const options = { A: "London", B: "Paris", C: "Berlin", D: "Madrid" };

/** A multiple-choice row of mcq-mini's shape. */
export function question(key: string, category: string, answer: string): Record<string, unknown> {
  return { question_id: key, question: `Question ${key}?`, options, answer, category };
}
