import { open } from "node:fs/promises";
import { fileError } from "../data/dataset-file.js";

/** Whole lines of a JSONL file: `data[start, end)`; the last batch's last line may lack its newline. */
export interface JsonlBatch {
  data: Uint8Array;
  start: number;
  end: number;
}

/**
 * Buffers for reading batches, reused once a batch is done with, so a million rows cost a
 * handful of allocations (and the memory stays flat).
 */
export class BatchBuffers {
  private readonly free: Uint8Array[] = [];

  constructor(private readonly size: number) {}

  /** A buffer of at least `bytes` (a reused one when it fits). */
  take(bytes: number): Uint8Array {
    if (bytes <= this.size) return this.free.pop() ?? new Uint8Array(this.size);
    return new Uint8Array(bytes);
  }

  /** Hand a buffer back once nothing reads it any more. */
  give(data: Uint8Array): void {
    if (data.byteLength === this.size && data.byteOffset === 0) this.free.push(data);
  }
}

const NEWLINE = 0x0a;

/**
 * Read a text file in batches of whole lines, about `batchBytes` each (a line longer than
 * that makes a bigger batch). A UTF-8 BOM at the start is skipped, as lineChunks does. Only
 * the batches in flight and one partial line are held in memory. `onRead` sees every byte
 * of the file, in order, before any batch holding it is yielded (to copy or hash the file
 * in the same pass).
 */
export async function* jsonlBatches(
  file: string,
  batchBytes: number,
  buffers = new BatchBuffers(batchBytes),
  onRead?: (bytes: Uint8Array) => Promise<void>,
): AsyncGenerator<JsonlBatch> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    throw fileError(file, "dataset", error);
  }
  try {
    let carry = new Uint8Array(0);
    let position = 0;
    let first = true;
    for (;;) {
      // Room for the partial line carried over and a full read after it.
      const read = Math.max(batchBytes - carry.length, batchBytes >> 1);
      const data = buffers.take(carry.length + read);
      data.set(carry, 0);
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(data, carry.length, read, position));
      } catch (error) {
        throw fileError(file, "dataset", error);
      }
      position += bytesRead;
      const filled = carry.length + bytesRead;
      if (onRead && bytesRead > 0) await onRead(data.subarray(carry.length, filled));
      let start = 0;
      if (first && filled >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) start = 3;
      if (bytesRead === 0) {
        if (filled > start) yield { data, start, end: filled };
        return;
      }
      const lastNewline = data.lastIndexOf(NEWLINE, filled - 1);
      if (lastNewline < start) {
        carry = data.slice(0, filled); // a line longer than one batch: keep reading
        continue;
      }
      first = false;
      carry = data.slice(lastNewline + 1, filled);
      yield { data, start, end: lastNewline + 1 };
    }
  } finally {
    await handle.close();
  }
}
