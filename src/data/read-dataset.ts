import { ValidationError, type InputProblem } from "../errors.js";
import { readCsv, readCsvHeader } from "./csv-dataset.js";
import { assertReadableFile, formatOf, unsupportedMessage, type DatasetFormat } from "./dataset-file.js";
import { jsonLayout, jsonRows, parseJsonFile } from "./json-dataset.js";
import { readJsonl } from "./jsonl-dataset.js";
import { lineChunks } from "./line-chunks.js";

/** One row of a dataset as read, before it gets a key. */
export interface DatasetRow {
  /** 1-based: the line in the file for JSONL and CSV (where the record starts), index + 1 in a JSON list. */
  row: number;
  /** The row's fields. A bare string prompt becomes `{prompt: "<string>"}`; CSV values are strings. */
  fields: Record<string, unknown>;
}

/** What a dataset file holds, found without reading all of it (JSON files are parsed whole). */
export interface DatasetInfo {
  file: string;
  format: DatasetFormat;
  /**
   * - `prompt-objects`: rows with `prompt` (and usually `prompt_id`)
   * - `batch-object`: a JSON `{batch_name, description, prompts: [...], metadata}`
   * - `strings`: bare prompt strings
   * - `records`: any other objects (fields used by templates)
   */
  shape: "prompt-objects" | "batch-object" | "strings" | "records";
  /** The field that keys rows when the config sets no `data_key` (`prompt_id` when the rows have it). */
  defaultKeyField?: string;
  /** The batch object's `batch_name`, `description`, `metadata` (and any other top-level keys). */
  meta?: Record<string, unknown>;
}

/**
 * Find the format and shape of a dataset. Reads the JSONL first line or the CSV header only.
 * Throws BatchlabError for a missing or unreadable file and ValidationError for an unknown
 * extension; content it cannot make sense of gives shape `records` (readDataset reports why).
 */
export async function inspectDataset(file: string): Promise<DatasetInfo> {
  await assertReadableFile(file);
  const format = formatOf(file);
  if (!format) throw new ValidationError([{ file, message: unsupportedMessage(file) }]);
  const ignore = () => {};
  if (format === "json") {
    const value = await parseJsonFile(file, ignore);
    const layout = value === undefined ? undefined : jsonLayout(value, file, ignore);
    if (!layout) return { file, format, shape: "records" };
    const { shape, defaultKeyField, meta } = layout;
    return withoutUndefined({ file, format, shape, defaultKeyField, meta });
  }
  let names: string[] = [];
  if (format === "csv") names = (await readCsvHeader(file)) ?? [];
  else {
    const first = await firstJsonlValue(file);
    if (typeof first === "string") return { file, format, shape: "strings" };
    if (first !== null && typeof first === "object" && !Array.isArray(first)) names = Object.keys(first);
  }
  if (!names.includes("prompt") && !names.includes("prompt_id")) return { file, format, shape: "records" };
  return withoutUndefined({
    file,
    format,
    shape: "prompt-objects",
    defaultKeyField: names.includes("prompt_id") ? "prompt_id" : undefined,
  });
}

/**
 * Stream the rows of a JSON, JSONL (or .ndjson) or CSV file. Bad content never throws: each
 * problem (with line, column and field) goes to `report`, the bad row is skipped and
 * reading goes on, so all problems show at once. Throws BatchlabError (when iterated) only
 * when the file is missing or unreadable.
 */
export function readDataset(file: string, report: (problem: InputProblem) => void): AsyncIterable<DatasetRow> {
  // The format's reader is returned as it is: one generator layer per row, not two.
  const format = formatOf(file);
  if (format === "jsonl") return readJsonl(file, report);
  if (format === "csv") return readCsv(file, report);
  if (format === "json") return readJson(file, report);
  return unsupported(file, report);
}

async function* readJson(file: string, report: (problem: InputProblem) => void): AsyncGenerator<DatasetRow> {
  await assertReadableFile(file);
  const value = await parseJsonFile(file, report);
  if (value === undefined) return;
  const layout = jsonLayout(value, file, report);
  if (layout) yield* jsonRows(layout, file, report);
}

async function* unsupported(file: string, report: (problem: InputProblem) => void): AsyncGenerator<DatasetRow> {
  await assertReadableFile(file);
  report({ file, message: unsupportedMessage(file) });
}

/** The first non-blank line of a JSONL file, parsed (undefined when empty or invalid). */
async function firstJsonlValue(file: string): Promise<unknown> {
  for await (const lines of lineChunks(file)) {
    for (const line of lines) {
      if (line.trim() === "") continue;
      try {
        return JSON.parse(line);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
