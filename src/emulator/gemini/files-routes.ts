/**
 * Files API routes (spec §2.2): resumable upload under `/upload/{v}/files`, then get, list,
 * delete and `files/{id}:download?alt=media` under `/{v}/files`. Both `v1` and `v1beta`.
 */
import { createReadStream } from "node:fs";
import { readGoogleJson, pageSizeParam } from "../google/body.js";
import { googleRoute, originOf, type GoogleRoute } from "../google/router.js";
import { RequestError } from "../http.js";
import type { Reply, RequestContext, SurfaceStats } from "../surface.js";
import { fileResource, type GeminiFileStore } from "./file-store.js";
import { UploadSessions } from "./upload-sessions.js";

const VERSION = "(?<version>v1|v1beta)";

export function fileRoutes(files: GeminiFileStore, stats: SurfaceStats, prefix: string): GoogleRoute[] {
  const sessions = new UploadSessions(files.uploadDir);
  const base = (context: RequestContext, version: string): string => `${originOf(context)}${prefix}/${version}`;

  return [
    googleRoute("POST", new RegExp(`^/upload/${VERSION}/files/?$`), async (context, { version }): Promise<Reply> => {
      const { req, url } = context;
      const command = String(req.headers["x-goog-upload-command"] ?? "").toLowerCase();
      if (command === "start") {
        const { file = {} } = (await readGoogleJson(req)) as { file?: Record<string, unknown> };
        const declared = numberHeader(req.headers["x-goog-upload-header-content-length"]) ?? optionalNumber(file.sizeBytes);
        const session = sessions.open({
          fileId: requestedId(file.name, files),
          displayName: typeof file.displayName === "string" ? file.displayName : undefined,
          mimeType: stringOr(file.mimeType, stringOr(req.headers["x-goog-upload-header-content-type"], "application/octet-stream")),
          declaredBytes: declared,
        });
        const uploadUrl = `${originOf(context)}${prefix}/upload/${version}/files?upload_id=${session.id}&upload_protocol=resumable`;
        return { status: 200, headers: { "x-goog-upload-url": uploadUrl, "x-goog-upload-status": "active", "x-goog-upload-chunk-granularity": "8388608" }, json: {} };
      }
      const session = sessions.get(url.searchParams.get("upload_id"));
      if (command.includes("cancel")) {
        req.resume();
        await sessions.cancel(session);
        return { status: 200, headers: { "x-goog-upload-status": "cancelled" }, body: "" };
      }
      if (command === "query") {
        req.resume();
        return { status: 200, headers: { "x-goog-upload-status": "active", "x-goog-upload-size-received": String(session.received) }, body: "" };
      }
      if (command.includes("upload")) await sessions.append(session, req, numberHeader(req.headers["x-goog-upload-offset"]) ?? session.received);
      else req.resume();
      if (!command.includes("finalize")) return { status: 200, headers: { "x-goog-upload-status": "active" }, body: "" };
      const bytes = await sessions.finish(session);
      const stored = await files.add({
        id: session.fileId,
        displayName: session.displayName,
        mimeType: session.mimeType,
        sizeBytes: bytes.bytes,
        sha256Hash: bytes.sha256Hash,
        source: "UPLOADED",
        path: bytes.path,
      });
      stats.files_uploaded++;
      return { status: 200, headers: { "x-goog-upload-status": "final" }, json: { file: fileResource(stored, base(context, version)) } };
    }),
    googleRoute("GET", new RegExp(`^/${VERSION}/files/?$`), async (context, { version }) => {
      const page = files.page(pageSizeParam(context.url, "pageSize", 10, 100), context.url.searchParams.get("pageToken"));
      const json: Record<string, unknown> = { files: page.files.map((file) => fileResource(file, base(context, version))) };
      if (page.nextPageToken) json.nextPageToken = page.nextPageToken;
      return { status: 200, json };
    }),
    googleRoute("GET", new RegExp(`^/${VERSION}/files/(?<id>[^/:]+):download$`), async (_, { id }) => {
      const file = files.get(id);
      return { status: 200, headers: { "content-type": file.mimeType, "content-length": String(file.sizeBytes) }, body: createReadStream(file.path) };
    }),
    googleRoute("GET", new RegExp(`^/${VERSION}/files/(?<id>[^/:]+)$`), async (context, { version, id }) => ({
      status: 200,
      json: fileResource(files.get(id), base(context, version)),
    })),
    googleRoute("DELETE", new RegExp(`^/${VERSION}/files/(?<id>[^/:]+)$`), async ({ req }, { id }) => {
      req.resume();
      await files.delete(id);
      return { status: 200, json: {} };
    }),
  ];
}

/** `files/my-id` when the client names the file; a random id otherwise. */
function requestedId(name: unknown, files: GeminiFileStore): string {
  if (name === undefined || name === null || name === "") return files.reserve().id;
  const match = typeof name === "string" ? /^(?:files\/)?([a-z0-9-]{1,40})$/.exec(name) : null;
  if (!match || match[1].startsWith("-") || match[1].endsWith("-")) {
    throw new RequestError(400, `Invalid file name ${JSON.stringify(name)}: use files/ followed by 1-40 lowercase letters, digits or dashes (not at the ends).`);
  }
  if (files.find(match[1])) throw new RequestError(409, `File files/${match[1]} already exists.`, null, null, "ALREADY_EXISTS");
  return match[1];
}

function numberHeader(value: string | string[] | undefined): number | undefined {
  return optionalNumber(Array.isArray(value) ? value[0] : value);
}

function optionalNumber(value: unknown): number | undefined {
  const number = Number(value);
  return value !== undefined && value !== null && value !== "" && Number.isInteger(number) && number >= 0 ? number : undefined;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === "string" && value !== "" ? value : fallback;
}
