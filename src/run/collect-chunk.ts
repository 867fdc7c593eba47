import type { BatchProvider, ItemResult } from "../types.js";
import type { ChunkRecord, Journal } from "./journal.js";
import { PendingResults } from "./pending-results.js";
import { addStoredResult, emptyStoredBatch, hasStoredResults, type StoredResultBatch } from "../providers/stored-results.js";
import { crashPoint } from "../util/crash-point.js";

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
  // Stored rows when the provider offers them (no object per line); the same results either way.
  const source = hasStoredResults(provider)
    ? provider.storedResults(chunk.remote!, options.rawDir)
    : storedBatches(provider.results(chunk.remote!, options.rawDir));
  const batches = source[Symbol.asyncIterator]();
  // Downloads happen before the first result; keep them outside the transaction.
  let next = await batches.next();
  journal.begin();
  try {
    // One query for the chunk's items (at most its 50,000 rows), not one per line.
    const items = journal.chunkItems(chunk.id);
    // Usually none of the items has a result yet: then which rows got none is known here,
    // without a join over the chunk.
    const fresh = journal.resultCountOf(chunk.id, items) === 0;
    const pending = new PendingResults(journal, chunk.id);
    for (; !next.done; next = await batches.next()) {
      const rows = next.value;
      stats.lines += rows.wireIds.length;
      for (let index = 0; index < rows.wireIds.length; index++) {
        const item = items.get(rows.wireIds[index]);
        if (item === undefined) {
          stats.unknown++;
          continue;
        }
        pending.addRow(item.id, item.key, rows.statuses[index], rows.texts[index], rows.inputTokens[index], rows.outputTokens[index], rows.errorCodes[index], rows.errorMessages[index]);
      }
    }
    const fallback = missingResult(chunk);
    if (fresh) {
      for (const item of items.values()) {
        if (pending.stored.has(item.id)) continue;
        stats.missing++;
        pending.add(item.id, item.key, { ...fallback, key: item.key });
      }
      pending.flush();
    } else {
      pending.flush();
      for (const key of journal.keysWithoutResultFrom(chunk.id)) {
        stats.missing++;
        journal.putResult({ ...fallback, key }, chunk.id);
      }
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

/** A provider's `results()` as stored rows, a few hundred at a time. */
async function* storedBatches(results: AsyncIterable<ItemResult>): AsyncGenerator<StoredResultBatch> {
  let rows = emptyStoredBatch();
  for await (const result of results) {
    addStoredResult(rows, result);
    if (rows.wireIds.length >= 512) {
      yield rows;
      rows = emptyStoredBatch();
    }
  }
  if (rows.wireIds.length > 0) yield rows;
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
