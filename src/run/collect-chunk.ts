import type { BatchProvider, ItemResult } from "../types.js";
import type { ChunkRecord, Journal, ResultRows } from "./journal.js";
import { crashPoint } from "../util/crash-point.js";

/** Results stored per statement batch. */
const RESULTS_PER_WRITE = 512;

export interface CollectStats {
  lines: number;
  unknown: number;
  missing: number;
}

/**
 * Store the results of a finished chunk, joined to items by wire id (never by position).
 * Rows the provider returned no line for end as failed, expired or cancelled (following the
 * batch's end state), so every row has exactly one result. One transaction: a crash part
 * way leaves the chunk `ended`, and the next resume collects it again from the start.
 */
export async function collectChunk(options: {
  journal: Journal;
  provider: BatchProvider;
  chunk: ChunkRecord;
  rawDir: string;
}): Promise<CollectStats> {
  const { journal, provider, chunk } = options;
  const stats: CollectStats = { lines: 0, unknown: 0, missing: 0 };
  const results = provider.results(chunk.remote!, options.rawDir)[Symbol.asyncIterator]();
  // Downloads happen before the first result; keep them outside the transaction.
  let next = await results.next();
  journal.begin();
  try {
    // One query for the chunk's items (at most its 50,000 rows), not one per line.
    const items = journal.chunkItems(chunk.id);
    let rows = emptyRows();
    for (; !next.done; next = await results.next()) {
      stats.lines++;
      const result = next.value;
      const item = items.get(result.key);
      if (item === undefined) {
        stats.unknown++;
        continue;
      }
      addRow(rows, item.id, item.key, result);
      if (rows.itemIds.length >= RESULTS_PER_WRITE) {
        journal.putResults(rows, chunk.id);
        rows = emptyRows();
      }
    }
    journal.putResults(rows, chunk.id);
    const fallback = missingResult(chunk);
    for (const key of journal.keysWithoutResultFrom(chunk.id)) {
      stats.missing++;
      journal.putResult({ ...fallback, key }, chunk.id);
    }
    crashPoint("while-collecting");
    const counts = chunkCounts(journal, chunk.id);
    journal.setChunkState(chunk.id, "collected", counts);
    if (stats.unknown > 0) journal.event("unknown-lines", chunk.id, `${stats.unknown} output lines matched no row of this chunk`);
    journal.commit();
  } catch (error) {
    journal.rollback();
    throw error;
  }
  return stats;
}

function emptyRows(): ResultRows {
  return { itemIds: [], keys: [], statuses: [], texts: [], inputTokens: [], outputTokens: [], errorCodes: [], errorMessages: [] };
}

/** The row `journal.putResult` would store for this result. */
function addRow(rows: ResultRows, itemId: number, key: string, result: ItemResult): void {
  rows.itemIds.push(itemId);
  rows.keys.push(key);
  rows.statuses.push(result.status);
  rows.texts.push(JSON.stringify(result.texts));
  rows.inputTokens.push(result.usage?.input_tokens ?? 0);
  rows.outputTokens.push(result.usage?.output_tokens ?? 0);
  rows.errorCodes.push(result.error?.code ?? null);
  rows.errorMessages.push(result.error?.message ?? null);
}

function missingResult(chunk: ChunkRecord): Omit<ItemResult, "key"> {
  switch (chunk.batchState) {
    case "expired":
      return { status: "expired", texts: [], error: { code: "batch_expired", message: "the batch expired before this row ran; retry it" } };
    case "cancelled":
      return { status: "cancelled", texts: [], error: { code: "batch_cancelled", message: "the batch was cancelled before this row ran" } };
    case "failed":
      return {
        status: "failed",
        texts: [],
        error: { code: "batch_failed", message: chunk.batchError ?? "the batch failed as a whole" },
      };
    default:
      return {
        status: "failed",
        texts: [],
        error: { code: "missing_output", message: "the provider returned no usable line for this row; retry it" },
      };
  }
}

function chunkCounts(journal: Journal, chunkId: string): { done: number; failed: number } {
  const counts = journal.chunkResultCounts(chunkId);
  return { done: counts.total, failed: counts.total - counts.succeeded };
}
