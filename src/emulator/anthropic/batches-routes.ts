/** `/v1/messages/batches` endpoints (spec §5.2): create, retrieve, list, cancel, delete, results. */
import { createReadStream } from "node:fs";
import type { IncomingMessage } from "node:http";
import { readBody, RequestError, route, type Route } from "../http.js";
import { BATCH_LIMITS } from "./batch-requests.js";
import type { MessageBatchRecord } from "./batch-record.js";
import type { MessageBatchStore } from "./batch-store.js";
import { batchObject } from "./batch-wire.js";

export function batchRoutes(batches: MessageBatchStore, prefix: string): Route[] {
  const reply = (record: MessageBatchRecord, req: IncomingMessage) => ({ status: 200, json: batchObject(record, originOf(req, record.origin), prefix) });
  return [
    route("POST", "/v1/messages/batches", async ({ req }) => {
      const record = await batches.create(await readLargeJson(req), originOf(req));
      return reply(record, req);
    }),
    route("GET", "/v1/messages/batches", async ({ req, url }) => {
      const limit = pageLimit(url);
      const afterId = url.searchParams.get("after_id") ?? undefined;
      const beforeId = url.searchParams.get("before_id") ?? undefined;
      if (afterId && beforeId) throw new RequestError(400, "Pass after_id or before_id, not both.");
      const page = await batches.page(limit, { afterId, beforeId });
      const data = page.data.map((record) => batchObject(record, originOf(req, record.origin), prefix));
      const ids = { first_id: data.length > 0 ? data[0].id : null, last_id: data.length > 0 ? data[data.length - 1].id : null };
      return { status: 200, json: { data, has_more: page.hasMore, ...ids } };
    }),
    route("GET", "/v1/messages/batches/:id", async ({ req }, params) => reply(await batches.read(params.id), req)),
    route("POST", "/v1/messages/batches/:id/cancel", async ({ req }, params) => {
      req.resume(); // the SDK sends an empty body
      return reply(await batches.cancel(params.id), req);
    }),
    route("DELETE", "/v1/messages/batches/:id", async (_, params) => {
      await batches.delete(params.id);
      return { status: 200, json: { id: params.id, type: "message_batch_deleted" } };
    }),
    route("GET", "/v1/messages/batches/:id/results", async (_, params) => {
      const record = await batches.read(params.id);
      if (record.status !== "ended" || !record.resultsPath) {
        throw new RequestError(400, `Message batch ${record.id} is still ${record.status}; results are available once processing_status is "ended".`);
      }
      return { status: 200, headers: { "content-type": "application/binary" }, body: createReadStream(record.resultsPath) };
    }),
  ];
}

/** The body as JSON, up to the 256 MB batch limit (a 413 `request_too_large` beyond). */
async function readLargeJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let body: Buffer;
  try {
    body = await readBody(req, BATCH_LIMITS.maxBytes);
  } catch (error) {
    if (!(error instanceof RequestError) || error.status !== 413) throw error;
    throw new RequestError(413, `The batch is larger than ${BATCH_LIMITS.maxBytes} bytes (256 MB), the Message Batches limit. Split it into several batches.`, null, null, "request_too_large");
  }
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    throw new RequestError(400, "We could not parse the JSON body of your request. Send valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new RequestError(400, "The request body must be a JSON object {requests: [...]}.");
  return value as Record<string, unknown>;
}

function pageLimit(url: URL): number {
  const text = url.searchParams.get("limit");
  const limit = text === null ? 20 : Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new RequestError(400, `limit: "${text}" must be an integer from 1 to 1000.`);
  return limit;
}

/** `http://host:port` as the client addressed the emulator (the Host header), else `fallback`. */
function originOf(req: IncomingMessage, fallback = "http://127.0.0.1"): string {
  return req.headers.host ? `http://${req.headers.host}` : fallback;
}
