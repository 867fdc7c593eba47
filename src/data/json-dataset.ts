import { readFile } from "node:fs/promises";
import type { InputProblem } from "../errors.js";
import { fileError } from "./dataset-file.js";
import { locateJsonError } from "./json-error-location.js";
import {
  batchObjectSchema,
  describeValue,
  promptObjectSchema,
  promptStringSchema,
  recordSchema,
  reportIssues,
} from "./prompt-fields.js";
import type { DatasetInfo, DatasetRow } from "./read-dataset.js";

/** What a parsed JSON dataset holds: its shape, its entries, and the batch object's meta. */
export interface JsonLayout {
  shape: DatasetInfo["shape"];
  entries: unknown[];
  defaultKeyField?: string;
  meta?: Record<string, unknown>;
}

/**
 * Read and parse a whole JSON file (JSON cannot be streamed row by row; use JSONL for big
 * data). A syntax error is reported with its line and column and gives undefined.
 */
export async function parseJsonFile(
  file: string,
  report: (problem: InputProblem) => void,
): Promise<unknown | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw fileError(file, "dataset", error);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (error) {
    const { line, column, message } = locateJsonError(text, error);
    report({ file, row: line, column, message: `${message} — fix the JSON and run again` });
    return undefined;
  }
}

/**
 * Recognise the three prompt shapes (a list of `{prompt_id, prompt}`, a batch object with a
 * `prompts` list, a list of strings) or a list of other records. A top-level value that is
 * none of these is reported and gives undefined.
 */
export function jsonLayout(value: unknown, file: string, report: (problem: InputProblem) => void): JsonLayout | undefined {
  if (Array.isArray(value)) {
    const objects = value.filter(isObject);
    const hasPromptFields = objects.some((entry) => "prompt" in entry || "prompt_id" in entry);
    if (hasPromptFields) {
      const keyed = objects.some((entry) => "prompt_id" in entry);
      return { shape: "prompt-objects", entries: value, defaultKeyField: keyed ? "prompt_id" : undefined };
    }
    const first = value.find((entry) => entry !== null);
    if (typeof first === "string") return { shape: "strings", entries: value };
    return { shape: "records", entries: value };
  }
  if (isObject(value) && "prompts" in value) {
    const parsed = batchObjectSchema.safeParse(value);
    if (!parsed.success) {
      reportIssues(parsed.error, file, undefined, report);
      return undefined;
    }
    const { prompts, ...meta } = parsed.data;
    const keyed = prompts.some((entry) => isObject(entry) && "prompt_id" in entry);
    return { shape: "batch-object", entries: prompts, defaultKeyField: keyed ? "prompt_id" : undefined, meta };
  }
  const got = isObject(value) ? `an object with keys ${Object.keys(value).slice(0, 8).join(", ") || "(none)"}` : describeValue(value);
  report({
    file,
    message: `expected a list of {prompt_id, prompt} objects, a list of strings, or an object with a "prompts" list; got ${got}`,
  });
  return undefined;
}

/** The rows of a JSON layout, each validated with zod; bad rows are reported and skipped. */
export function* jsonRows(layout: JsonLayout, file: string, report: (problem: InputProblem) => void): Generator<DatasetRow> {
  const { shape, entries } = layout;
  for (let index = 0; index < entries.length; index++) {
    const row = index + 1;
    const entry = entries[index];
    if (typeof entry === "string" && (shape === "strings" || shape === "batch-object")) {
      yield { row, fields: { prompt: entry } };
      continue;
    }
    const schema = shape === "strings" ? promptStringSchema : shape === "records" ? recordSchema : promptObjectSchema;
    const parsed = schema.safeParse(entry);
    if (!parsed.success) {
      const expectsObject = shape === "prompt-objects" || shape === "batch-object";
      if (expectsObject && !isObject(entry)) {
        const expected = shape === "batch-object" ? "a {prompt_id, prompt} object or a string" : "a {prompt_id, prompt} object";
        report({ file, row, message: `expected ${expected}, got ${describeValue(entry)}` });
      } else reportIssues(parsed.error, file, row, report);
      continue;
    }
    yield { row, fields: entry as Record<string, unknown> };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
