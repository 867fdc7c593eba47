/**
 * Writes a finished batch's output and error files (spec §1.4), streaming: rows are read
 * back from the input by offset in processing order, so the output is shuffled and memory
 * stays flat. Rows not processed before a cancel/expiry go to the error file.
 */
import { open } from "node:fs/promises";
import { RequestError } from "../http.js";
import { readLineAt } from "../jsonl-lines.js";
import { randomHex } from "../random.js";
import type { Responder } from "../responders/types.js";
import { Fate, type BatchPlan, type BatchResult } from "./batch-record.js";
import { toChatCompletion, toChatRequest } from "./chat-wire.js";
import { LineWriter } from "../line-writer.js";

export type StopCode = "batch_cancelled" | "batch_expired";

const STOP_MESSAGES: Record<StopCode, string> = {
  batch_expired: "This request could not be executed before the completion window expired.",
  batch_cancelled: "This request was not executed because the batch was cancelled.",
};

export interface OutputJob {
  inputPath: string;
  plan: BatchPlan;
  /** Rows processed, counted in processing order; the rest get `stopCode`. */
  done: number;
  stopCode?: StopCode;
  outputPath: string;
  errorPath: string;
  responder: Responder;
  nowMs: number;
}

export interface OutputSummary extends BatchResult {
  outputBytes: number;
  errorBytes: number;
  errorLines: number;
  /** Rows failed or corrupted by `partial` / `malformed` faults. */
  faults: number;
}

export async function writeBatchOutput(job: OutputJob): Promise<OutputSummary> {
  const { plan } = job;
  const input = await open(job.inputPath, "r");
  const output = new LineWriter(job.outputPath);
  const errors = new LineWriter(job.errorPath);
  const summary: OutputSummary = { completed: 0, failed: 0, inputTokens: 0, outputTokens: 0, outputBytes: 0, errorBytes: 0, errorLines: 0, faults: 0 };
  try {
    for (let position = 0; position < plan.total; position++) {
      const row = plan.order[position];
      const line = JSON.parse(await readLineAt(input, plan.offsets[row], plan.lengths[row])) as { custom_id: string; body: unknown };
      if (position >= job.done) {
        const code = job.stopCode ?? "batch_cancelled";
        await errors.write(JSON.stringify(envelope(line.custom_id, null, { code, message: STOP_MESSAGES[code] })));
        continue;
      }
      const fate = plan.fates[row];
      if (fate === Fate.failed) {
        summary.faults++;
        summary.failed++;
        await errors.write(JSON.stringify(envelope(line.custom_id, failedResponse(500, "server_error", "The server had an error processing your request. (fault injected by the batchlab emulator)"))));
        continue;
      }
      const answered = await answer(line.body, job);
      if (!answered.ok) {
        summary.failed++;
        await errors.write(JSON.stringify(envelope(line.custom_id, answered.response)));
        continue;
      }
      summary.completed++;
      summary.inputTokens += answered.usage.inputTokens;
      summary.outputTokens += answered.usage.outputTokens;
      let text = JSON.stringify(envelope(line.custom_id, answered.response));
      if (fate === Fate.malformed) {
        summary.faults++;
        text = text.slice(0, Math.floor(text.length / 2)); // unparseable on purpose
      }
      await output.write(text);
    }
  } finally {
    await input.close();
    summary.outputBytes = await output.close();
    summary.errorBytes = await errors.close();
    summary.errorLines = errors.lines;
  }
  return summary;
}

type WireResponse = { status_code: number; request_id: string; body: unknown };

type Answer =
  | { ok: true; response: WireResponse; usage: { inputTokens: number; outputTokens: number } }
  | { ok: false; response: WireResponse };

async function answer(body: unknown, job: OutputJob): Promise<Answer> {
  let request;
  try {
    request = toChatRequest(body);
  } catch (error) {
    if (!(error instanceof RequestError)) throw error;
    return { ok: false, response: failedResponse(400, "invalid_request_error", error.message, error.param, error.code) };
  }
  try {
    const response = await job.responder(request);
    const completion = toChatCompletion(response, request.model, job.nowMs);
    return { ok: true, response: { status_code: 200, request_id: `req_${randomHex(16)}`, body: completion }, usage: response.usage };
  } catch (error) {
    return { ok: false, response: failedResponse(500, "server_error", `The responder failed: ${(error as Error).message}`) };
  }
}

function failedResponse(status: number, type: string, message: string, param: string | null = null, code: string | null = null): WireResponse {
  return { status_code: status, request_id: `req_${randomHex(16)}`, body: { error: { message, type, param, code } } };
}

function envelope(customId: string, response: WireResponse | null, error: { code: string; message: string } | null = null) {
  return { id: `batch_req_${randomHex(12)}`, custom_id: customId, response, error };
}
