import type Anthropic from "@anthropic-ai/sdk";
import { SDK, onFirstUse } from "./lazy-sdk.js";
import type { MessageBatch } from "@anthropic-ai/sdk/resources/messages/batches";
import { join } from "node:path";
import { existsSync } from "node:fs";
import { safeWireId } from "../requests/wire-id.js";
import type { BatchProvider, BatchStatus, RemoteBatch, RemoteBatchSummary } from "../types.js";
import { AtomicFileWriter } from "../util/atomic-write.js";
import { crashPoint } from "../util/crash-point.js";
import { readLines } from "../util/jsonl.js";
import { encodeAnthropicLine, resultFromIndividual } from "./anthropic-api.js";
import type { ProviderConnection } from "./connection.js";
import { providerCaller, toProviderError } from "./provider-error.js";

const NAME = "anthropic";
/** Clock difference tolerated between this machine and the service when finding a batch. */
const CLOCK_SKEW_MS = 120_000;
const FIND_SCAN_LIMIT = 500;

/**
 * Anthropic Message Batches through `@anthropic-ai/sdk`. A batch has no metadata field, so
 * `find` recognises the batch a chunk made by its size and creation time (after the chunk
 * entered `submitting`); batchlab submits one chunk at a time, so within a run this is
 * unambiguous. Custom ids are the journal's wire ids (1-64 of [A-Za-z0-9_-]).
 */
export function createAnthropicProvider(connection: ProviderConnection): BatchProvider {
  const client: Anthropic = onFirstUse(() => {
    const Client = SDK.anthropic();
    return new Client({ apiKey: connection.apiKey, baseURL: connection.baseUrl, maxRetries: connection.maxRetries ?? 5 });
  });
  const call = providerCaller(NAME);

  return {
    name: NAME,
    limits: { maxRequests: 100_000, maxBytes: 256 * 1024 * 1024 },
    wireId: safeWireId,
    encode: encodeAnthropicLine,

    async submit(chunk) {
      const requests: Anthropic.Messages.BatchCreateParams.Request[] = [];
      for await (const { text } of readLines(chunk.path)) requests.push(JSON.parse(text));
      const batch = await call("POST /v1/messages/batches", () => client.messages.batches.create({ requests }, { maxRetries: 0 }));
      crashPoint("after-create");
      return toRemote(batch);
    },

    async find(tag) {
      if (tag.rows === undefined || tag.since === undefined) return undefined;
      return call("GET /v1/messages/batches", async () => {
        let scanned = 0;
        for await (const batch of client.messages.batches.list({ limit: 100 })) {
          const created = Date.parse(batch.created_at);
          if (created < tag.since! - CLOCK_SKEW_MS || ++scanned > FIND_SCAN_LIMIT) break;
          if (totalOf(batch) === tag.rows) return toRemote(batch);
        }
        return undefined;
      });
    },

    async status(remote) {
      return toStatus(await call(`GET /v1/messages/batches/${remote.id}`, () => client.messages.batches.retrieve(remote.id)));
    },

    async *results(remote, rawDir) {
      const path = join(rawDir, `${remote.id}-results.jsonl`);
      if (!existsSync(path)) {
        const writer = new AtomicFileWriter(path);
        try {
          const stream = await call(`GET /v1/messages/batches/${remote.id}/results`, () => client.messages.batches.results(remote.id));
          for await (const entry of stream) await writer.write(`${JSON.stringify(entry)}\n`);
          await writer.commit();
        } catch (error) {
          await writer.abort();
          throw toProviderError(NAME, `GET /v1/messages/batches/${remote.id}/results`, error);
        }
      }
      crashPoint("after-download");
      for await (const { text } of readLines(path)) yield resultFromIndividual(JSON.parse(text));
    },

    async cancel(remote) {
      await call(`POST /v1/messages/batches/${remote.id}/cancel`, () => client.messages.batches.cancel(remote.id));
    },

    async list(limit) {
      return call("GET /v1/messages/batches", async () => {
        const page = await client.messages.batches.list({ limit });
        return page.data.slice(0, limit).map(toSummary);
      });
    },
  };
}

function totalOf(batch: MessageBatch): number {
  const counts = batch.request_counts;
  return counts.processing + counts.succeeded + counts.errored + counts.canceled + counts.expired;
}

function toRemote(batch: MessageBatch): RemoteBatch {
  return { id: batch.id, provider: NAME, createdAt: Date.parse(batch.created_at) / 1000 };
}

function toStatus(batch: MessageBatch): BatchStatus {
  const counts = batch.request_counts;
  const total = totalOf(batch);
  const completed = counts.succeeded + counts.errored + counts.canceled + counts.expired;
  const failed = counts.errored + counts.canceled + counts.expired;
  let state: BatchStatus["state"] = "running";
  if (batch.processing_status === "ended") {
    if (batch.cancel_initiated_at && counts.succeeded < total) state = "cancelled";
    else if (counts.expired === total) state = "expired";
    else state = failed > 0 ? "partial" : "succeeded";
  }
  return { state, raw: batch.processing_status, counts: { total, completed, failed } };
}

function toSummary(batch: MessageBatch): RemoteBatchSummary {
  const status = toStatus(batch);
  return { id: batch.id, state: status.state, raw: status.raw, createdAt: Date.parse(batch.created_at) / 1000, counts: status.counts };
}
