/**
 * The collect worker thread: reads a finished chunk's output files, parses them with the
 * provider's line parser, joins each line to the chunk's items (read from the journal with a
 * connection of its own) and sends the rows back packed and in storing order.
 */
import { DatabaseSync } from "node:sqlite";
import { parentPort } from "node:worker_threads";
import { THREAD_PARSERS } from "../providers/thread-parsers.js";
import type { ResultSink } from "../providers/stored-results.js";
import type { ItemResult } from "../types.js";
import { lineRanges } from "../util/line-ranges.js";
import type { ChunkJob, ChunkSummary, CollectReply } from "./collect-pool.js";
import { PackedResultsBuilder, packedTransfer } from "./packed-results.js";

/** Text bytes per run: a chunk's rows usually go as one run; huge answers in several. */
const RUN_BYTES = 64 << 20;

// Jobs run one at a time, in order. Text memory of runs the main thread is done with comes
// back to be reused, so a million rows do not leave a trail of buffers for the collector.
let queue = Promise.resolve();
const spares: ArrayBuffer[] = [];
parentPort!.on("message", (message: ChunkJob | { spare: ArrayBuffer }) => {
  if ("spare" in message) {
    if (spares.length < 2) spares.push(message.spare);
    return;
  }
  queue = queue.then(() => collect(message)).catch((error: unknown) => post({ id: message.id, error }));
});

async function collect(job: ChunkJob): Promise<void> {
  const parse = THREAD_PARSERS[job.parser];
  const sink = new ChunkSink(chunkItems(job.journal, job.chunkId), (run) => {
    const packed = run.finish();
    parentPort!.postMessage({ id: job.id, run: packed } satisfies CollectReply, packedTransfer(packed));
  });
  for (const file of job.files) {
    for await (const ranges of lineRanges(file)) parse(ranges, sink);
  }
  post({ id: job.id, done: sink.finish() });
}

/** Joins lines to items, packs their rows and keeps what the summary needs. */
class ChunkSink implements ResultSink {
  private run = new PackedResultsBuilder(spares.pop());
  /** The status each item's stored row will end with, applying rows in line order as the journal does. */
  private readonly states = new Map<number, ItemResult["status"]>();
  private lines = 0;
  private unknown = 0;

  constructor(
    private readonly items: ChunkItems,
    private readonly send: (run: PackedResultsBuilder) => void,
  ) {}

  begin(wireId: string, status: ItemResult["status"], inputTokens: unknown, outputTokens: unknown): boolean {
    this.lines++;
    const id = this.items.ids.get(wireId);
    if (id === undefined) {
      this.unknown++;
      return false;
    }
    const before = this.states.get(id);
    if (before === undefined || before !== "succeeded") this.states.set(id, status);
    this.run.begin(id, this.items.keys.get(id) ?? wireId, status, inputTokens, outputTokens);
    return true;
  }

  appendByte(byte: number): void {
    this.run.appendByte(byte);
  }

  appendBytes(data: Uint8Array, start: number, end: number): void {
    this.run.appendBytes(data, start, end);
  }

  appendString(value: string): void {
    this.run.appendString(value);
  }

  end(errorCode: string | null, errorMessage: string | null): void {
    this.run.end(errorCode, errorMessage);
    if (this.run.bytes >= RUN_BYTES) this.flush();
  }

  finish(): ChunkSummary {
    this.flush();
    const missing: ChunkSummary["missing"] = { ids: [], keys: [] };
    for (const [wireId, id] of this.items.ids) {
      if (this.states.has(id)) continue;
      missing.ids.push(id);
      missing.keys.push(this.items.keys.get(id) ?? wireId);
    }
    let succeeded = 0;
    for (const status of this.states.values()) if (status === "succeeded") succeeded++;
    return { lines: this.lines, unknown: this.unknown, missing, total: this.states.size + missing.ids.length, succeeded };
  }

  private flush(): void {
    if (this.run.size === 0) return;
    this.send(this.run);
    this.run = new PackedResultsBuilder(spares.pop());
  }
}

/** A chunk's items: the id of each wire id, and the key where it is not the wire id itself (rare). */
interface ChunkItems {
  ids: Map<string, number>;
  keys: Map<number, string>;
}

function chunkItems(path: string, chunkId: string): ChunkItems {
  const database = new DatabaseSync(path, { readOnly: true, timeout: 5000 });
  try {
    const statement = database.prepare("SELECT id, wire_id, CASE WHEN key = wire_id THEN NULL ELSE key END FROM items WHERE chunk_id = ?");
    statement.setReturnArrays(true);
    const items: ChunkItems = { ids: new Map(), keys: new Map() };
    for (const [id, wireId, key] of statement.all(chunkId) as unknown as [number, string, string | null][]) {
      items.ids.set(wireId, id);
      if (key !== null) items.keys.set(id, key);
    }
    return items;
  } finally {
    database.close();
  }
}

function post(reply: CollectReply): void {
  parentPort!.postMessage(reply);
}
