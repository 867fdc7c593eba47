/**
 * A collect worker thread: reads a finished chunk's output files, parses them with the
 * provider's line parser, joins each line to the chunk's items (read from the journal with a
 * connection of its own) and sends the rows back packed, in storing order. Between chunks it
 * also checkpoints the journal's WAL when asked, so the thread storing rows never has to.
 */
import { statSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { parentPort } from "node:worker_threads";
import { THREAD_PARSERS } from "../providers/thread-parsers.js";
import type { ResultSink } from "../providers/stored-results.js";
import type { ItemResult } from "../types.js";
import { lineRanges, type LineBuffer } from "../util/line-ranges.js";
import type { ChunkJob, ChunkSummary, CollectReply, WorkerMessage } from "./collect-pool.js";
import { PackedResultsBuilder, packedBuffer } from "./packed-results.js";
import { WireIdIndex, type WireIdMemory } from "./wire-id-index.js";

/** Text bytes held before rows are sorted and sent: a chunk's rows usually go in one sort; huge answers in several. */
const HELD_BYTES = 64 << 20;
/** Builder memory is reserved in steps of this (untouched pages take no memory). */
const RESERVE_STEP = 16 << 20;

// Jobs run one at a time, in order. The memory of runs the main thread has stored comes back
// to be reused (as many as are ever on their way at once), so a million rows leave no trail
// of buffers for the collector: dead ArrayBuffers count in RSS until a GC, and GCs are rare.
let queue = Promise.resolve();
const spares: ArrayBuffer[] = [];
const builder = new PackedResultsBuilder();
/** Runs sent and not yet handed back, and the most there may be. */
let inFlight = 0;
const IN_FLIGHT = 3;
let spareArrived: (() => void) | undefined;
const readBuffer: LineBuffer = {};
/** One chunk is joined at a time: each chunk's index takes over the last one's memory. */
const indexMemory: WireIdMemory = {};
parentPort!.on("message", (message: WorkerMessage) => {
  if ("spare" in message) {
    spares.push(message.spare);
    inFlight--;
    spareArrived?.();
    spareArrived = undefined;
  } else if ("checkpoint" in message) {
    // At once, not after the queued chunks: a job waiting for its runs to come back leaves
    // the thread idle, which is the best time for it. Best effort: a failed checkpoint is
    // left to the writer's automatic one.
    try {
      checkpoint(message.checkpoint);
    } catch {
      // (see above)
    }
    post({ id: message.id, checkpointed: true });
  } else {
    queue = queue.then(() => collect(message)).catch((error: unknown) => post({ id: message.id, error }));
  }
});

async function collect(job: ChunkJob): Promise<void> {
  const parse = THREAD_PARSERS[job.parser];
  const sink = new ChunkSink(chunkItems(job.journal, job.chunkId));
  // Stored rows take less than their lines: room for the files' size is room for the chunk.
  // Rounded up, so the next chunk, a little larger, does not make a new buffer: the old one
  // (its touched pages resident) would stay until a garbage collection.
  const bytes = job.files.reduce((sum, file) => sum + statSync(file).size, 0);
  builder.reserve(Math.min(HELD_BYTES, Math.ceil(bytes / RESERVE_STEP) * RESERVE_STEP));
  for (const file of job.files) {
    for await (const ranges of lineRanges(file, { buffer: readBuffer, blocking: true })) {
      parse(ranges, sink);
      if (builder.bytes >= HELD_BYTES) await sendRuns(job.id);
    }
  }
  await sendRuns(job.id);
  post({ id: job.id, done: sink.finish() });
}

/**
 * Send the rows held, sorted, a run at a time, never more than IN_FLIGHT runs the main thread
 * has not handed back: when storing is the slower side, parsing waits instead of piling up
 * rows in memory.
 */
async function sendRuns(jobId: number): Promise<void> {
  const runs = builder.drain(() => spares.pop());
  for (;;) {
    while (inFlight >= IN_FLIGHT) await new Promise<void>((resolve) => (spareArrived = resolve));
    const next = runs.next();
    if (next.done) return;
    inFlight++;
    parentPort!.postMessage({ id: jobId, run: next.value } satisfies CollectReply, [packedBuffer(next.value)]);
  }
}

/** Copy the WAL's committed pages into the database file (PASSIVE: never waits for, nor blocks, the writer). */
function checkpoint(path: string): void {
  const database = new DatabaseSync(path, { timeout: 0 });
  try {
    database.exec("PRAGMA wal_checkpoint(PASSIVE)");
  } finally {
    database.close();
  }
}

/** Joins lines to items, packs their rows and keeps what the summary needs. */
class ChunkSink implements ResultSink {
  /** The status each item's stored row will end with, applying rows in line order as the journal does (by position). */
  private readonly states: Int8Array;
  private lines = 0;
  private unknown = 0;

  constructor(private readonly items: ChunkItems) {
    this.states = new Int8Array(items.ids.length).fill(-1);
  }

  begin(wireId: string, status: ItemResult["status"], inputTokens: unknown, outputTokens: unknown): boolean {
    const position = this.joined(this.items.index.findString(wireId), status);
    if (position === -1) return false;
    builder.begin(this.items.ids[position], this.items.keys.get(position) ?? wireId, status, inputTokens, outputTokens);
    return true;
  }

  beginBytes(data: Uint8Array, start: number, end: number, status: ItemResult["status"], inputTokens: unknown, outputTokens: unknown): boolean {
    const position = this.joined(this.items.index.find(data, start, end), status);
    if (position === -1) return false;
    const key = this.items.keys.size === 0 ? undefined : this.items.keys.get(position);
    if (key === undefined) builder.beginBytes(this.items.ids[position], data, start, end, status, inputTokens, outputTokens);
    else builder.begin(this.items.ids[position], key, status, inputTokens, outputTokens);
    return true;
  }

  appendByte(byte: number): void {
    builder.appendByte(byte);
  }

  appendBytes(data: Uint8Array, start: number, end: number): void {
    builder.appendBytes(data, start, end);
  }

  appendString(value: string): void {
    builder.appendString(value);
  }

  end(errorCode: string | null, errorMessage: string | null): void {
    builder.end(errorCode, errorMessage);
  }

  finish(): ChunkSummary {
    const missing: ChunkSummary["missing"] = { ids: [], keys: [] };
    let total = 0;
    let succeeded = 0;
    for (let position = 0; position < this.states.length; position++) {
      const state = this.states[position];
      if (state === -1) {
        missing.ids.push(this.items.ids[position]);
        missing.keys.push(this.items.keys.get(position) ?? this.items.index.wireId(position));
      } else if (state === SUCCEEDED) succeeded++;
      total++;
    }
    return { lines: this.lines, unknown: this.unknown, missing, total, succeeded };
  }

  /** Count the line; record its status for the item at `position` (-1: no such item). */
  private joined(position: number, status: ItemResult["status"]): number {
    this.lines++;
    if (position === -1) {
      this.unknown++;
      return -1;
    }
    // The journal's rule: a row replaces an item's stored row unless that one succeeded.
    if (this.states[position] !== SUCCEEDED) this.states[position] = status === "succeeded" ? SUCCEEDED : OTHER;
    return position;
  }
}

const SUCCEEDED = 1;
const OTHER = 0;

/** A chunk's items: ids by position, the index of their wire ids, and keys where they are not the wire id (rare). */
interface ChunkItems {
  ids: Float64Array;
  index: WireIdIndex;
  keys: Map<number, string>;
}

/** The memory of a chunk's ids, taken over by the next chunk (one chunk is joined at a time). */
let idMemory = new Float64Array(0);

function chunkItems(path: string, chunkId: string): ChunkItems {
  const database = new DatabaseSync(path, { readOnly: true, timeout: 5000 });
  try {
    // Every read below sees one snapshot, so the odd keys' ids are among the ids read first.
    database.exec("BEGIN");
    // One pass, two aggregates (same row order), as blobs: bytes off the heap rather than
    // strings and arrays of a megabyte a chunk, which would stay in V8's old generation (and
    // in the RSS) until a full garbage collection.
    // Wire ids have no spaces (see safeWireId); fromJoined checks, and one by one is the fallback.
    const all = database.prepare(
      "SELECT count(*), CAST(group_concat(id, ' ') AS BLOB), CAST(group_concat(wire_id, ' ') AS BLOB) FROM items WHERE chunk_id = ?",
    );
    all.setReturnArrays(true);
    const [count, idBytes, joined] = all.get(chunkId) as unknown as [number, Uint8Array | null, Uint8Array | null];
    if (idMemory.length < count) idMemory = new Float64Array(count);
    const ids = idMemory.subarray(0, count);
    const ascending = readIds(idBytes ?? new Uint8Array(0), ids);
    const index =
      WireIdIndex.fromJoined(joined ?? new Uint8Array(0), count, indexMemory) ?? WireIdIndex.fromStrings(wireIdsOf(database, chunkId), indexMemory);
    const odd = database.prepare("SELECT id, key FROM items WHERE chunk_id = ? AND key != wire_id").all(chunkId) as { id: number; key: string }[];
    const keys = new Map<number, string>();
    if (odd.length > 0) {
      // Usually one or two such items a chunk: found by bisection (ids come in rowid order),
      // rather than a map of every id.
      const positionOf = ascending ? (id: number) => bisect(ids, id) : positionMap(ids);
      for (const row of odd) keys.set(positionOf(row.id), row.key);
    }
    database.exec("COMMIT");
    return { ids, index, keys };
  } finally {
    database.close();
  }
}

/**
 * Item ids (integers) written in decimal and joined by single spaces, into `ids`, which must
 * be just long enough. Returns whether they ascend.
 */
function readIds(bytes: Uint8Array, ids: Float64Array): boolean {
  let ascending = true;
  let count = 0;
  let value = 0;
  let digits = 0;
  for (let at = 0; at <= bytes.length; at++) {
    const byte = at < bytes.length ? bytes[at] : SPACE;
    if (byte >= 0x30 && byte <= 0x39) {
      value = value * 10 + (byte - 0x30);
      digits++;
    } else if (byte === SPACE && digits > 0 && digits <= 15 && count < ids.length) {
      if (count > 0 && value <= ids[count - 1]) ascending = false;
      ids[count++] = value;
      value = digits = 0;
    } else if (!(byte === SPACE && bytes.length === 0)) {
      throw new Error(`the journal's item ids of a chunk could not be read (byte ${at} of ${bytes.length})`);
    }
  }
  if (count !== ids.length) throw new Error(`the journal gave ${count} item ids for a chunk of ${ids.length}`);
  return ascending;
}

/** The position of `id` in the ascending `ids`. */
function bisect(ids: Float64Array, id: number): number {
  let low = 0;
  let high = ids.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ids[middle] < id) low = middle + 1;
    else high = middle;
  }
  return low;
}

function positionMap(ids: Float64Array): (id: number) => number {
  const positions = new Map<number, number>();
  ids.forEach((id, position) => positions.set(id, position));
  return (id) => positions.get(id)!;
}

const SPACE = 0x20;

function wireIdsOf(database: DatabaseSync, chunkId: string): string[] {
  const rows = database.prepare("SELECT json_group_array(wire_id) FROM items WHERE chunk_id = ?");
  rows.setReturnArrays(true);
  return JSON.parse((rows.get(chunkId) as unknown as [string])[0]) as string[];
}

function post(reply: CollectReply): void {
  parentPort!.postMessage(reply);
}
