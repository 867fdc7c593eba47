import type { BatchProvider, ItemResult } from "../types.js";
import type { ChunkRecord, Journal } from "./journal.js";
import { PendingResults } from "./pending-results.js";
import { canCollectOnThread, checkpointInBackground, parsedChunk, type ParsedChunk } from "./collect-pool.js";
import { packedColumns } from "./packed-results.js";
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
 *
 * Big chunks of a provider with a thread parser are parsed and joined on a worker thread
 * (the next finished chunk already while this one is stored); the rest on this thread. Rows
 * go in sorted by item id, so a chunk's results land side by side in the journal.
 */
export async function collectChunk(options: {
  journal: Journal;
  provider: BatchProvider;
  chunk: ChunkRecord;
  rawDir: string;
}): Promise<CollectStats> {
  const { journal, provider, chunk } = options;
  if (canCollectOnThread(provider, chunk)) {
    const parsed = parsedChunk(journal, provider, chunk, options.rawDir);
    // However this ends, the worker gets back the memory of rows not stored.
    const stats = await storeParsed(journal, chunk, parsed).finally(() => parsed.discard());
    // Copying tens of MB of pages into the database file happens beside the next chunk's rows.
    checkpointInBackground(journal);
    return stats;
  }
  // Stored rows when the provider offers them (no object per line); the same results either way.
  const source = hasStoredResults(provider)
    ? provider.storedResults(chunk.remote!, options.rawDir)
    : storedBatches(provider.results(chunk.remote!, options.rawDir));
  const batches = source[Symbol.asyncIterator]();
  // Downloads happen before the first result; keep them outside the transaction.
  const first = await batches.next();
  return inTransaction(journal, chunk, async (fresh) => {
    const stats: CollectStats = { lines: 0, unknown: 0, missing: 0 };
    // One query for the chunk's items (at most its 50,000 rows), not one per line.
    const items = journal.chunkItems(chunk.id);
    const pending = new PendingResults(journal, chunk.id);
    for (let next = first; !next.done; next = await batches.next()) {
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
    if (!fresh) {
      pending.flush();
      return { stats, counts: storeMissingBySql(journal, chunk, stats) };
    }
    const fallback = missingResult(chunk);
    for (const item of items.values()) {
      if (pending.has(item.id)) continue;
      stats.missing++;
      pending.add(item.id, item.key, { ...fallback, key: item.key });
    }
    pending.flush();
    return { stats, counts: pending.counts() };
  });
}

/** Store a chunk parsed on a worker: its rows as they come, then the rows no line was for. */
async function storeParsed(journal: Journal, chunk: ChunkRecord, parsed: ParsedChunk): Promise<CollectStats> {
  // Downloads happen before the transaction.
  await parsed.downloaded;
  return inTransaction(
    journal,
    chunk,
    async (fresh) => {
      for await (const run of parsed.runs()) {
        journal.putResultColumns(packedColumns(run), chunk.id);
        parsed.release(run);
      }
      const summary = await parsed.summary();
      const stats: CollectStats = { lines: summary.lines, unknown: summary.unknown, missing: 0 };
      if (!fresh) return { stats, counts: storeMissingBySql(journal, chunk, stats) };
      const pending = new PendingResults(journal, chunk.id);
      const fallback = missingResult(chunk);
      summary.missing.ids.forEach((id, index) => pending.add(id, summary.missing.keys[index], { ...fallback, key: summary.missing.keys[index] }));
      pending.flush();
      stats.missing = summary.missing.ids.length;
      return { stats, counts: { done: summary.total, failed: summary.total - summary.succeeded } };
    },
    { deferCheckpoint: true },
  );
}

/**
 * The collect transaction. `fresh`: none of the chunk's items had a result before (the usual
 * case), so which rows got none, and the chunk's counts, follow from the rows stored here
 * without querying the table.
 */
async function inTransaction(
  journal: Journal,
  chunk: ChunkRecord,
  store: (fresh: boolean) => Promise<{ stats: CollectStats; counts: { done: number; failed: number } }>,
  commit: { deferCheckpoint?: boolean } = {},
): Promise<CollectStats> {
  journal.begin();
  try {
    const { stats, counts } = await store(journal.resultCountOf(chunk.id) === 0);
    crashPoint("while-collecting");
    journal.setChunkState(chunk.id, "collected", counts);
    if (stats.unknown > 0) journal.event("unknown-lines", chunk.id, `${stats.unknown} output lines matched no row of this chunk`);
    journal.commit(commit);
    return stats;
  } catch (error) {
    journal.rollback();
    throw error;
  }
}

/** Items with earlier results: which rows got none, and the counts, come from the journal. */
function storeMissingBySql(journal: Journal, chunk: ChunkRecord, stats: CollectStats): { done: number; failed: number } {
  const fallback = missingResult(chunk);
  for (const key of journal.keysWithoutResultFrom(chunk.id)) {
    stats.missing++;
    journal.putResult({ ...fallback, key }, chunk.id);
  }
  const counts = journal.chunkResultCounts(chunk.id);
  return { done: counts.total, failed: counts.total - counts.succeeded };
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
