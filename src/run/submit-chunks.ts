import { isTransient } from "../providers/provider-error.js";
import type { BatchProvider, ChunkFile, RunTag } from "../types.js";
import { backoffMs, sleep } from "../util/sleep.js";
import type { ChunkRecord, Journal } from "./journal.js";
import { crashPoint } from "../util/crash-point.js";

/** Attempts at one chunk's creation before leaving it for `resume`. */
const SUBMIT_ATTEMPTS = 6;

/**
 * Submit every chunk not yet on the provider, exactly once. The journal says `submitting`
 * (committed) before each create; a chunk found in `submitting` — a crash or a lost response
 * between create and record — is first looked up by its tag and only created if absent.
 */
export async function submitChunks(options: {
  journal: Journal;
  provider: BatchProvider;
  runId: string;
  /** The model of every request in the run's chunks. */
  model: string;
  signal?: AbortSignal;
  onSubmitted?: (chunk: ChunkRecord) => void;
}): Promise<void> {
  const { journal, provider, runId, model } = options;
  for (const chunk of journal.chunks()) {
    if (chunk.state !== "staged" && chunk.state !== "submitting") continue;
    options.signal?.throwIfAborted();
    const tag: RunTag = { runId, chunkId: chunk.id, sha256: chunk.sha256, rows: chunk.rows, since: chunk.updatedAt };
    if (chunk.state === "submitting") {
      const found = await provider.find(tag);
      if (found && !recordedElsewhere(journal, found.id, chunk.id)) {
        journal.setChunkState(chunk.id, "submitted", { remote: found });
        journal.event("reconciled", chunk.id, found.id);
        options.onSubmitted?.(chunk);
        continue;
      }
    }
    await createOnce(journal, provider, { ...toChunkFile(chunk), model }, tag, options.signal);
    options.onSubmitted?.(chunk);
  }
}

async function createOnce(
  journal: Journal,
  provider: BatchProvider,
  chunk: ChunkFile,
  tag: RunTag,
  signal?: AbortSignal,
): Promise<void> {
  journal.setChunkState(chunk.id, "submitting");
  tag.since = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const remote = await provider.submit(chunk, tag);
      journal.setChunkState(chunk.id, "submitted", { remote });
      crashPoint("after-record");
      return;
    } catch (error) {
      if (!isTransient(error)) {
        // The provider refused the request: nothing was created, the chunk can be sent later.
        journal.setChunkState(chunk.id, "staged");
        throw error;
      }
      journal.event("submit-error", chunk.id, (error as Error).message);
      // The create may have taken effect although its response was lost: look before retrying.
      const found = await findQuietly(provider, tag);
      if (found && !recordedElsewhere(journal, found.id, chunk.id)) {
        journal.setChunkState(chunk.id, "submitted", { remote: found });
        journal.event("reconciled", chunk.id, found.id);
        return;
      }
      if (attempt + 1 >= SUBMIT_ATTEMPTS) throw error; // left in `submitting`: resume reconciles
      await sleep(backoffMs(attempt, 1_000, 15_000), signal);
    }
  }
}

/** A batch another chunk of this run already owns is never adopted twice. */
function recordedElsewhere(journal: Journal, remoteId: string, chunkId: string): boolean {
  return journal.chunks().some((chunk) => chunk.id !== chunkId && chunk.remote?.id === remoteId);
}

async function findQuietly(provider: BatchProvider, tag: RunTag) {
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return await provider.find(tag);
    } catch (error) {
      if (!isTransient(error)) throw error;
      await sleep(backoffMs(attempt));
    }
  }
  return provider.find(tag);
}

function toChunkFile(chunk: ChunkRecord): ChunkFile {
  return { id: chunk.id, path: chunk.path, rows: chunk.rows, bytes: chunk.bytes, sha256: chunk.sha256 };
}
