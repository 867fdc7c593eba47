/**
 * Runs a Gemini batch's rows through the responder when it finishes (spec §2.4). File
 * batches get a `files/batch-{id}` JSONL file, lines `{"key","response"}` or `{"key","error"}`
 * in processing (shuffled) order; inline batches get `inlinedResponses` in input order,
 * each with its `metadata`. Rows a cancel or expiry stopped are left out.
 */
import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import { answer, injectedRowError, type AnswerDependencies } from "../google/answer.js";
import { rpcStatus, type RpcStatus } from "../google/errors.js";
import { modelId } from "../google/generate-wire.js";
import { Fate, forEachDoneRow, type JobResult } from "../google/job-record.js";
import { LineWriter } from "../line-writer.js";
import type { GeminiBatch } from "./batch-record.js";
import type { GeminiFileStore } from "./file-store.js";

export interface OutputDependencies extends AnswerDependencies {
  files: GeminiFileStore;
}

export async function writeGeminiOutput(record: GeminiBatch, atMs: number, done: number, deps: OutputDependencies): Promise<JobResult & { faults: number }> {
  const result = { succeeded: 0, failed: 0, inputTokens: 0, outputTokens: 0, faults: 0 };
  const model = modelId(record.model);
  const outcomeOf = async (text: string, fate: number): Promise<{ fields: Record<string, unknown>; response?: unknown; error?: RpcStatus }> => {
    const line = parseLine(text, record.input.kind === "file");
    if (line.error) return { fields: line.fields, error: line.error };
    if (fate === Fate.failed) {
      result.faults++;
      return { fields: line.fields, error: injectedRowError() };
    }
    const answered = await answer(line.request, model, deps, atMs);
    if (!answered.ok) return { fields: line.fields, error: answered.error };
    result.inputTokens += answered.usage.inputTokens;
    result.outputTokens += answered.usage.outputTokens;
    return { fields: line.fields, response: answered.response };
  };
  const count = (outcome: { error?: RpcStatus }): void => {
    if (outcome.error) result.failed++;
    else result.succeeded++;
  };

  if (record.input.kind === "inline") {
    const byRow: Array<Record<string, unknown> | undefined> = new Array(record.plan?.total ?? 0);
    await forEachDoneRow(record, done, async (row, text, fate) => {
      const outcome = await outcomeOf(text, fate);
      count(outcome);
      byRow[row] = outcome.error ? { error: outcome.error, ...outcome.fields } : { response: outcome.response, ...outcome.fields };
    });
    record.inlinedResponses = byRow.filter((entry): entry is Record<string, unknown> => entry !== undefined);
    return result;
  }

  const target = deps.files.reserve(`batch-${record.id}`);
  const writer = new LineWriter(target.path);
  const sha256 = createHash("sha256");
  try {
    await forEachDoneRow(record, done, async (_, text, fate) => {
      const outcome = await outcomeOf(text, fate);
      count(outcome);
      let line = JSON.stringify(outcome.error ? { ...outcome.fields, error: outcome.error } : { ...outcome.fields, response: outcome.response });
      if (fate === Fate.malformed) {
        result.faults++;
        line = line.slice(0, Math.floor(line.length / 2)); // unparseable on purpose
      }
      sha256.update(`${line}\n`);
      await writer.write(line);
    });
  } finally {
    await writer.close();
  }
  try {
    await deps.files.add({
      id: target.id,
      displayName: `Responses of batches/${record.id}`,
      mimeType: "application/jsonl",
      sizeBytes: writer.bytes,
      sha256Hash: Buffer.from(sha256.digest("hex")).toString("base64"),
      source: "GENERATED",
      path: target.path,
    });
  } catch (error) {
    await rm(target.path, { force: true });
    throw error;
  }
  record.responsesFile = `files/${target.id}`;
  return result;
}

/** The fields echoed back (`key` or `metadata`), and the request or why the line is unusable. */
type ParsedLine = { fields: Record<string, unknown>; request?: unknown; error?: RpcStatus };

/** File lines are `{"key", "request"}`; inline rows were stored as `{"request", "metadata"}`. */
function parseLine(text: string, fromFile: boolean): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { fields: {}, error: rpcStatus("INVALID_ARGUMENT", `The input line is not valid JSON (${(error as Error).message}). Each line must be {"key": "...", "request": {...}}.`) };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { fields: {}, error: rpcStatus("INVALID_ARGUMENT", 'The input line is not a JSON object. Each line must be {"key": "...", "request": {...}}.') };
  }
  const { request, ...rest } = value as Record<string, unknown>;
  const fields: Record<string, unknown> = fromFile ? ("key" in rest ? { key: rest.key } : {}) : "metadata" in rest ? { metadata: rest.metadata } : {};
  if (typeof request !== "object" || request === null || Array.isArray(request)) {
    return { fields, error: rpcStatus("INVALID_ARGUMENT", 'The input line has no "request" object. Put the GenerateContentRequest in "request".') };
  }
  return { fields, request };
}
