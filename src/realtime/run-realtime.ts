import type { ChunkRecord, Journal } from "../run/journal.js";
import type { ItemResult } from "../types.js";
import { crashPoint } from "../util/crash-point.js";
import { readLines } from "../util/jsonl.js";
import { sleep } from "../util/sleep.js";
import { RateLimiter, RequestTooLargeError, type RateLimits } from "./rate-limiter.js";
import type { RealtimeClient } from "./realtime-client.js";
import { decideRetry, retryAfterMs } from "./retry-policy.js";

export interface RealtimeOptions {
  journal: Journal;
  client: RealtimeClient;
  model: string;
  limits: RateLimits;
  signal?: AbortSignal;
  onTick?: () => void;
  /** Called with every result's usage; returning false stops sending (a budget was reached). */
  onUsage?: (result: ItemResult) => boolean;
}

/**
 * Send every row of the run's unfinished chunks as single calls, as fast as the limits allow
 * and no faster. Rows that already have a result from their chunk are never sent again, so
 * a killed run resumes where it stopped. Chunks end `collected`, exactly as in batch mode.
 */
export async function runRealtime(options: RealtimeOptions): Promise<void> {
  const limiter = new RateLimiter(options.limits);
  const writer = new ResultWriter(options.journal, options.onTick);
  let stopped = false;
  for (const chunk of options.journal.chunks()) {
    if (chunk.state === "collected") continue;
    if (chunk.state !== "submitted") {
      options.journal.setChunkState(chunk.id, "submitted", { remote: { id: `realtime:${chunk.id}`, provider: options.client.name } });
    }
    const done = new Set(options.journal.wireIdsWithResultFrom(chunk.id));
    const lines = pendingLines(chunk, done);
    const workers = Array.from({ length: limiter.limits.maxConcurrency ?? 32 }, async () => {
      for (let next = await lines.next(); !next.done && !stopped; next = await lines.next()) {
        const result = await sendWithRetries(options, limiter, next.value);
        writer.add(result, chunk.id);
        if (options.onUsage && !options.onUsage(result)) stopped = true;
      }
    });
    await Promise.all(workers);
    if (stopped) return;
    const counts = options.journal.chunkResultCounts(chunk.id);
    options.journal.setChunkState(chunk.id, "collected", { done: counts.total, failed: counts.total - counts.succeeded });
  }
}

/** One row: wait for room under the limits, call, retry what is worth retrying. */
async function sendWithRetries(options: RealtimeOptions, limiter: RateLimiter, line: string): Promise<ItemResult> {
  const estimate = options.client.estimateTokens(line);
  const wireId = wireIdOf(line);
  for (let attempt = 0; ; attempt++) {
    try {
      await limiter.acquire(estimate, options.signal);
    } catch (error) {
      if (error instanceof RequestTooLargeError) return { key: wireId, status: "failed", texts: [], error: { code: "request_too_large", message: error.message } };
      throw error;
    }
    try {
      const { result, snapshot } = await options.client.send(line, options.model, options.signal);
      const actual = result.usage ? result.usage.input_tokens + result.usage.output_tokens : undefined;
      limiter.settle(estimate, actual, snapshot);
      crashPoint("after-realtime-call");
      return result;
    } catch (error) {
      limiter.settle(estimate, 0);
      options.signal?.throwIfAborted();
      const decision = decideRetry(error, attempt);
      if (!decision.retry) return { key: wireId, status: "failed", texts: [], error: { code: decision.code, message: decision.message } };
      if ((error as { status?: number }).status === 429) limiter.backOff(retryAfterMs(error) ?? decision.delayMs);
      await sleep(decision.delayMs, options.signal);
    }
  }
}

/** The chunk's lines whose rows have no result from this chunk yet. */
async function* pendingLines(chunk: ChunkRecord, done: Set<string>): AsyncGenerator<string> {
  for await (const { text } of readLines(chunk.path)) {
    if (!done.has(wireIdOf(text))) yield text;
  }
}

/** Every provider's line carries its id as `custom_id` or `key` (encoders put it first). */
function wireIdOf(line: string): string {
  const match = /^\{"(?:custom_id|key)":"((?:[^"\\]|\\.)*)"/.exec(line);
  if (match) return JSON.parse(`"${match[1]}"`) as string;
  const parsed = JSON.parse(line) as { custom_id?: string; key?: string };
  return parsed.custom_id ?? parsed.key ?? "";
}

/**
 * Commits each result as it arrives (WAL without fsync makes that a few microseconds), so a
 * kill never loses an answer that was already paid for.
 */
class ResultWriter {
  constructor(private readonly journal: Journal, private readonly onTick?: () => void) {}

  add(result: ItemResult, chunkId: string): void {
    this.journal.transaction(() => {
      const key = this.journal.keyForWireId(result.key, chunkId);
      if (key !== undefined) this.journal.putResult({ ...result, key }, chunkId);
      const counts = this.journal.chunkResultCounts(chunkId);
      this.journal.setChunkProgress(chunkId, counts.total, counts.total - counts.succeeded);
    });
    this.onTick?.();
  }
}
