/**
 * Streams a `multipart/related` upload (GCS `uploadType=multipart`): part 1 is the JSON
 * metadata (kept in memory), part 2 the media (streamed into an ObjectWriter, so a big
 * object never sits in memory). Chunked and sized bodies both work.
 */
import type { IncomingMessage } from "node:http";
import { gcsError } from "./store.js";
import type { ObjectWriter } from "./object-writer.js";

const MAX_METADATA_BYTES = 1024 * 1024;
const MAX_HEADER_BYTES = 16 * 1024;

export interface RelatedUpload {
  metadata: Record<string, unknown>;
  /** Content-Type of the media part. */
  mediaType?: string;
}

export async function readRelatedUpload(req: IncomingMessage, media: ObjectWriter): Promise<RelatedUpload> {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(req.headers["content-type"] ?? "");
  if (!boundary) throw gcsError(400, "invalid", `Expected a multipart/related body with a boundary, got content-type "${req.headers["content-type"] ?? "(none)"}".`);
  const delimiter = Buffer.from(`\r\n--${boundary[1] ?? boundary[2]}`);
  let buffer: Buffer = Buffer.from("\r\n"); // lets the first boundary match like the others
  let state: "preamble" | "after-boundary" | "headers" | "body" | "done" = "preamble";
  let partIndex = -1;
  const metadataChunks: Buffer[] = [];
  let metadataBytes = 0;
  let mediaType: string | undefined;

  const emit = async (data: Buffer): Promise<void> => {
    if (data.length === 0) return;
    if (partIndex === 0) {
      metadataBytes += data.length;
      if (metadataBytes > MAX_METADATA_BYTES) throw gcsError(400, "invalid", "The metadata part of the multipart upload is larger than 1 MB.");
      metadataChunks.push(data);
    } else if (partIndex === 1) {
      await media.write(data);
    }
  };

  for await (const chunk of req as AsyncIterable<Buffer>) {
    if (state === "done") continue; // epilogue
    buffer = buffer.length > 0 ? Buffer.concat([buffer, chunk]) : chunk;
    for (;;) {
      if (state === "preamble" || state === "body") {
        const at = buffer.indexOf(delimiter);
        if (at < 0) {
          const safe = buffer.length - delimiter.length + 1; // keep a possible partial delimiter
          if (safe > 0) {
            if (state === "body") await emit(buffer.subarray(0, safe));
            buffer = buffer.subarray(safe);
          }
          break;
        }
        if (state === "body") await emit(buffer.subarray(0, at));
        buffer = buffer.subarray(at + delimiter.length);
        state = "after-boundary";
      } else if (state === "after-boundary") {
        if (buffer.length < 2) break;
        if (buffer[0] === 0x2d && buffer[1] === 0x2d) {
          state = "done";
          break;
        }
        const lineEnd = buffer.indexOf("\r\n");
        if (lineEnd < 0) break;
        buffer = buffer.subarray(lineEnd + 2);
        state = "headers";
      } else if (state === "headers") {
        const end = buffer.subarray(0, 2).toString() === "\r\n" ? 0 : buffer.indexOf("\r\n\r\n");
        if (end < 0) {
          if (buffer.length > MAX_HEADER_BYTES) throw gcsError(400, "invalid", "A multipart part has over 16 KB of headers.");
          break;
        }
        partIndex++;
        if (partIndex === 1) mediaType = /^content-type:\s*(.+)$/im.exec(buffer.subarray(0, end).toString("utf8"))?.[1]?.trim();
        buffer = buffer.subarray(end === 0 ? 2 : end + 4);
        state = "body";
      } else {
        break;
      }
    }
  }
  if (state !== "done" || partIndex < 1) {
    throw gcsError(400, "invalid", "The multipart/related body must have a JSON metadata part and a media part, and end with its closing boundary.");
  }
  return { metadata: parseMetadata(Buffer.concat(metadataChunks).toString("utf8")), mediaType };
}

function parseMetadata(text: string): Record<string, unknown> {
  if (text.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw gcsError(400, "parseError", "The metadata part of the multipart upload is not a JSON object.");
}
