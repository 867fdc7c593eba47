import type { InputProblem } from "../errors.js";
import { assertReadableFile } from "./dataset-file.js";
import { locateJsonError } from "./json-error-location.js";
import { lineChunks } from "./line-chunks.js";
import { checkPromptFields, describeValue } from "./prompt-checks.js";
import type { DatasetRow } from "./read-dataset.js";

/**
 * Stream a JSONL file: each non-blank line is a JSON object (or a string, read as
 * `{prompt}`). A bad line is reported with its line and column and reading goes on, so
 * every problem in the file shows at once.
 */
export async function* readJsonl(file: string, report: (problem: InputProblem) => void): AsyncGenerator<DatasetRow> {
  await assertReadableFile(file);
  let row = 0;
  for await (const lines of lineChunks(file)) {
    for (const line of lines) {
      const fields = jsonlFields(line, ++row, file, report);
      if (fields) yield { row, fields };
    }
  }
}

/**
 * The fields of one JSONL line (without its newline), or undefined for a blank line or a
 * bad one (reported with its line and column). The per-line path is JSON.parse plus a
 * typeof check: it runs a million times in the benchmark, in worker threads too.
 */
export function jsonlFields(
  line: string,
  row: number,
  file: string,
  report: (problem: InputProblem) => void,
): Record<string, unknown> | undefined {
  if (line.length === 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    if (line.trim() === "") return undefined;
    const { column, message } = locateJsonError(line, error);
    report({ file, row, column, message: `${message} — fix this line (one JSON object per line) and run again` });
    return undefined;
  }
  if (typeof value === "string") return { prompt: value };
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const fields = value as Record<string, unknown>;
    return checkPromptFields(fields, file, row, report) ? fields : undefined;
  }
  report({ file, row, message: `expected a JSON object or a string, got ${describeValue(value)}` });
  return undefined;
}
