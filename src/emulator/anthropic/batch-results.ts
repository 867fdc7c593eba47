/**
 * Writes a finished Message Batch's results file (spec §5.2), streaming: requests are read
 * back by offset in a seeded shuffled order, so the file is out of input order and memory
 * stays flat. Rows not processed before a cancel/expiry become `canceled`/`expired`;
 * `partial` faults make rows `errored`, `malformed` faults cut lines in half. No blank lines.
 */
import { open } from "node:fs/promises";
import { RequestError } from "../http.js";
import { readLineAt } from "../jsonl-lines.js";
import { createRandom, deriveSeed, permutation } from "../random.js";
import type { Responder } from "../responders/types.js";
import type { MessageBatchRecord, ResultCounts, StopType } from "./batch-record.js";
import { errorObject } from "./errors.js";
import { LineWriter } from "../line-writer.js";
import { toChatRequest, toMessage } from "./messages-wire.js";

export interface ResultsJob {
  record: MessageBatchRecord;
  /** Rows processed, counted in processing order; the rest get `stopType`. */
  done: number;
  stopType: StopType | null;
  resultsPath: string;
  responder: Responder;
  seed: number;
}

export interface ResultsSummary {
  counts: ResultCounts;
  /** Rows failed or corrupted by `partial` / `malformed` faults. */
  faults: number;
}

export async function writeBatchResults(job: ResultsJob): Promise<ResultsSummary> {
  const { requests, rates } = job.record;
  const random = createRandom(deriveSeed(job.seed, "anthropic-results", job.record.ordinal));
  const order = permutation(requests.total, random);
  const summary: ResultsSummary = { counts: { succeeded: 0, errored: 0, canceled: 0, expired: 0 }, faults: 0 };
  const input = await open(job.record.requestsPath, "r");
  const output = new LineWriter(job.resultsPath);
  try {
    for (let position = 0; position < requests.total; position++) {
      const row = order[position];
      const line = JSON.parse(await readLineAt(input, requests.offsets[row], requests.lengths[row])) as { custom_id: string; params: unknown };
      const customId = line.custom_id;
      if (position >= job.done) {
        const type = job.stopType ?? "canceled";
        summary.counts[type]++;
        await output.write(JSON.stringify({ custom_id: customId, result: { type } }));
        continue;
      }
      if (random() < rates.partial) {
        summary.faults++;
        summary.counts.errored++;
        await output.write(errored(customId, "api_error", "Internal server error (fault injected by the batchlab emulator)"));
        continue;
      }
      const result = await answer(line.params, row, job.responder);
      summary.counts[result.type]++;
      let text = JSON.stringify({ custom_id: customId, result });
      if (result.type === "succeeded" && random() < rates.malformed) {
        summary.faults++;
        text = text.slice(0, Math.floor(text.length / 2)); // unparseable on purpose
      }
      await output.write(text);
    }
  } finally {
    await input.close();
    await output.close();
  }
  return summary;
}

type Result = { type: "succeeded"; message: Record<string, unknown> } | { type: "errored"; error: ReturnType<typeof errorObject> };

async function answer(params: unknown, row: number, responder: Responder): Promise<Result> {
  let request;
  try {
    request = toChatRequest(params, `requests.${row}.params.`);
  } catch (error) {
    if (!(error instanceof RequestError)) throw error;
    return { type: "errored", error: errorObject("invalid_request_error", error.message) };
  }
  try {
    return { type: "succeeded", message: toMessage(await responder(request), request.model, "batch") };
  } catch (error) {
    return { type: "errored", error: errorObject("api_error", `The responder failed: ${(error as Error).message}`) };
  }
}

function errored(customId: string, type: string, message: string): string {
  return JSON.stringify({ custom_id: customId, result: { type: "errored", error: errorObject(type, message) } });
}
