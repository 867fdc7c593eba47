import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { BatchProvider, RemoteBatch } from "../types.js";
import { hasThreadParsedResults, type ThreadParsedResults } from "../providers/stored-results.js";
import { THREAD_PARSERS } from "../providers/thread-parsers.js";
import type { ChunkRecord, Journal } from "./journal.js";
import { packedBuffer, type PackedResults } from "./packed-results.js";

/** A chunk for a collect worker: its output files, parsed with `parser`, joined to the journal's items. */
export interface ChunkJob {
  id: number;
  journal: string;
  chunkId: string;
  files: string[];
  parser: string;
}

/** What a collect worker is sent: a chunk, a WAL checkpoint of a journal, or memory back. */
export type WorkerMessage = ChunkJob | { id: number; checkpoint: string } | { spare: ArrayBuffer };

/** What the worker found besides the rows, assuming none of the chunk's items had a result before. */
export interface ChunkSummary {
  lines: number;
  unknown: number;
  /** Items no line was for. */
  missing: { ids: number[]; keys: string[] };
  /** The chunk's results once the missing ones are stored, and how many of them succeeded. */
  total: number;
  succeeded: number;
}

export type CollectReply = { id: number; run?: PackedResults; done?: ChunkSummary; checkpointed?: true; error?: unknown };

/** A chunk being parsed: its runs of rows (in storing order) as they come, then its summary. */
export interface ParsedChunk {
  /** Resolves once the output files are downloaded (before any transaction). */
  readonly downloaded: Promise<void>;
  runs(): AsyncGenerator<PackedResults>;
  /** A run the caller is done with: its memory goes back to the worker for reuse. */
  release(run: PackedResults): void;
  /**
   * Done with this chunk (stored, failed or no longer wanted): runs not taken, and any still
   * to come, go back to the worker, which waits for them before sending more.
   */
  discard(): void;
  summary(): Promise<ChunkSummary>;
}

const WORKER_FILE = new URL("./collect-worker.js", import.meta.url);
/** Smaller chunks are collected on the main thread: a thread costs more than it saves. */
const THREAD_FROM_ROWS = 4096;
/** One worker a core (at most two): with the main thread storing, that keeps every core busy. */
const WORKERS = Math.max(1, Math.min(2, availableParallelism()));
/** An idle worker goes away after this long. */
const IDLE_MS = 5_000;

/** Whether this chunk can be collected with a worker thread. */
export function canCollectOnThread(provider: BatchProvider, chunk: ChunkRecord): provider is BatchProvider & ThreadParsedResults {
  return (
    chunk.rows >= THREAD_FROM_ROWS &&
    chunk.remote !== undefined &&
    hasThreadParsedResults(provider) &&
    THREAD_PARSERS[provider.lineParser] !== undefined &&
    existsSync(fileURLToPath(WORKER_FILE))
  );
}

/** Parses started ahead, by journal, chunk and remote batch. */
const ahead = new Map<string, ParsedChunk>();

/**
 * The chunk's parse: the one started ahead for it, else a new one. Then the next finished
 * chunks of the run (one a worker) are started ahead, so workers parse them while this one
 * is stored.
 */
export function parsedChunk(journal: Journal, provider: BatchProvider & ThreadParsedResults, chunk: ChunkRecord, rawDir: string): ParsedChunk {
  const key = prefetchKey(journal, chunk.id, chunk.remote!);
  const parsed = ahead.get(key) ?? startParse(journal, provider, chunk.id, chunk.remote!, rawDir);
  ahead.delete(key);
  const chunks = journal.chunks();
  const upcoming = chunks
    .slice(chunks.findIndex((entry) => entry.id === chunk.id) + 1)
    .filter((entry) => entry.state === "ended" && canCollectOnThread(provider, entry))
    .slice(0, WORKERS);
  const wanted = new Set(upcoming.map((entry) => prefetchKey(journal, entry.id, entry.remote!)));
  // A parse started for another run (or a chunk no longer next) is dropped; its rows with it.
  for (const stale of [...ahead.keys()].filter((entry) => !wanted.has(entry))) {
    ahead.get(stale)!.discard();
    ahead.delete(stale);
  }
  for (const next of upcoming) {
    const nextKey = prefetchKey(journal, next.id, next.remote!);
    if (!ahead.has(nextKey)) ahead.set(nextKey, startParse(journal, provider, next.id, next.remote!, rawDir));
  }
  return parsed;
}

/**
 * Checkpoint the journal's WAL on a worker thread, if one is running (best effort: the
 * writer's own automatic checkpoint remains the fallback).
 */
export function checkpointInBackground(journal: Journal): void {
  const running = workers.filter((entry) => entry.worker !== undefined);
  if (running.length === 0) return;
  const entry = running.reduce((best, candidate) => (candidate.jobs.size < best.jobs.size ? candidate : best));
  submit(entry, { checkpoint: journal.path }, () => true);
}

function prefetchKey(journal: Journal, chunkId: string, remote: RemoteBatch): string {
  return `${journal.path}\u0000${chunkId}\u0000${remote.id}`;
}

function startParse(journal: Journal, provider: ThreadParsedResults, chunkId: string, remote: RemoteBatch, rawDir: string): ParsedChunk {
  const runs: PackedResults[] = [];
  let summary: ChunkSummary | undefined;
  let failure: unknown;
  let waiting: (() => void)[] = [];
  const signal = () => {
    for (const wake of waiting) wake();
    waiting = [];
  };
  const change = () => new Promise<void>((resolve) => waiting.push(resolve));
  let entry: PoolEntry | undefined;
  let discarded = false;
  const release = (run: PackedResults) => {
    const spare = packedBuffer(run);
    if (entry?.worker && spare.byteLength > 0) entry.worker.postMessage({ spare } satisfies WorkerMessage, [spare]);
  };
  const downloaded = provider.outputFiles(remote, rawDir).then((files) => {
    // Chosen now, not when the download started: jobs count once they are sent.
    entry = leastBusy();
    submit(entry, { journal: journal.path, chunkId, files, parser: provider.lineParser }, (reply) => {
      if (reply.run && discarded) release(reply.run);
      else if (reply.run) runs.push(reply.run);
      else if (reply.done) summary = reply.done;
      else failure = reply.error ?? new Error("the collect worker stopped");
      signal();
      return reply.done !== undefined || reply.run === undefined;
    });
  });
  downloaded.catch((error: unknown) => {
    failure = error;
    signal();
  });
  return {
    downloaded,
    async *runs() {
      for (;;) {
        while (runs.length === 0 && summary === undefined && failure === undefined) await change();
        if (runs.length > 0) yield runs.shift()!;
        else if (failure !== undefined) throw failure;
        else return;
      }
    },
    async summary() {
      while (summary === undefined && failure === undefined) await change();
      if (failure !== undefined) throw failure;
      return summary!;
    },
    release,
    discard() {
      discarded = true;
      for (const run of runs.splice(0)) release(run);
    },
  };
}

/** A worker slot: its thread (started when needed, stopped when idle) and the jobs it has not finished. */
interface PoolEntry {
  worker?: Worker;
  jobs: Set<number>;
  idle?: NodeJS.Timeout;
}

const workers: PoolEntry[] = Array.from({ length: WORKERS }, () => ({ jobs: new Set<number>() }));
let nextJob = 0;
const listeners = new Map<number, (reply: CollectReply) => boolean>();

function leastBusy(): PoolEntry {
  return workers.reduce((best, candidate) => (candidate.jobs.size < best.jobs.size ? candidate : best));
}

type Job = Omit<ChunkJob, "id"> | { checkpoint: string };

/** Send a job; `listener` gets each reply and says whether it was the last. */
function submit(entry: PoolEntry, job: Job, listener: (reply: CollectReply) => boolean): void {
  const id = nextJob++;
  entry.jobs.add(id);
  listeners.set(id, listener);
  if (entry.idle) clearTimeout(entry.idle);
  entry.idle = undefined;
  started(entry).postMessage({ ...job, id } as WorkerMessage);
}

function started(entry: PoolEntry): Worker {
  if (entry.worker) return entry.worker;
  // A small young generation: the worker's garbage is short-lived, and its memory counts.
  const worker = new Worker(WORKER_FILE, { resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  worker.unref(); // never keeps the process alive
  worker.on("message", (reply: CollectReply) => {
    if (listeners.get(reply.id)?.(reply)) {
      listeners.delete(reply.id);
      entry.jobs.delete(reply.id);
    }
    if (entry.jobs.size === 0) {
      entry.idle = setTimeout(() => void worker.terminate(), IDLE_MS);
      entry.idle.unref();
    }
  });
  // A worker that dies fails its own unfinished jobs.
  const fail = (error: unknown) => {
    if (entry.worker === worker) entry.worker = undefined;
    for (const id of entry.jobs) {
      listeners.get(id)?.({ id, error });
      listeners.delete(id);
    }
    entry.jobs.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the collect worker thread stopped (exit code ${code})`)));
  entry.worker = worker;
  return worker;
}
