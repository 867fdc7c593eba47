/**
 * The Gemini Developer API under `/gemini` (`/gemini/v1` and `/gemini/v1beta`), as
 * `@google/genai` (3.1.0) calls it with `httpOptions.baseUrl: ${url}/gemini`: Files
 * (resumable upload), batches and realtime generateContent. Auth: `x-goog-api-key`
 * (or `?key=`). Stats: requests, batches_created, files_uploaded, generate_content, faults_injected.
 */
import { join } from "node:path";
import { googleError, googleFailure } from "../google/errors.js";
import { GENERATE_VERBS, generateRoutes } from "../google/generate-routes.js";
import { dispatchGoogle } from "../google/dispatch.js";
import { sharedGcsStore } from "../gcs/shared-store.js";
import { RequestError } from "../http.js";
import { createStats, type EmulatorContext, type Surface } from "../surface.js";
import { createGeminiBatches } from "./batch-store.js";
import { batchOperation } from "./batch-wire.js";
import { batchRoutes } from "./batches-routes.js";
import { GeminiFileStore } from "./file-store.js";
import { fileRoutes } from "./files-routes.js";

export const GEMINI_PREFIX = "/gemini";

export async function createGeminiSurface(context: EmulatorContext): Promise<Surface> {
  const stats = createStats("rate_limited", "batches_created", "files_uploaded", "generate_content");
  const files = await GeminiFileStore.create(context.dataDir, context.clock);
  const gcs = await sharedGcsStore(context);
  const sizeOf = (uri: string): number | undefined => files.sizeOf(uri) ?? gcs.sizeOf(uri);
  const batches = await createGeminiBatches({
    clock: context.clock,
    faults: context.faults,
    files,
    batchMs: context.batchMs,
    seed: context.seed,
    stats,
    directory: join(context.dataDir, "batches"),
    responder: context.responder,
    sizeOf,
  });
  const routes = [
    ...fileRoutes(files, stats, GEMINI_PREFIX),
    ...batchRoutes(batches.table, batches.create, context.clock),
    ...generateRoutes(new RegExp(`^/(?:v1|v1beta)/models/(?<model>[^/:]+):(?<verb>${GENERATE_VERBS})$`), { responder: context.responder, sizeOf, clock: context.clock, stats, limits: { limiter: context.rateLimits, surface: "gemini" } }),
  ];

  return {
    name: "gemini",
    prefix: GEMINI_PREFIX,
    stats,
    authenticate: (req) => hasValue(req.headers["x-goog-api-key"]) || /[?&]key=[^&]/.test(req.url ?? ""),
    handle: (request) =>
      dispatchGoogle(routes, request, `the batchlab emulator's Gemini API does not serve ${request.method} ${request.url.pathname}. Use ${GEMINI_PREFIX}/v1 or ${GEMINI_PREFIX}/v1beta paths as @google/genai builds them.`),
    failure: (kind, request, detail) =>
      kind === "unauthorized"
        ? googleError(403, "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API. (The batchlab emulator accepts any non-empty x-goog-api-key.)", "PERMISSION_DENIED")
        : googleFailure(kind, request, detail),
    async expireBatch(id) {
      const batchId = id.replace(/^batches\//, "");
      if (!batches.table.has(batchId)) return undefined;
      try {
        return { status: 200, json: batchOperation(await batches.table.expire(batchId), "v1beta", context.clock.now()) };
      } catch (error) {
        if (!(error instanceof RequestError)) throw error;
        return { status: error.status, json: { error: { message: error.message } } };
      }
    },
  };
}

function hasValue(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && value.trim() !== "";
}
