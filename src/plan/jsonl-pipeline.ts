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

/** Spare `lines` memory kept for reuse: one per batch in flight. */
const SPARES = 4;

/**
 * Runs a JSONL file through the pool in batches and hands each prepared batch to `accept`,
 * in input order. Worker threads take batches while they have room; without threads the
 * main thread prepares them. (The main thread does not help the threads: its own heap would
 * grow by tens of MB under that allocation rate, which costs more than it gains.)
 * Input and output memory is reused: once `accept` resolves, nothing may read the batch's
 * input or encoded lines (the chunk writer has handed them to the OS by then), so the
 * memory stays flat instead of piling up between garbage collections.
 */
export async function runJsonlPipeline(
  file: string,
  pool: PreparePool,
  preparer: RowPreparer,
  accept: (result: PoolResult, batch: JsonlBatch) => Promise<void>,
  onRead?: (bytes: Uint8Array) => Promise<void>,
): Promise<void> {
  const buffers = new BatchBuffers(BATCH_BYTES);
  const spares: ArrayBuffer[] = [];
  const reader = jsonlBatches(file, BATCH_BYTES, buffers, onRead)[Symbol.asyncIterator]();
  const slots: Slot[] = [];
  const readAhead = pool.depth + 1;
  let ended = false;
  const prepareHere = (slot: Slot) => {
    slot.ready = { prepared: prepareJsonlBatch(preparer, slot.batch, spares.pop()), input: slot.batch.data };
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
      if (!pool.threaded) prepareHere(head);
      for (const slot of slots) {
        // The head goes to a thread even when all are busy: the main thread only waits.
        if (slot.sent || slot.ready || (slot !== head && !pool.hasRoom())) continue;
        slot.sent = pool.prepare(slot.batch, spares.pop());
        slot.sent.then((result) => (slot.ready = result)).catch(() => {}); // errors surface where it is awaited
      }
      head.ready ??= await head.sent!;
      slots.shift();
      await accept(head.ready, head.batch);
      buffers.give(head.ready.input);
      if (spares.length < SPARES) spares.push(head.ready.prepared.lines.buffer as ArrayBuffer);
    }
  } finally {
    await reader.return?.(undefined);
  }
}
