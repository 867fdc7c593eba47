import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Request } from "../types.js";
import { sha256File } from "../util/hash.js";
import type { JsonlBatch } from "./jsonl-batches.js";
import { RowPreparer, type LineEncoder, type PreparedBatch, type PreparerSettings } from "./row-preparer.js";
import { threadEncoder, type ThreadEncoderSpec } from "./thread-encoders.js";

/** A prepared batch and the raw text it came from (handed back by the thread that read it). */
export interface PoolResult {
  prepared: PreparedBatch;
  input: Uint8Array;
}

/** Prepares JSONL batches and hashes files, on worker threads or on the main thread. */
export interface PreparePool {
  /** Batches worth having in flight to keep every thread busy. */
  readonly depth: number;
  /** True when the work runs on worker threads. */
  readonly threaded: boolean;
  /** True when a thread could start on another batch now (false for no threads). */
  hasRoom(): boolean;
  /**
   * Prepare one batch. On threads, `batch.data` (and `spare`, an earlier result's `lines`
   * memory to reuse) move to the thread; `input` comes back with the result.
   */
  prepare(batch: JsonlBatch, spare?: ArrayBuffer): Promise<PoolResult>;
  /** sha256 (hex) of a file. */
  hashFile(path: string): Promise<string>;
  close(): Promise<void>;
}

/** What a worker thread is started with. */
export interface PrepareWorkerData {
  settings: PreparerSettings;
  /** How the thread makes the provider's encoder. */
  encoder: ThreadEncoderSpec;
}

/** A message to a worker thread. */
export type WorkerJob = { id: number; batch: JsonlBatch; spare?: ArrayBuffer } | { id: number; hashFile: string };
/** A worker thread's answer. */
export type WorkerReply = { id: number; prepared?: PreparedBatch; input?: Uint8Array; sha256?: string; error?: unknown };

const WORKER_FILE = new URL("./prepare-worker.js", import.meta.url);
/** Jobs queued per thread: one running, one waiting, so a thread never idles between jobs. */
const JOBS_PER_THREAD = 2;
/** Worker heaps hold one batch of garbage at a time: a small young generation keeps RSS down. */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

/**
 * `threads` worker threads running the encoder `threadEncoder` describes; the main
 * thread instead (same code, same results) when `threads` is 0, when the encoder cannot run
 * on a thread, or when running from TypeScript sources (tests), where there is no compiled
 * worker file.
 */
export async function createPreparePool(
  settings: PreparerSettings,
  encoder: LineEncoder,
  threadEncoderSpec: ThreadEncoderSpec | undefined,
  threads: number,
): Promise<PreparePool> {
  if (threads > 0 && threadEncoderSpec && threadEncoder(threadEncoderSpec) && !settings.keepRequests && existsSync(fileURLToPath(WORKER_FILE))) {
    return new ThreadPool({ settings, encoder: threadEncoderSpec }, threads);
  }
  const estimate = settings.estimateTokens ? await tokenEstimator() : undefined;
  const preparer = new RowPreparer(settings, encoder, estimate);
  return {
    depth: 1,
    threaded: false,
    hasRoom: () => false,
    prepare: async (batch, spare) => ({ prepared: prepareJsonlBatch(preparer, batch, spare), input: batch.data }),
    hashFile: sha256File,
    close: async () => {},
  };
}

export async function tokenEstimator(): Promise<(request: Request) => number> {
  return (await import("../requests/token-estimate.js")).estimateInputTokens;
}

/** Prepare one JSONL batch with `preparer` (what each worker thread runs). */
export function prepareJsonlBatch(preparer: RowPreparer, batch: JsonlBatch, spare?: ArrayBuffer): PreparedBatch {
  // Encoded lines run a little longer than their input rows; start with room for that.
  preparer.start(Math.ceil((batch.end - batch.start) * 1.25) + 4096, false, spare);
  preparer.addJsonl(batch.data, batch.start, batch.end);
  return preparer.finish();
}

/** The ArrayBuffers of a batch that can move to another thread without a copy. */
export function transferables(batch: PreparedBatch): ArrayBuffer[] {
  const views = [batch.lines, batch.isItem, batch.rows, batch.bytes, batch.spans, batch.text, batch.lineStarts, batch.tokens];
  return [...new Set(views.flatMap((view) => (view ? [view.buffer as ArrayBuffer] : [])))];
}

interface Pending {
  resolve(reply: WorkerReply): void;
  reject(error: unknown): void;
  worker: number;
}

class ThreadPool implements PreparePool {
  readonly depth: number;
  readonly threaded = true;
  private readonly workers: { worker: Worker; load: number }[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(data: PrepareWorkerData, threads: number) {
    this.depth = threads * JOBS_PER_THREAD;
    for (let index = 0; index < threads; index++) {
      const worker = new Worker(WORKER_FILE, { workerData: data, resourceLimits: WORKER_LIMITS });
      worker.on("message", (reply: WorkerReply) => this.settle(reply));
      worker.on("error", (error) => this.failAll(error));
      worker.on("exit", (code) => {
        if (this.pending.size > 0) this.failAll(new Error(`a prepare worker thread stopped (exit code ${code})`));
      });
      this.workers.push({ worker, load: 0 });
    }
  }

  hasRoom(): boolean {
    return this.workers.some((entry) => entry.load < JOBS_PER_THREAD);
  }

  async prepare(batch: JsonlBatch, spare?: ArrayBuffer): Promise<PoolResult> {
    const transfer = [batch.data.buffer as ArrayBuffer];
    if (spare) transfer.push(spare);
    const reply = await this.send({ id: this.nextId++, batch, spare }, transfer);
    return { prepared: reply.prepared!, input: reply.input! };
  }

  async hashFile(path: string): Promise<string> {
    return (await this.send({ id: this.nextId++, hashFile: path }, [])).sha256!;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private send(job: WorkerJob, transfer: ArrayBuffer[]): Promise<WorkerReply> {
    let chosen = 0;
    for (let index = 1; index < this.workers.length; index++) {
      if (this.workers[index].load < this.workers[chosen].load) chosen = index;
    }
    const promise = new Promise<WorkerReply>((resolve, reject) => this.pending.set(job.id, { resolve, reject, worker: chosen }));
    this.workers[chosen].load++;
    this.workers[chosen].worker.postMessage(job, transfer);
    return promise;
  }

  private settle(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    this.workers[pending.worker].load--;
    if (reply.error === undefined) pending.resolve(reply);
    else pending.reject(reply.error);
  }

  private failAll(error: unknown): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
