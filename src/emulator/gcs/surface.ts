/**
 * The Cloud Storage surface under `/gcs`: the JSON API and uploads as
 * `@google-cloud/storage` (8.4.0) calls them with `apiEndpoint: ${url}/gcs`
 * (or `STORAGE_EMULATOR_HOST=${url}/gcs`). No auth: the SDK sends none to a custom endpoint.
 * Stats: requests, objects_uploaded, bytes_uploaded, buckets_created, faults_injected.
 */
import { RequestError } from "../http.js";
import { findRoute, originOf } from "../google/router.js";
import { createStats, type EmulatorContext, type RequestContext, type Surface } from "../surface.js";
import { jsonRoutes } from "./json-routes.js";
import { sharedGcsStore } from "./shared-store.js";
import { uploadRoutes } from "./upload-routes.js";
import { fromRequestError, gcsErrorReply, gcsFailure } from "./wire.js";

export const GCS_PREFIX = "/gcs";

export async function createGcsSurface(context: EmulatorContext): Promise<Surface> {
  const stats = createStats("objects_uploaded", "bytes_uploaded", "buckets_created");
  const store = await sharedGcsStore(context);
  const apiBase = (request: RequestContext): string => `${originOf(request)}${GCS_PREFIX}`;
  const routes = [...uploadRoutes(store, stats, apiBase), ...jsonRoutes(store, stats, apiBase)];

  return {
    name: "gcs",
    prefix: GCS_PREFIX,
    stats,
    authenticate: () => true,
    async handle(request) {
      const found = findRoute(routes, request.method, request.path);
      if (!found) {
        request.req.resume();
        return gcsErrorReply(404, `The batchlab emulator does not serve ${request.method} ${request.url.pathname} (Cloud Storage JSON API: buckets, objects, uploads, downloads).`, "notFound");
      }
      try {
        return await found.handler(request, found.params);
      } catch (error) {
        if (!(error instanceof RequestError)) throw error;
        return fromRequestError(error);
      }
    },
    failure: (kind, _request, detail) => gcsFailure(kind, detail),
  };
}
