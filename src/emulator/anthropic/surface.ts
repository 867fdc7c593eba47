/**
 * The Anthropic surface under `/anthropic`: Message Batches and realtime messages, as the
 * `@anthropic-ai/sdk` (1.12.0) calls them with `baseURL: ${url}/anthropic`. Accepts both
 * auth forms (`Authorization: Bearer` from 1.x, `x-api-key` from 0.x). Stats: requests,
 * batches_created, messages, rate_limited, faults_injected.
 */
import { join } from "node:path";
import { matchRoute, RequestError } from "../http.js";
import { createStats, type EmulatorContext, type Reply, type RequestContext, type Surface } from "../surface.js";
import { MessageBatchStore } from "./batch-store.js";
import { batchObject } from "./batch-wire.js";
import { batchRoutes } from "./batches-routes.js";
import { anthropicError, anthropicFailure, anthropicQuotaReply } from "./errors.js";
import { messageRoutes } from "./messages-route.js";

export const ANTHROPIC_PREFIX = "/anthropic";

export async function createAnthropicSurface(context: EmulatorContext): Promise<Surface> {
  const stats = createStats("batches_created", "messages", "rate_limited");
  const batches = await MessageBatchStore.create({
    clock: context.clock,
    faults: context.faults,
    batchMs: context.batchMs,
    directory: join(context.dataDir, "batches"),
    responder: context.responder,
    seed: context.seed,
    stats,
  });
  const routes = [...batchRoutes(batches, ANTHROPIC_PREFIX), ...messageRoutes(context.responder, stats, context.rateLimits)];

  const withHeaders = (reply: Reply, request: RequestContext): Reply => ({ ...reply, headers: { ...reply.headers, "request-id": request.requestId } });

  return {
    name: "anthropic",
    prefix: ANTHROPIC_PREFIX,
    stats,
    authenticate: (req) => /^Bearer\s+\S+/i.test(req.headers.authorization ?? "") || /\S/.test(String(req.headers["x-api-key"] ?? "")),
    async handle(request) {
      const found = matchRoute(routes, request.method, request.path);
      if (!found) return withHeaders(anthropicError(404, `Not found: ${request.method} ${request.url.pathname}`, { requestId: request.requestId }), request);
      try {
        return withHeaders(await found.handler(request, found.params), request);
      } catch (error) {
        if (!(error instanceof RequestError)) throw error;
        return withHeaders(anthropicError(error.status, error.message, { type: error.type, requestId: request.requestId }), request);
      }
    },
    failure: (kind, request, detail) => withHeaders(anthropicFailure(kind, request, detail), request),
    quotaExhausted: (request) => withHeaders(anthropicQuotaReply(request), request),
    async expireBatch(id) {
      if (!batches.has(id)) return undefined;
      try {
        const record = await batches.expire(id);
        return { status: 200, json: batchObject(record, record.origin, ANTHROPIC_PREFIX) };
      } catch (error) {
        if (!(error instanceof RequestError)) throw error;
        return { status: error.status, json: { error: { message: error.message } } };
      }
    },
  };
}
