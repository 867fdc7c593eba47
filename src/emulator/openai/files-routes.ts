/** `/files` endpoints (spec §1.2): upload (streamed to disk), retrieve, content, delete, list. */
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import { RequestError, route, type Route } from "../http.js";
import { parseMultipart } from "../multipart.js";
import type { SurfaceStats } from "../surface.js";
import { FILE_PURPOSES, fileObject, type FileStore } from "./file-store.js";
import { listPage, pageQuery } from "./pagination.js";

/** OpenAI's per-file upload limit. */
const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

export function fileRoutes(files: FileStore, stats: SurfaceStats): Route[] {
  return [
    route("POST", "/files", async ({ req }) => {
      const form = await parseMultipart(req, { directory: files.uploadDir, maxFileBytes: MAX_UPLOAD_BYTES });
      const upload = form.files.find((file) => file.field === "file");
      // Only one file part is kept; anything else is removed right away.
      await Promise.all(form.files.filter((file) => file !== upload).map((file) => rm(file.path, { force: true })));
      try {
        const purpose = checkPurpose(form.fields.purpose);
        if (!upload) throw new RequestError(400, "Missing required parameter: 'file'. Send the file as the multipart part named \"file\".", "file");
        if (purpose === "batch" && !upload.filename.endsWith(".jsonl")) {
          throw new RequestError(400, `Invalid file format for Batch API. Must be .jsonl (got "${upload.filename}").`, "file");
        }
        const stored = await files.add({ ...upload, purpose, expiresAfterSeconds: expiresAfter(form.fields) });
        stats.files_uploaded++;
        return { status: 200, json: fileObject(stored) };
      } catch (error) {
        if (upload) await rm(upload.path, { force: true });
        throw error;
      }
    }),
    route("GET", "/files", async ({ url }) => {
      const query = pageQuery(url, 10_000);
      const order = url.searchParams.get("order") ?? "desc";
      if (order !== "asc" && order !== "desc") throw new RequestError(400, `Invalid 'order': "${order}". Use asc or desc.`, "order");
      const purpose = url.searchParams.get("purpose") ?? undefined;
      const page = files.list({ ...query, order, purpose });
      return { status: 200, json: listPage(page.data.map(fileObject), page.hasMore) };
    }),
    route("GET", "/files/:id", async (_, params) => ({ status: 200, json: fileObject(files.get(params.id)) })),
    route("GET", "/files/:id/content", async (_, params) => {
      const file = files.get(params.id);
      return {
        status: 200,
        headers: { "content-type": "application/octet-stream", "content-length": String(file.bytes) },
        body: createReadStream(file.path),
      };
    }),
    route("DELETE", "/files/:id", async (_, params) => {
      await files.delete(params.id);
      return { status: 200, json: { id: params.id, object: "file", deleted: true } };
    }),
  ];
}

function checkPurpose(purpose: string | undefined): string {
  if (purpose === undefined) throw new RequestError(400, "Missing required parameter: 'purpose'. Use purpose \"batch\" for batch input files.", "purpose");
  if (!FILE_PURPOSES.includes(purpose)) {
    throw new RequestError(400, `Invalid value for 'purpose': "${purpose}". Use one of ${FILE_PURPOSES.join(", ")}.`, "purpose");
  }
  return purpose;
}

/** `expires_after[anchor]=created_at` and `expires_after[seconds]=N`, in bracket notation. */
function expiresAfter(fields: Record<string, string>): number | undefined {
  const anchor = fields["expires_after[anchor]"];
  const seconds = fields["expires_after[seconds]"];
  if (anchor === undefined && seconds === undefined) return undefined;
  if (anchor !== "created_at") throw new RequestError(400, `Invalid 'expires_after[anchor]': "${anchor}". Use created_at.`, "expires_after.anchor");
  const value = Number(seconds);
  if (!Number.isInteger(value) || value < 3600 || value > 2_592_000) {
    throw new RequestError(400, `Invalid 'expires_after[seconds]': "${seconds}". Use whole seconds from 3600 to 2592000.`, "expires_after.seconds");
  }
  return value;
}
