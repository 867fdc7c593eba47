import { EventEmitter } from "node:events";
import { existsSync } from "node:fs";
import type { File as GcsFile } from "@google-cloud/storage";
import { join } from "node:path";
import type { BatchJob } from "@google/genai";
import type { BatchProvider, BatchStatus, ItemResult, RemoteBatch, RemoteBatchSummary } from "../types.js";
import { AtomicFileWriter } from "../util/atomic-write.js";
import { crashPoint } from "../util/crash-point.js";
import { readLines } from "../util/jsonl.js";
import type { ProviderConnection } from "./connection.js";
import { requireModel } from "./gemini.js";
import { GOOGLE_STATES, encodeVertexLine, resultFromResponse, tagDisplayName, tagFromDisplayName, vertexWireId } from "./google-api.js";
import { NO_RETRY, fileStem, findJobByDisplayName, newestJobs } from "./google-client.js";
import { providerCaller, toProviderError } from "./provider-error.js";
import { vertexClients } from "./vertex-clients.js";
import { checkBucket } from "./vertex-bucket.js";
import { vertexSettings, type VertexSettings } from "./vertex-settings.js";
import { VertexImages } from "./vertex-images.js";

const NAME = "vertex";

/**
 * Vertex AI batch prediction through `@google/genai` (vertexai) and `@google-cloud/storage`:
 * input JSONL in a bucket, predictions read back from the job's output folder, joined by the
 * key each line carries (top level, and in `request.labels` as a second witness).
 */
export function createVertexProvider(connection: ProviderConnection): BatchProvider & { settings: VertexSettings; preflight(): Promise<void> } {
  // Listing and reading jobs needs no bucket; sending does (checked in preflight and submit).
  const settings = vertexSettings(connection.options, process.env, { bucket: false });
  const { ai, storage } = vertexClients(connection, settings);
  const bucket = storage.bucket(settings.bucket);
  const images = new VertexImages(settings);
  const localImage = settings.uploadImages ? (url: string) => images.uri(url) : undefined;
  const call = providerCaller(NAME);

  return {
    name: NAME,
    settings,
    limits: { maxRequests: 200_000, maxBytes: 1024 * 1024 * 1024 },
    wireId: vertexWireId,
    // Without image uploads the encoder is a plain function; with them, worker threads make
    // the same one from the bucket and prefix (image URIs depend on nothing else).
    encode: localImage ? (request, wireId) => encodeVertexLine(request, wireId, localImage) : encodeVertexLine,
    threadEncoder: localImage ? { name: "vertex-images", options: { bucket: settings.bucket, imagePrefix: settings.imagePrefix } } : undefined,

    preflight: () => {
      vertexSettings(connection.options);
      return checkBucket(bucket, settings);
    },

    async stageImages(urls) {
      if (!settings.uploadImages) return { uploaded: 0, skipped: urls.length };
      return images.upload(bucket, urls);
    },

    async submit(chunk, tag) {
      vertexSettings(connection.options);
      const model = requireModel(chunk);
      const object = `${settings.inputPrefix}/${tag.runId}/${tag.chunkId}.jsonl`;
      await call(`upload gs://${settings.bucket}/${object}`, () =>
        bucket.upload(chunk.path, { destination: object, resumable: true, contentType: "application/jsonl" }),
      );
      crashPoint("after-upload");
      const job = await call("POST batchPredictionJobs", () =>
        ai.batches.create({
          model,
          src: `gs://${settings.bucket}/${object}`,
          config: {
            displayName: tagDisplayName(tag),
            dest: `gs://${settings.bucket}/${settings.outputPrefix}/${tag.runId}/${tag.chunkId}`,
            httpOptions: NO_RETRY,
          },
        }),
      );
      crashPoint("after-create");
      return toRemote(job);
    },

    async find(tag) {
      const job = await call("GET batchPredictionJobs", () => findJobByDisplayName(ai, tagDisplayName(tag)));
      return job ? toRemote(job) : undefined;
    },

    async status(remote) {
      return toStatus(await call(`GET ${remote.id}`, () => ai.batches.get({ name: remote.id })));
    },

    async *results(remote, rawDir) {
      const job = await call(`GET ${remote.id}`, () => ai.batches.get({ name: remote.id }));
      const directory = job.outputInfo?.gcsOutputDirectory;
      if (!directory) return; // failed or cancelled before writing anything
      const prefix = directory.replace(`gs://${settings.bucket}/`, "").replace(/\/?$/, "/");
      const [files] = await call(`list ${directory}`, () => bucket.getFiles({ prefix }));
      const outputs = files.filter((file) => file.name.endsWith(".jsonl")).sort((a, b) => a.name.localeCompare(b.name));
      for (const [index, file] of outputs.entries()) {
        const path = join(rawDir, `${fileStem(remote.id)}-${index}.jsonl`);
        if (!existsSync(path)) await downloadObject(file, path, `gs://${settings.bucket}/${file.name}`);
        crashPoint("after-download");
        for await (const { text } of readLines(path)) yield parsePredictionLine(text);
      }
    },

    async cancel(remote) {
      await call(`POST ${remote.id}:cancel`, () => ai.batches.cancel({ name: remote.id }));
    },

    async list(limit) {
      return (await call("GET batchPredictionJobs", () => newestJobs(ai, limit))).map(toSummary);
    },
  };
}

/**
 * Stream one object to a file. @google-cloud/storage 8 adds a listener per chunk to an
 * internal stream on large downloads and Node then warns of a leak (googleapis/google-cloud-node
 * #9185); the limit is raised for the download's duration only, so users see no false alarm.
 */
async function downloadObject(file: GcsFile, path: string, uri: string): Promise<void> {
  const writer = new AtomicFileWriter(path);
  const limit = EventEmitter.defaultMaxListeners;
  EventEmitter.defaultMaxListeners = Math.max(limit, 100);
  try {
    for await (const piece of file.createReadStream()) await writer.write(piece as Buffer);
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw toProviderError(NAME, `download ${uri}`, error);
  } finally {
    EventEmitter.defaultMaxListeners = limit;
  }
}

/** One predictions.jsonl line: `status` is "" on success, an error message otherwise. */
function parsePredictionLine(text: string): ItemResult {
  let line: { key?: string; status?: string; request?: { labels?: Record<string, string> }; response?: object };
  try {
    line = JSON.parse(text);
  } catch {
    const key = /"key"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text)?.[1] ?? "";
    return { key, status: "failed", texts: [], error: { code: "malformed_output", message: "the provider's output line for this row could not be parsed" } };
  }
  const key = line.key ?? line.request?.labels?.batchlab_key ?? "";
  if (line.status) return { key, status: "failed", texts: [], error: { code: "prediction_failed", message: line.status } };
  return resultFromResponse(key, line.response ?? {});
}

function toRemote(job: BatchJob): RemoteBatch {
  return { id: job.name!, provider: NAME, createdAt: job.createTime ? Date.parse(job.createTime) / 1000 : undefined };
}

function toStatus(job: BatchJob): BatchStatus {
  const raw = String(job.state ?? "JOB_STATE_UNSPECIFIED");
  const stats = job.completionStats;
  const counts = stats
    ? {
        completed: Number(stats.successfulCount ?? 0) + Number(stats.failedCount ?? 0),
        failed: Number(stats.failedCount ?? 0),
        total: Number(stats.successfulCount ?? 0) + Number(stats.failedCount ?? 0) + Number(stats.incompleteCount ?? 0),
      }
    : undefined;
  let state = GOOGLE_STATES[raw] ?? "running";
  if (state === "succeeded" && (counts?.failed ?? 0) > 0) state = "partial";
  const error = job.error ? { code: String(job.error.code ?? "batch_failed"), message: String(job.error.message ?? "") } : undefined;
  return { state, raw, counts, error };
}

function toSummary(job: BatchJob): RemoteBatchSummary {
  const status = toStatus(job);
  return { id: job.name!, state: status.state, raw: status.raw, createdAt: job.createTime ? Date.parse(job.createTime) / 1000 : 0, counts: status.counts, tag: tagFromDisplayName(job.displayName) };
}
