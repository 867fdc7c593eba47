import type { InputProblem } from "../errors.js";
import { assertReadableFile } from "./dataset-file.js";
import { locateJsonError } from "./json-error-location.js";
import { lineChunks } from "./line-chunks.js";
import { checkPromptFields, describeValue } from "./prompt-fields.js";
import type { DatasetRow } from "./read-dataset.js";

/**
 * Stream a JSONL file: each non-blank line is a JSON object (or a string, read as
 * `{prompt}`). A bad line is reported with its line and column and reading goes on, so
 * every problem in the file shows at once. The per-line path is JSON.parse plus a typeof
 * check: it runs a million times in the benchmark.
 */
export async function* readJsonl(file: string, report: (problem: InputProblem) => void): AsyncGenerator<DatasetRow> {
  await assertReadableFile(file);
  let row = 0;
  for await (const lines of lineChunks(file)) {
    for (const line of lines) {
      row++;
      if (line.length === 0) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        if (line.trim() === "") continue;
        const { column, message } = locateJsonError(line, error);
        report({ file, row, column, message: `${message} — fix this line (one JSON object per line) and run again` });
        continue;
      }
      if (typeof value === "string") {
        yield { row, fields: { prompt: value } };
      } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        const fields = value as Record<string, unknown>;
        if (checkPromptFields(fields, file, row, report)) yield { row, fields };
      } else {
        report({ file, row, message: `expected a JSON object or a string, got ${describeValue(value)}` });
      }
    }
  }
}
