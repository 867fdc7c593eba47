import { z } from "zod";
import type { InputProblem } from "../errors.js";
import { PROMPT_ID_MESSAGE, PROMPT_MESSAGE, describeValue, isUsableId } from "./prompt-checks.js";

// The checks without zod live in prompt-checks.ts (worker threads load them without zod).
export { checkPromptFields, describeValue } from "./prompt-checks.js";

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
