import { z } from "zod";
import type { InputProblem } from "../errors.js";

/** `prompt` must be text. */
const PROMPT_MESSAGE = "is not a string; write the prompt as text";
/** `prompt_id` must be a usable key. */
const PROMPT_ID_MESSAGE = "must be a non-empty string or a number (it is the row's key)";

/** One prompt object: `{prompt_id?, prompt, ...other fields}`. Other fields pass through. */
export const promptObjectSchema = z.looseObject({
  prompt: z.string({
    error: (issue) => (issue.input === undefined ? "is missing; every prompt object needs a prompt" : PROMPT_MESSAGE),
  }),
  prompt_id: z.custom<string | number>(isUsableId, { error: PROMPT_ID_MESSAGE }).optional(),
});

/** Any JSON object as a row. */
export const recordSchema = z.record(z.string(), z.unknown(), {
  error: (issue) => `expected a JSON object, got ${describeValue(issue.input)}`,
});

/** A list item that must be a string. */
export const promptStringSchema = z.string({
  error: (issue) => `expected a string (this list holds prompts as strings), got ${describeValue(issue.input)}`,
});

/** `{batch_name, description, prompts: [...], metadata}`; other top-level keys go into meta. */
export const batchObjectSchema = z.looseObject({
  batch_name: z.string({ error: "must be a string" }).optional(),
  description: z.string({ error: "must be a string" }).optional(),
  metadata: z.record(z.string(), z.unknown(), { error: "must be an object" }).optional(),
  prompts: z.array(z.unknown(), { error: "must be a list of prompt objects or strings" }),
});

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

/** Report a failed zod parse of one row, one problem per issue, with the field path. */
export function reportIssues(
  error: z.ZodError,
  file: string,
  row: number | undefined,
  report: (problem: InputProblem) => void,
): void {
  for (const issue of error.issues) {
    const problem: InputProblem = { file, message: issue.message };
    if (row !== undefined) problem.row = row;
    if (issue.path.length > 0) problem.field = issue.path.join(".");
    report(problem);
  }
}

/** A key must be a non-blank string or a finite number. */
function isUsableId(value: unknown): boolean {
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
