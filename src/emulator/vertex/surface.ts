/**
 * Vertex AI under `/vertex`, as `@google/genai` (3.1.0) calls it with `vertexai: true` and
 * `httpOptions.baseUrl: ${url}/vertex`: batch prediction jobs reading and writing the
 * emulated GCS, and realtime `publishers/google/models/{m}:generateContent`. Auth:
 * `Authorization: Bearer …` or `x-goog-api-key`. Stats: requests, batches_created,
 * predictions_written, generate_content, faults_injected.
 */
import { join } from "node:path";
import { sharedGcsStore } from "../gcs/shared-store.js";
import { googleError, googleFailure } from "../google/errors.js";
import { GENERATE_VERBS, generateRoutes } from "../google/generate-routes.js";
import { dispatchGoogle } from "../google/dispatch.js";
import { RequestError } from "../http.js";
import { createStats, type EmulatorContext, type Surface } from "../surface.js";
import { createVertexJobs } from "./job-store.js";
import { jobResource } from "./job-wire.js";
import { jobRoutes, PARENT } from "./jobs-routes.js";

export const VERTEX_PREFIX = "/vertex";

export async function createVertexSurface(context: EmulatorContext): Promise<Surface> {
  const stats = createStats("rate_limited", "batches_created", "predictions_written", "generate_content");
  const gcs = await sharedGcsStore(context);
  const sizeOf = (uri: string): number | undefined => gcs.sizeOf(uri);
  const jobs = await createVertexJobs({
    clock: context.clock,
    faults: context.faults,
    gcs,
    batchMs: context.batchMs,
    seed: context.seed,
    stats,
    directory: join(context.dataDir, "jobs"),
    responder: context.responder,
    sizeOf,
  });
  const routes = [
    ...jobRoutes(jobs, context.clock),
    ...generateRoutes(new RegExp(`${PARENT}/publishers/google/models/(?<model>[^/:]+):(?<verb>${GENERATE_VERBS})$`), { responder: context.responder, sizeOf, clock: context.clock, stats, limits: { limiter: context.rateLimits, surface: "vertex" } }),
  ];

  return {
    name: "vertex",
    prefix: VERTEX_PREFIX,
    stats,
    authenticate: (req) => /^Bearer\s+\S+/i.test(req.headers.authorization ?? "") || `${req.headers["x-goog-api-key"] ?? ""}`.trim() !== "" || /[?&]key=[^&]/.test(req.url ?? ""),
    handle: (request) =>
      dispatchGoogle(routes, request, `the batchlab emulator's Vertex AI does not serve ${request.method} ${request.url.pathname}. Paths look like ${VERTEX_PREFIX}/v1beta1/projects/{p}/locations/{l}/batchPredictionJobs.`),
    failure: (kind, request, detail) =>
      kind === "unauthorized"
        ? googleError(401, "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. (The batchlab emulator accepts any Bearer token or x-goog-api-key.)", "UNAUTHENTICATED")
        : googleFailure(kind, request, detail),
    async expireBatch(id) {
      const jobId = id.slice(id.lastIndexOf("/") + 1);
      if (!/^\d+$/.test(jobId) || !jobs.table.has(jobId)) return undefined;
      try {
        return { status: 200, json: jobResource(await jobs.table.expire(jobId), context.clock.now()) };
      } catch (error) {
        if (!(error instanceof RequestError)) throw error;
        return { status: error.status, json: { error: { message: error.message } } };
      }
    },
  };
}
