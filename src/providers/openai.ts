import { createReadStream } from "node:fs";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import type OpenAI from "openai";
import type { Batch } from "openai/resources/batches";
import { AtomicFileWriter } from "../util/atomic-write.js";
import { crashPoint } from "../util/crash-point.js";
import { lineRanges } from "../util/line-ranges.js";
import { safeWireId } from "../requests/wire-id.js";
import type { BatchProvider, BatchStatus, ItemResult, RemoteBatch, RemoteBatchSummary, RunTag } from "../types.js";
import { CHAT_ENDPOINT, OPENAI_STATES, encodeChatLine, parseOutputLine } from "./openai-api.js";
import { addStoredLines, lineResult } from "./openai-output.js";
import { providerCaller, toProviderError } from "./provider-error.js";
import { emptyStoredBatch, type StoredResultSource, type ThreadParsedResults } from "./stored-results.js";
import type { ProviderConnection } from "./connection.js";
import { SDK, onFirstUse } from "./lazy-sdk.js";

const NAME = "openai";
/** How far back `find` looks for a batch lost between create and record. */
const FIND_SCAN_LIMIT = 2_000;

/** OpenAI Batch API through the official `openai` SDK. */
export function createOpenAIProvider(connection: ProviderConnection): BatchProvider & StoredResultSource & ThreadParsedResults {
  const client: OpenAI = onFirstUse(() => {
    const Client = SDK.openai();
    return new Client({ apiKey: connection.apiKey, baseURL: connection.baseUrl, maxRetries: connection.maxRetries ?? 5, fetch: connection.fetch });
  });
  const call = providerCaller(NAME);

  return {
    name: NAME,
    limits: { maxRequests: 50_000, maxBytes: 200 * 1024 * 1024 },
    wireId: safeWireId,
    encode: encodeChatLine,

    async submit(chunk, tag) {
      const file = await call("POST /v1/files", () =>
        client.files.create({ file: createReadStream(chunk.path), purpose: "batch" }),
      );
      crashPoint("after-upload");
      // No automatic retry on create: a retry after a lost response would create a second
      // batch. The runner checks `find(tag)` before trying again.
      const batch = await call("POST /v1/batches", () =>
        client.batches.create(
          {
            input_file_id: file.id,
            endpoint: CHAT_ENDPOINT,
            completion_window: "24h",
            metadata: { batchlab_run: tag.runId, batchlab_chunk: tag.chunkId, batchlab_sha256: chunk.sha256.slice(0, 16) },
          },
          { maxRetries: 0 },
        ),
      );
      crashPoint("after-create");
      return toRemote(batch);
    },

    async find(tag) {
      return call("GET /v1/batches", async () => {
        let scanned = 0;
        for await (const batch of client.batches.list({ limit: 100 })) {
          if (sameTag(batch, tag)) return toRemote(batch);
          if (++scanned >= FIND_SCAN_LIMIT) break;
        }
        return undefined;
      });
    },

    async status(remote) {
      const batch = await call(`GET /v1/batches/${remote.id}`, () => client.batches.retrieve(remote.id));
      return toStatus(batch);
    },

    async *results(remote, rawDir) {
      for await (const path of outputFiles(remote, rawDir)) {
        for await (const { data, starts, ends } of lineRanges(path)) {
          for (let index = 0; index < starts.length; index++) yield lineResult(data, starts[index], ends[index]);
        }
      }
    },

    /** The same results as `results()`, as stored rows a read at a time (see StoredResultSource). */
    async *storedResults(remote, rawDir) {
      for await (const path of outputFiles(remote, rawDir)) {
        for await (const lines of lineRanges(path)) {
          const rows = emptyStoredBatch();
          addStoredLines(lines, rows);
          yield rows;
        }
      }
    },

    lineParser: "openai",

    async outputFiles(remote, rawDir) {
      const paths: string[] = [];
      for await (const path of outputFiles(remote, rawDir)) paths.push(path);
      return paths;
    },

    async cancel(remote) {
      await call(`POST /v1/batches/${remote.id}/cancel`, () => client.batches.cancel(remote.id));
    },

    async list(limit) {
      return call("GET /v1/batches", async () => {
        const page = await client.batches.list({ limit });
        return page.data.slice(0, limit).map(toSummary);
      });
    },
  };

  /** The batch's output and error files, downloaded into `rawDir` unless they already are. */
  async function* outputFiles(remote: RemoteBatch, rawDir: string): AsyncGenerator<string> {
    const batch = await call(`GET /v1/batches/${remote.id}`, () => client.batches.retrieve(remote.id));
    for (const [kind, fileId] of [["output", batch.output_file_id], ["errors", batch.error_file_id]] as const) {
      if (!fileId) continue;
      const path = join(rawDir, `${batch.id}-${kind}.jsonl`);
      if (!existsSync(path)) await download(fileId, path);
      crashPoint("after-download");
      yield path;
    }
  }

  async function download(fileId: string, path: string): Promise<void> {
    const response = await call(`GET /v1/files/${fileId}/content`, () => client.files.content(fileId));
    const writer = new AtomicFileWriter(path);
    try {
      for await (const piece of Readable.fromWeb(response.body as never)) await writer.write(piece as Buffer);
      await writer.commit();
    } catch (error) {
      await writer.abort();
      throw toProviderError(NAME, `GET /v1/files/${fileId}/content`, error);
    }
  }
}

function toRemote(batch: Batch): RemoteBatch {
  return {
    id: batch.id,
    provider: NAME,
    createdAt: batch.created_at,
    handles: { inputFileId: batch.input_file_id, outputFileId: batch.output_file_id ?? undefined, errorFileId: batch.error_file_id ?? undefined },
  };
}

function toStatus(batch: Batch): BatchStatus {
  const counts = batch.request_counts ? { ...batch.request_counts } : undefined;
  let state: BatchStatus["state"] = OPENAI_STATES[batch.status as keyof typeof OPENAI_STATES] ?? "running";
  if (state === "succeeded" && (counts?.failed ?? 0) > 0) state = "partial";
  const firstError = batch.errors?.data?.[0];
  const error = firstError
    ? { code: firstError.code ?? "invalid_batch", message: `${firstError.message ?? ""}${firstError.line ? ` (line ${firstError.line})` : ""}` }
    : undefined;
  return { state, raw: batch.status, counts, error };
}

function toSummary(batch: Batch): RemoteBatchSummary {
  const status = toStatus(batch);
  return { id: batch.id, state: status.state, raw: status.raw, createdAt: batch.created_at, counts: status.counts, tag: tagOf(batch) };
}

/** Same run and chunk, and (when both are known) the same chunk content. */
function sameTag(batch: Batch, tag: RunTag): boolean {
  const metadata = (batch.metadata ?? {}) as Record<string, string>;
  if (metadata.batchlab_run !== tag.runId || metadata.batchlab_chunk !== tag.chunkId) return false;
  return !tag.sha256 || !metadata.batchlab_sha256 || tag.sha256.startsWith(metadata.batchlab_sha256);
}

function tagOf(batch: Batch): RunTag | undefined {
  const metadata = batch.metadata as Record<string, string> | null | undefined;
  if (!metadata?.batchlab_run || !metadata.batchlab_chunk) return undefined;
  return { runId: metadata.batchlab_run, chunkId: metadata.batchlab_chunk };
}

