import { BatchBuffers, jsonlBatches, type JsonlBatch } from "./jsonl-batches.js";
import { prepareJsonlBatch, type PoolResult, type PreparePool } from "./prepare-pool.js";
import type { RowPreparer } from "./row-preparer.js";

/** Raw JSONL per batch: large enough to keep per-message costs small, small enough for memory. */
export const BATCH_BYTES = 1 << 20;

interface Slot {
  batch: JsonlBatch;
  /** Sent to a worker thread. */
  sent?: Promise<PoolResult>;
  /** Prepared (by a thread or here). */
  ready?: PoolResult;
}

/**
 * Runs a JSONL file through the pool in batches and hands each prepared batch to `accept`,
 * in input order. Worker threads take batches while they have room; when the next batch to
 * accept is not ready, the main thread prepares a waiting batch itself instead of idling.
 * So the main thread's spare time does the same work as a thread would, and one worker less
 * saves its memory. `accept` may return the batch's buffer to `buffers` when done with it.
 */
export async function runJsonlPipeline(
  file: string,
  pool: PreparePool,
  preparer: RowPreparer,
  accept: (result: PoolResult, batch: JsonlBatch, buffers: BatchBuffers) => Promise<void>,
): Promise<void> {
  const buffers = new BatchBuffers(BATCH_BYTES);
  const reader = jsonlBatches(file, BATCH_BYTES, buffers)[Symbol.asyncIterator]();
  const slots: Slot[] = [];
  const readAhead = pool.depth + 2;
  let ended = false;
  const prepareHere = (slot: Slot) => {
    slot.ready = { prepared: prepareJsonlBatch(preparer, slot.batch), input: slot.batch.data };
  };
  try {
    for (;;) {
      while (!ended && slots.length < readAhead) {
        const next = await reader.next();
        if (next.done) ended = true;
        else slots.push({ batch: next.value });
      }
      const head = slots[0];
      if (!head) return;
      for (const slot of slots) {
        if (slot.sent || slot.ready || !pool.hasRoom()) continue;
        slot.sent = pool.prepare(slot.batch);
        slot.sent.then((result) => (slot.ready = result)).catch(() => {}); // errors surface where it is awaited
      }
      if (!head.ready) {
        const spare = slots.find((slot) => !slot.sent && !slot.ready);
        if (spare) {
          prepareHere(spare);
          continue;
        }
        head.ready = await head.sent!;
      }
      slots.shift();
      await accept(head.ready, head.batch, buffers);
    }
  } finally {
    await reader.return?.(undefined);
  }
}
