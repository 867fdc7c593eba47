/**
 * Uploads under `/upload/storage/v1/b/{bucket}/o` (spec §4.2): `uploadType=resumable`
 * (initiate, then PUT to the session URI), `multipart` (JSON metadata + media) and `media`.
 * Bytes stream to disk and are hashed on the way.
 */
import { googleRoute, originOf, type GoogleRoute } from "../google/router.js";
import type { Reply, RequestContext, SurfaceStats } from "../surface.js";
import { readGoogleJsonObject } from "./body.js";
import { readRelatedUpload } from "./multipart-related.js";
import { ResumableSessions } from "./resumable.js";
import { gcsError, type GcsStore, type ObjectMetadata, type StoredObject } from "./store.js";
import { objectResource } from "./wire.js";

/** `/upload/storage/v1/...`, also below `/storage/v1` (STORAGE_EMULATOR_HOST with a path). */
const UPLOAD = /^(?:\/storage\/v1)?\/upload\/storage\/v1\/b\/(?<bucket>[^/]+)\/o\/?$/;

export function uploadRoutes(store: GcsStore, stats: SurfaceStats, apiBase: (context: RequestContext) => string): GoogleRoute[] {
  const sessions = new ResumableSessions(store);
  const created = (object: StoredObject, context: RequestContext): Reply => {
    stats.objects_uploaded++;
    stats.bytes_uploaded += object.size;
    return { status: 200, json: objectResource(object, apiBase(context)) };
  };

  return [
    googleRoute("POST", UPLOAD, async (context, { bucket }) => {
      const { url, req } = context;
      const uploadType = url.searchParams.get("uploadType") ?? "media";
      store.bucket(bucket); // 404 before any bytes are taken
      const ifGenerationMatch = url.searchParams.get("ifGenerationMatch");
      if (uploadType === "resumable") {
        const metadata = await readGoogleJsonObject(req);
        const session = sessions.open({
          bucket,
          name: objectName(url, metadata),
          meta: objectMetadata(metadata, header(req.headers["x-upload-content-type"])),
          ifGenerationMatch,
          total: optionalNumber(header(req.headers["x-upload-content-length"])),
        });
        const location = new URL(`${originOf(context)}${url.pathname}${url.search}`);
        location.searchParams.set("upload_id", session.id);
        return { status: 200, headers: { location: location.toString(), "x-guploader-uploadid": session.id }, body: "" };
      }
      const writer = store.newWriter();
      try {
        let name: string;
        let meta: ObjectMetadata;
        if (uploadType === "multipart") {
          const upload = await readRelatedUpload(req, writer);
          name = objectName(url, upload.metadata);
          meta = objectMetadata(upload.metadata, upload.mediaType);
        } else if (uploadType === "media") {
          name = objectName(url, {});
          await writer.writeAll(req as AsyncIterable<Buffer>);
          meta = { contentType: header(req.headers["content-type"]) };
        } else {
          throw gcsError(400, "invalid", `Invalid uploadType "${uploadType}". Use resumable, multipart or media.`);
        }
        return created(await store.commit(bucket, name, await writer.finish(), meta, ifGenerationMatch), context);
      } catch (error) {
        req.resume();
        await writer.abort();
        throw error;
      }
    }),
    googleRoute("PUT", UPLOAD, async (context) => {
      const session = sessions.get(uploadId(context));
      const outcome = await sessions.put(session, context.req);
      if (!outcome.done) {
        return { status: 308, headers: outcome.received > 0 ? { range: `bytes=0-${outcome.received - 1}` } : {}, body: "" };
      }
      if (outcome.created) return created(outcome.object, context);
      return { status: 200, json: objectResource(outcome.object, apiBase(context)) };
    }),
    googleRoute("DELETE", UPLOAD, async (context) => {
      await sessions.cancel(uploadId(context));
      return { status: 499, body: "" };
    }),
  ];
}

function uploadId(context: RequestContext): string {
  const id = context.url.searchParams.get("upload_id");
  if (!id) throw gcsError(400, "invalid", "Missing upload_id. PUT the bytes to the Location the upload's POST returned.");
  return id;
}

function objectName(url: URL, metadata: Record<string, unknown>): string {
  const name = url.searchParams.get("name") ?? metadata.name;
  if (typeof name !== "string" || name === "") throw gcsError(400, "required", "Required parameter: name. Give the object name in ?name= or in the metadata.");
  return name;
}

function objectMetadata(metadata: Record<string, unknown>, fallbackType: string | undefined): ObjectMetadata {
  const meta: ObjectMetadata = {};
  const contentType = typeof metadata.contentType === "string" ? metadata.contentType : fallbackType;
  if (contentType) meta.contentType = contentType;
  if (typeof metadata.metadata === "object" && metadata.metadata !== null) {
    meta.metadata = Object.fromEntries(Object.entries(metadata.metadata).map(([key, value]) => [key, String(value)]));
  }
  return meta;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function optionalNumber(text: string | undefined): number | undefined {
  const value = Number(text);
  return text !== undefined && text !== "" && Number.isInteger(value) && value >= 0 ? value : undefined;
}
