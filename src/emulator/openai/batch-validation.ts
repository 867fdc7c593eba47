/**
 * Checks a batch input file like the real service does before running it, streaming the
 * file once and keeping only line offsets. Error codes are the emulator's own (OpenAI
 * documents none): invalid_json_line, missing_custom_id, duplicate_custom_id, invalid_method,
 * mismatched_url, missing_body, missing_model, mixed_models, empty_file,
 * request_limit_exceeded, file_size_limit_exceeded.
 */
import { readJsonlLines } from "../jsonl-lines.js";

export interface BatchValidationError {
  code: string;
  message: string;
  param: string | null;
  line: number | null;
}

/** Where each request row sits in the input file, in input order. */
export interface RowIndex {
  offsets: number[];
  lengths: number[];
  /** True when the row's body is one the endpoint would reject (it fails with a 400 line). */
  rejected: boolean[];
}

export interface ValidationOutcome {
  errors: BatchValidationError[];
  rows: RowIndex;
  model: string | null;
}

export interface ValidationInput {
  path: string;
  bytes: number;
  endpoint: string;
  limits: { maxRequests: number; maxBytes: number };
  /** Whether the endpoint accepts this body; rejected rows still run, as failed rows. */
  accepts(body: unknown): boolean;
}

/** Enough to fix a file; the rest is summarised by the count. */
const MAX_REPORTED_ERRORS = 100;

export async function validateBatchInput(input: ValidationInput): Promise<ValidationOutcome> {
  const rows: RowIndex = { offsets: [], lengths: [], rejected: [] };
  const errors: BatchValidationError[] = [];
  const fail = (code: string, message: string, param: string | null, line: number | null): void => {
    errors.push({ code, message, param, line });
  };
  if (input.bytes > input.limits.maxBytes) {
    fail("file_size_limit_exceeded", `The input file is ${input.bytes} bytes; a batch input file may be at most ${input.limits.maxBytes} bytes. Split it into several batches.`, null, null);
    return { errors, rows, model: null };
  }
  const seen = new Map<string, number>();
  let model: { name: string; line: number } | undefined;
  let requests = 0;
  for await (const line of readJsonlLines(input.path)) {
    if (line.text.trim() === "") continue;
    requests++;
    if (requests > input.limits.maxRequests || errors.length >= MAX_REPORTED_ERRORS) continue; // keep counting only
    const at = `Line ${line.number}`;
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch (error) {
      fail("invalid_json_line", `${at} is not valid JSON (${(error as Error).message}). Each line must be one JSON object.`, null, line.number);
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      fail("invalid_json_line", `${at} is not a JSON object. Each line must be {"custom_id", "method", "url", "body"}.`, null, line.number);
      continue;
    }
    const { custom_id: customId, method, url, body } = value as Record<string, unknown>;
    if (typeof customId !== "string" || customId === "") {
      fail("missing_custom_id", `${at} has no custom_id (a non-empty string). Give every request a unique custom_id.`, "custom_id", line.number);
    } else if (seen.has(customId)) {
      fail("duplicate_custom_id", `${at} repeats custom_id "${customId}" from line ${seen.get(customId)}. Each custom_id must be unique within a batch.`, "custom_id", line.number);
    } else {
      seen.set(customId, line.number);
    }
    if (method !== "POST") fail("invalid_method", `${at} has method ${JSON.stringify(method)}; batch requests must use "POST".`, "method", line.number);
    if (url !== input.endpoint) {
      fail("mismatched_url", `${at} has url ${JSON.stringify(url)} but the batch endpoint is "${input.endpoint}". Every line's url must equal the batch endpoint.`, "url", line.number);
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      fail("missing_body", `${at} has no body object. Put the request parameters in "body".`, "body", line.number);
      continue;
    }
    const lineModel = (body as Record<string, unknown>).model;
    if (typeof lineModel !== "string" || lineModel === "") {
      fail("missing_model", `${at} has no body.model. Every request must name its model.`, "body.model", line.number);
    } else if (!model) {
      model = { name: lineModel, line: line.number };
    } else if (lineModel !== model.name) {
      fail("mixed_models", `${at} uses model "${lineModel}" but line ${model.line} uses "${model.name}". A batch file may target one model only; split it by model.`, "body.model", line.number);
    }
    rows.offsets.push(line.offset);
    rows.lengths.push(line.length);
    rows.rejected.push(!input.accepts(body));
  }
  if (requests > input.limits.maxRequests) {
    fail("request_limit_exceeded", `The input file has ${requests} requests; a batch may contain at most ${input.limits.maxRequests}. Split it into several batches.`, null, null);
  } else if (requests === 0) {
    fail("empty_file", "The input file has no requests. Upload a JSONL file with one request per line.", null, null);
  }
  return { errors, rows, model: model?.name ?? null };
}
