import { existsSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { BatchJob, InlinedRequest } from "@google/genai";
import { safeWireId } from "../requests/wire-id.js";
import { BatchlabError } from "../errors.js";
import type { BatchProvider, BatchStatus, ChunkFile, ItemResult, RemoteBatch, RemoteBatchSummary } from "../types.js";
import { crashPoint } from "../util/crash-point.js";
import { readLines } from "../util/jsonl.js";
import type { ProviderConnection } from "./connection.js";
import {
  GOOGLE_STATES,
  encodeGeminiLine,
  resultFromError,
  resultFromResponse,
  tagDisplayName,
  tagFromDisplayName,
  type GenerateContentRequest,
} from "./google-api.js";
import { NO_RETRY, fileStem, findJobByDisplayName, geminiClient, newestJobs } from "./google-client.js";
import { providerCaller } from "./provider-error.js";

const NAME = "gemini";
/** Batches whose requests fit in this many bytes are sent inline; larger ones as a file. */
export const GEMINI_INLINE_LIMIT = 20 * 1024 * 1024;

/** Gemini Developer API batch mode through `@google/genai` (API key). */
export function createGeminiProvider(connection: ProviderConnection, options: { inlineLimit?: number } = {}): BatchProvider {
  const ai = geminiClient(connection);
  const inlineLimit = options.inlineLimit ?? GEMINI_INLINE_LIMIT;
  const call = providerCaller(NAME);

  return {
    name: NAME,
    // The API takes up to 2 GB per input file; the inline limit only picks the upload path.
    limits: { maxRequests: 100_000, maxBytes: 1024 * 1024 * 1024 },
    wireId: safeWireId,
    encode: encodeGeminiLine,

    async submit(chunk, tag) {
      const model = requireModel(chunk);
      let src: string | InlinedRequest[];
      if (chunk.bytes <= inlineLimit) {
        src = await inlinedRequests(chunk.path);
      } else {
        const file = await call("POST /upload/files", () =>
          ai.files.upload({ file: chunk.path, config: { mimeType: "jsonl", displayName: `${tag.runId}-${tag.chunkId}` } }),
        );
        src = file.name!;
        crashPoint("after-upload");
      }
      const job = await call(`POST models/${model}:batchGenerateContent`, () =>
        ai.batches.create({ model, src, config: { displayName: tagDisplayName(tag), httpOptions: NO_RETRY } }),
      );
      crashPoint("after-create");
      return toRemote(job);
    },

    async find(tag) {
      const job = await call("GET batches", () => findJobByDisplayName(ai, tagDisplayName(tag)));
      return job ? toRemote(job) : undefined;
    },

    async status(remote) {
      return toStatus(await call(`GET ${remote.id}`, () => ai.batches.get({ name: remote.id })));
    },

    async *results(remote, rawDir) {
      const job = await call(`GET ${remote.id}`, () => ai.batches.get({ name: remote.id }));
      const inlined = job.dest?.inlinedResponses;
      if (inlined) {
        for (const entry of inlined) {
          const key = entry.metadata?.key ?? "";
          yield entry.error ? resultFromError(key, entry.error) : resultFromResponse(key, entry.response ?? {});
        }
        return;
      }
      const fileName = job.dest?.fileName;
      if (!fileName) return; // no output (failed, or cancelled before anything ran)
      const path = join(rawDir, `${fileStem(remote.id)}-output.jsonl`);
      if (!existsSync(path)) {
        const temp = `${path}.tmp-${process.pid}`;
        try {
          await call(`GET ${fileName}:download`, () => ai.files.download({ file: fileName, downloadPath: temp }));
          await rename(temp, path);
        } finally {
          await rm(temp, { force: true });
        }
      }
      crashPoint("after-download");
      for await (const { text } of readLines(path)) yield parseResponseLine(text);
    },

    async cancel(remote) {
      await call(`POST ${remote.id}:cancel`, () => ai.batches.cancel({ name: remote.id }));
    },

    async list(limit) {
      return (await call("GET batches", () => newestJobs(ai, limit))).map(toSummary);
    },
  };
}

/** Google input lines do not name their model, so the chunk must. */
export function requireModel(chunk: ChunkFile): string {
  if (!chunk.model) throw new BatchlabError(`chunk ${chunk.id} was submitted without its model; this is a batchlab bug`);
  return chunk.model;
}

/** Chunk lines (`{key, model, request}`) as the SDK's inlined requests. */
async function inlinedRequests(path: string): Promise<InlinedRequest[]> {
  const requests: InlinedRequest[] = [];
  for await (const { text } of readLines(path)) {
    const line = JSON.parse(text) as { key: string; request: GenerateContentRequest };
    const { contents, systemInstruction, generationConfig } = line.request;
    requests.push({ contents, config: { ...(systemInstruction ? { systemInstruction } : {}), ...generationConfig }, metadata: { key: line.key } });
  }
  return requests;
}

function parseResponseLine(text: string): ItemResult {
  let line: { key?: string; response?: object; error?: { code?: number; message?: string; status?: string } };
  try {
    line = JSON.parse(text);
  } catch {
    const key = /"key"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text)?.[1] ?? "";
    return { key, status: "failed", texts: [], error: { code: "malformed_output", message: "the provider's output line for this row could not be parsed" } };
  }
  const key = line.key ?? "";
  return line.error ? resultFromError(key, line.error) : resultFromResponse(key, line.response ?? {});
}

function toRemote(job: BatchJob): RemoteBatch {
  return { id: job.name!, provider: NAME, createdAt: job.createTime ? Date.parse(job.createTime) / 1000 : undefined };
}

function toStatus(job: BatchJob): BatchStatus {
  const raw = String(job.state ?? "JOB_STATE_UNSPECIFIED");
  const error = job.error ? { code: String(job.error.code ?? "batch_failed"), message: String(job.error.message ?? "") } : undefined;
  return { state: GOOGLE_STATES[raw] ?? "running", raw, error };
}

function toSummary(job: BatchJob): RemoteBatchSummary {
  const status = toStatus(job);
  return {
    id: job.name!,
    state: status.state,
    raw: status.raw,
    createdAt: job.createTime ? Date.parse(job.createTime) / 1000 : 0,
    tag: tagFromDisplayName(job.displayName),
  };
}
