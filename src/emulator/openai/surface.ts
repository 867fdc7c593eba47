/**
 * The OpenAI surface under `/openai/v1`: Files, Batches and chat completions, as the
 * `openai` SDK (7.57.0) calls them. Stats: requests, files_uploaded, batches_created,
 * chat_completions, rate_limited, faults_injected.
 */
import { join } from "node:path";
import { matchRoute, RequestError } from "../http.js";
import { createStats, type EmulatorContext, type Reply, type RequestContext, type Surface } from "../surface.js";
import { BatchStore } from "./batch-store.js";
import { batchObject } from "./batch-wire.js";
import { batchRoutes } from "./batches-routes.js";
import { chatRoutes } from "./chat-route.js";
import { openaiError, openaiFailure } from "./errors.js";
import { FileStore } from "./file-store.js";
import { fileRoutes } from "./files-routes.js";
import { openaiQuotaReply } from "./rate-limit.js";

export const OPENAI_PREFIX = "/openai/v1";

export async function createOpenAISurface(context: EmulatorContext): Promise<Surface> {
  const stats = createStats("batches_created", "files_uploaded", "chat_completions", "rate_limited");
  const files = await FileStore.create(context.dataDir, context.clock);
  const batches = await BatchStore.create({
    clock: context.clock,
    faults: context.faults,
    batchMs: context.batchMs,
    directory: join(context.dataDir, "batches"),
    files,
    responder: context.responder,
    limits: context.limits,
    seed: context.seed,
    stats,
  });
  const routes = [...fileRoutes(files, stats), ...batchRoutes(batches, context.clock), ...chatRoutes(context.responder, context.clock, stats, context.rateLimits)];

  const withHeaders = (reply: Reply, request: RequestContext): Reply => ({
    ...reply,
    headers: { ...reply.headers, "x-request-id": request.requestId, "openai-version": "2020-10-01", "openai-organization": "batchlab-emulator" },
  });

  return {
    name: "openai",
    prefix: OPENAI_PREFIX,
    stats,
    authenticate: (req) => /^Bearer\s+\S+/i.test(req.headers.authorization ?? ""),
    async handle(request) {
      const found = matchRoute(routes, request.method, request.path);
      if (!found) return withHeaders(openaiError(404, `Invalid URL (${request.method} ${request.url.pathname})`, { code: "unknown_url" }), request);
      try {
        return withHeaders(await found.handler(request, found.params), request);
      } catch (error) {
        if (!(error instanceof RequestError)) throw error;
        return withHeaders(openaiError(error.status, error.message, { type: error.type, param: error.param, code: error.code }), request);
      }
    },
    failure: (kind, request, detail) => withHeaders(openaiFailure(kind, request, detail), request),
    quotaExhausted: (request) => withHeaders(openaiQuotaReply(), request),
    async expireBatch(id) {
      if (!batches.has(id)) return undefined;
      try {
        return { status: 200, json: batchObject(await batches.expire(id), context.clock.now()) };
      } catch (error) {
        if (!(error instanceof RequestError)) throw error;
        return { status: error.status, json: { error: { message: error.message } } };
      }
    },
  };
}
