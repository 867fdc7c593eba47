import type { InputProblem } from "../errors.js";

/*
 * The prompt-object checks that run on every row, without zod: worker threads that prepare
 * JSONL rows import these and stay ~20 MB smaller each. The zod schemas are in prompt-fields.ts.
 */

/** `prompt` must be text. */
export const PROMPT_MESSAGE = "is not a string; write the prompt as text";
/** `prompt_id` must be a usable key. */
export const PROMPT_ID_MESSAGE = "must be a non-empty string or a number (it is the row's key)";

/**
 * The cheap per-line check used on JSONL and CSV rows (no zod on the hot path): when a row
 * has `prompt` or `prompt_id`, they must have the right types. Returns false (after
 * reporting) when the row is unusable.
 */
export function checkPromptFields(
  fields: Record<string, unknown>,
  file: string,
  row: number,
  report: (problem: InputProblem) => void,
): boolean {
  let ok = true;
  const prompt = fields.prompt;
  if (prompt !== undefined && typeof prompt !== "string") {
    report({ file, row, field: "prompt", message: PROMPT_MESSAGE });
    ok = false;
  }
  const id = fields.prompt_id;
  if (id !== undefined && !isUsableId(id)) {
    report({ file, row, field: "prompt_id", message: PROMPT_ID_MESSAGE });
    ok = false;
  }
  return ok;
}

/** A key must be a non-blank string or a finite number. */
export function isUsableId(value: unknown): boolean {
  return typeof value === "string" ? value.trim() !== "" : typeof value === "number" && Number.isFinite(value);
}

/** "a number", "a list", "null"... for messages. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (value === undefined) return "nothing";
  const kind = typeof value;
  if (kind === "string" || kind === "number" || kind === "boolean") return `a ${kind} (${JSON.stringify(value).slice(0, 40)})`;
  return `a ${kind}`;
}
