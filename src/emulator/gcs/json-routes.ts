/**
 * The Cloud Storage JSON API (spec §4.2): buckets insert/get/list/delete; objects list,
 * get (metadata, or bytes with `alt=media` and `Range`), delete. Served under both
 * `/storage/v1/b/...` and bare `/b/...` (what STORAGE_EMULATOR_HOST produces), plus
 * `/download/storage/v1/...` (the objects' `mediaLink`).
 */
import { googleRoute, type GoogleRoute } from "../google/router.js";
import type { Reply, RequestContext, SurfaceStats } from "../surface.js";
import { readGoogleJsonObject } from "./body.js";
import { gcsError, type GcsStore, type StoredObject } from "./store.js";
import { bucketResource, objectResource } from "./wire.js";

const BUCKETS = /^(?:\/storage\/v1)?\/b\/?$/;
const BUCKET = /^(?:\/storage\/v1)?\/b\/(?<bucket>[^/]+)\/?$/;
const OBJECTS = /^(?:\/storage\/v1)?\/b\/(?<bucket>[^/]+)\/o\/?$/;
const OBJECT = /^(?:\/storage\/v1)?\/b\/(?<bucket>[^/]+)\/o\/(?<object>.+)$/;
const DOWNLOAD = /^\/download\/storage\/v1\/b\/(?<bucket>[^/]+)\/o\/(?<object>.+)$/;

/** GCS's default and largest page. */
const MAX_RESULTS = 1000;

export function jsonRoutes(store: GcsStore, stats: SurfaceStats, apiBase: (context: RequestContext) => string): GoogleRoute[] {
  return [
    googleRoute("POST", BUCKETS, async (context) => {
      const body = await readGoogleJsonObject(context.req);
      if (typeof body.name !== "string") throw gcsError(400, "required", 'Required: bucket name. Send {"name": "<bucket>"}.');
      const bucket = store.createBucket(body.name, context.url.searchParams.get("project") ?? "emulator");
      stats.buckets_created++;
      return { status: 200, json: bucketResource(bucket, apiBase(context)) };
    }),
    googleRoute("GET", BUCKETS, async (context) => ({
      status: 200,
      json: { kind: "storage#buckets", items: store.listBuckets().map((bucket) => bucketResource(bucket, apiBase(context))) },
    })),
    googleRoute("GET", BUCKET, async (context, { bucket }) => ({ status: 200, json: bucketResource(store.bucket(bucket), apiBase(context)) })),
    googleRoute("DELETE", BUCKET, async (_, { bucket }) => {
      store.deleteBucket(bucket);
      return { status: 204, body: "" };
    }),
    googleRoute("GET", OBJECTS, async (context, { bucket }) => {
      const query = context.url.searchParams;
      const maxResults = Number(query.get("maxResults") ?? MAX_RESULTS);
      const page = store.list(bucket, {
        prefix: query.get("prefix") ?? undefined,
        delimiter: query.get("delimiter") ?? undefined,
        startOffset: query.get("startOffset") ?? undefined,
        endOffset: query.get("endOffset") ?? undefined,
        maxResults: Number.isInteger(maxResults) && maxResults > 0 ? Math.min(maxResults, MAX_RESULTS) : MAX_RESULTS,
        pageToken: query.get("pageToken") || undefined,
      });
      const json: Record<string, unknown> = { kind: "storage#objects" };
      if (page.prefixes.length > 0) json.prefixes = page.prefixes;
      if (page.items.length > 0) json.items = page.items.map((object) => objectResource(object, apiBase(context)));
      if (page.nextPageToken) json.nextPageToken = page.nextPageToken;
      return { status: 200, json };
    }),
    googleRoute("GET", OBJECT, async (context, params) => {
      const object = current(store, params, context.url);
      if (context.url.searchParams.get("alt") === "media") return download(store, object, context);
      return { status: 200, json: objectResource(object, apiBase(context)) };
    }),
    googleRoute("GET", DOWNLOAD, async (context, params) => download(store, current(store, params, context.url), context)),
    googleRoute("DELETE", OBJECT, async (context, { bucket, object }) => {
      await store.delete(bucket, object, context.url.searchParams.get("ifGenerationMatch"));
      return { status: 204, body: "" };
    }),
  ];
}

/** The object, checking `?generation=` when given (only the live generation is kept). */
function current(store: GcsStore, params: Record<string, string>, url: URL): StoredObject {
  const object = store.get(params.bucket, params.object);
  const generation = url.searchParams.get("generation");
  if (generation && generation !== object.generation) throw gcsError(404, "notFound", `No such object: ${params.bucket}/${params.object}#${generation}`);
  return object;
}

/** The bytes, whole (with `x-goog-hash`, so the SDK validates them) or a `Range`. */
function download(store: GcsStore, object: StoredObject, context: RequestContext): Reply {
  const headers: Record<string, string> = {
    "content-type": object.contentType,
    "x-goog-generation": object.generation,
    "x-goog-metageneration": "1",
    "x-goog-stored-content-length": String(object.size),
    "x-goog-stored-content-encoding": "identity",
    "x-goog-storage-class": "STANDARD",
    "last-modified": new Date(object.createdMs).toUTCString(),
    "accept-ranges": "bytes",
  };
  const range = parseRange(context.req.headers.range, object.size);
  if (!range) {
    headers["x-goog-hash"] = `crc32c=${object.crc32c},md5=${object.md5Hash}`;
    headers["content-length"] = String(object.size);
    return { status: 200, headers, body: object.size === 0 ? "" : store.read(object) };
  }
  headers["content-range"] = `bytes ${range.start}-${range.end}/${object.size}`;
  headers["content-length"] = String(range.end - range.start + 1);
  return { status: 206, headers, body: store.read(object, range) };
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n`; undefined for none. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return undefined; // GCS ignores ranges it cannot read
  let start: number;
  let end: number;
  if (match[1] === "") {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || end < start) {
    if (size === 0) return undefined;
    throw gcsError(416, "requestedRangeNotSatisfiable", `The requested range ${header} cannot be satisfied for an object of ${size} bytes.`);
  }
  return { start, end };
}
