import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { BatchProvider, RemoteBatch } from "../types.js";
import { hasThreadParsedResults, type ThreadParsedResults } from "../providers/stored-results.js";
import { THREAD_PARSERS } from "../providers/thread-parsers.js";
import type { ChunkRecord, Journal } from "./journal.js";
import type { PackedResults } from "./packed-results.js";

/** A chunk for the collect worker: its output files, parsed with `parser`, joined to the journal's items. */
export interface ChunkJob {
  id: number;
  journal: string;
  chunkId: string;
  files: string[];
  parser: string;
}

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

export type CollectReply = { id: number; run?: PackedResults; done?: ChunkSummary; error?: unknown };

/** A chunk being parsed: its runs of rows (in storing order) as they come, then its summary. */
export interface ParsedChunk {
  /** Resolves once the output files are downloaded (before any transaction). */
  readonly downloaded: Promise<void>;
  runs(): AsyncGenerator<PackedResults>;
  /** A run the caller is done with: its memory goes back to the worker for reuse. */
  release(run: PackedResults): void;
  summary(): Promise<ChunkSummary>;
}

const WORKER_FILE = new URL("./collect-worker.js", import.meta.url);
/** Smaller chunks are collected on the main thread: a thread costs more than it saves. */
const THREAD_FROM_ROWS = 4096;
/** An idle worker goes away after this long. */
const IDLE_MS = 5_000;

/** Whether this chunk can be collected with the worker thread. */
export function canCollectOnThread(provider: BatchProvider, chunk: ChunkRecord): provider is BatchProvider & ThreadParsedResults {
  return (
    chunk.rows >= THREAD_FROM_ROWS &&
    chunk.remote !== undefined &&
    hasThreadParsedResults(provider) &&
    THREAD_PARSERS[provider.lineParser] !== undefined &&
    existsSync(fileURLToPath(WORKER_FILE))
  );
}

/**
 * The chunk's parse: the one started ahead for it, else a new one. Then the next finished
 * chunk of the run is started ahead, so the worker parses it while this one is stored.
 */
export function parsedChunk(journal: Journal, provider: BatchProvider & ThreadParsedResults, chunk: ChunkRecord, rawDir: string): ParsedChunk {
  const key = prefetchKey(journal, chunk.id, chunk.remote!);
  let parsed: ParsedChunk;
  if (ahead?.key === key) {
    parsed = ahead.parsed;
    ahead = undefined;
  } else {
    parsed = startParse(journal, provider, chunk.id, chunk.remote!, rawDir);
  }
  const chunks = journal.chunks();
  const next = chunks.slice(chunks.findIndex((entry) => entry.id === chunk.id) + 1).find((entry) => entry.state === "ended");
  if (next && canCollectOnThread(provider, next)) {
    const nextKey = prefetchKey(journal, next.id, next.remote!);
    if (ahead?.key !== nextKey) ahead = { key: nextKey, parsed: startParse(journal, provider, next.id, next.remote!, rawDir) };
  }
  return parsed;
}

let ahead: { key: string; parsed: ParsedChunk } | undefined;

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
  const downloaded = provider.outputFiles(remote, rawDir).then((files) => {
    submit({ journal: journal.path, chunkId, files, parser: provider.lineParser }, (reply) => {
      if (reply.run) runs.push(reply.run);
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
    release(run) {
      const spare = run.text.buffer as ArrayBuffer;
      if (worker && spare.byteLength > 0) worker.postMessage({ spare }, [spare]);
    },
  };
}

// One worker for the process, started when needed and stopped when idle.
let worker: Worker | undefined;
let idle: NodeJS.Timeout | undefined;
let nextJob = 0;
const listeners = new Map<number, (reply: CollectReply) => boolean>();

function submit(job: Omit<ChunkJob, "id">, listener: (reply: CollectReply) => boolean): void {
  const id = nextJob++;
  listeners.set(id, listener);
  if (idle) clearTimeout(idle);
  idle = undefined;
  current().postMessage({ ...job, id });
}

function current(): Worker {
  if (worker) return worker;
  // A small young generation: the worker's garbage is short-lived, and its memory counts.
  const started = new Worker(WORKER_FILE, { resourceLimits: { maxYoungGenerationSizeMb: 16 } });
  started.unref(); // never keeps the process alive
  started.on("message", (reply: CollectReply) => {
    const listener = listeners.get(reply.id);
    if (listener?.(reply)) listeners.delete(reply.id);
    if (listeners.size === 0) {
      idle = setTimeout(() => void started.terminate(), IDLE_MS);
      idle.unref();
    }
  });
  const fail = (error: unknown) => {
    if (worker === started) worker = undefined;
    for (const [id, listener] of listeners) listener({ id, error });
    listeners.clear();
  };
  started.on("error", fail);
  started.on("exit", (code) => fail(new Error(`the collect worker thread stopped (exit code ${code})`)));
  worker = started;
  return started;
}
