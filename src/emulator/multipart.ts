/**
 * A streaming `multipart/form-data` parser: file parts go straight to disk (with
 * backpressure), small fields are kept as strings. Works on chunked and sized bodies.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { once } from "node:events";
import { join } from "node:path";
import { RequestError } from "./http.js";
import { randomHex } from "./random.js";

export interface MultipartFile {
  /** Form field name, e.g. "file". */
  field: string;
  filename: string;
  contentType?: string;
  /** Where the bytes were written. The caller owns (moves or deletes) it. */
  path: string;
  bytes: number;
}

export interface MultipartResult {
  fields: Record<string, string>;
  files: MultipartFile[];
}

export interface MultipartOptions {
  /** Folder for the uploaded files. */
  directory: string;
  /** Largest file part accepted. */
  maxFileBytes: number;
}

const MAX_FIELD_BYTES = 1024 * 1024;
const MAX_HEADER_BYTES = 16 * 1024;

type State = "preamble" | "boundary-end" | "headers" | "body" | "done";

interface OpenPart {
  name: string;
  file?: MultipartFile & { stream: WriteStream };
  chunks: Buffer[];
  bytes: number;
}

export async function parseMultipart(req: IncomingMessage, options: MultipartOptions): Promise<MultipartResult> {
  const boundary = boundaryOf(req.headers["content-type"]);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const result: MultipartResult = { fields: {}, files: [] };
  // A leading CRLF lets the first boundary match the same delimiter as the others.
  let buffer: Buffer = Buffer.from("\r\n");
  let state = "preamble" as State; // changed inside closures, so no narrowing
  let part: OpenPart | undefined;

  const write = async (data: Buffer): Promise<void> => {
    if (!part || data.length === 0) return;
    part.bytes += data.length;
    if (part.file) {
      if (part.bytes > options.maxFileBytes) throw new RequestError(413, `File "${part.file.filename}" is larger than the ${options.maxFileBytes}-byte upload limit.`, "file");
      const stream = part.file.stream;
      if (stream.errored) throw stream.errored;
      if (!stream.write(data)) await once(stream, "drain"); // rejects if the stream errors
    } else {
      if (part.bytes > MAX_FIELD_BYTES) throw new RequestError(413, `Form field "${part.name}" is larger than ${MAX_FIELD_BYTES} bytes.`, part.name);
      part.chunks.push(data);
    }
  };

  const closePart = async (): Promise<void> => {
    if (!part) return;
    if (part.file) {
      const { stream, ...file } = part.file;
      await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
      result.files.push({ ...file, bytes: part.bytes });
    } else {
      result.fields[part.name] = Buffer.concat(part.chunks).toString("utf8");
    }
    part = undefined;
  };

  const advance = async (): Promise<void> => {
    for (;;) {
      if (state === "preamble" || state === "body") {
        const at = buffer.indexOf(delimiter);
        if (at < 0) {
          // Keep a tail that could be the start of a delimiter split across chunks.
          const safe = buffer.length - delimiter.length + 1;
          if (safe > 0) {
            if (state === "body") await write(buffer.subarray(0, safe));
            buffer = buffer.subarray(safe);
          }
          return;
        }
        if (state === "body") {
          await write(buffer.subarray(0, at));
          await closePart();
        }
        buffer = buffer.subarray(at + delimiter.length);
        state = "boundary-end";
      } else if (state === "boundary-end") {
        if (buffer.length < 2) return;
        if (buffer[0] === 0x2d && buffer[1] === 0x2d) {
          state = "done";
          return;
        }
        const lineEnd = buffer.indexOf("\r\n");
        if (lineEnd < 0) return;
        buffer = buffer.subarray(lineEnd + 2);
        state = "headers";
      } else if (state === "headers") {
        const end = buffer.subarray(0, 2).toString() === "\r\n" ? 0 : buffer.indexOf("\r\n\r\n");
        if (end < 0) {
          if (buffer.length > MAX_HEADER_BYTES) throw new RequestError(400, "A multipart part has over 16 KB of headers.");
          return;
        }
        part = openPart(buffer.subarray(0, end).toString("utf8"), options.directory);
        buffer = buffer.subarray(end === 0 ? 2 : end + 4);
        state = "body";
      } else {
        return;
      }
    }
  };

  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      if (state === "done") continue; // epilogue: ignore
      buffer = buffer.length > 0 ? Buffer.concat([buffer, chunk]) : chunk;
      await advance();
    }
    if (state !== "done") throw new RequestError(400, "The multipart body ended before its closing boundary. Send a complete multipart/form-data body.");
    return result;
  } catch (error) {
    part?.file?.stream.destroy();
    const paths = [...result.files.map((file) => file.path), ...(part?.file ? [part.file.path] : [])];
    await Promise.all(paths.map((path) => rm(path, { force: true })));
    throw error;
  }
}

function boundaryOf(contentType: string | undefined): string {
  const match = /^multipart\/form-data\s*;.*?boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
  if (!match) throw new RequestError(400, `Expected a multipart/form-data body with a boundary, got content-type "${contentType ?? "(none)"}".`);
  return match[1] ?? match[2];
}

function openPart(headerText: string, directory: string): OpenPart {
  const headers = new Map<string, string>();
  for (const line of headerText.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get("content-disposition") ?? "";
  const name = /(?:^|;)\s*name="([^"]*)"/i.exec(disposition)?.[1];
  if (name === undefined) throw new RequestError(400, "A multipart part has no Content-Disposition name.");
  const filename = /(?:^|;)\s*filename="([^"]*)"/i.exec(disposition)?.[1];
  if (filename === undefined) return { name, chunks: [], bytes: 0 };
  const path = join(directory, `upload-${randomHex(8)}`);
  const stream = createWriteStream(path);
  // Errors surface through write/end; this listener only keeps them from crashing the process.
  stream.on("error", () => undefined);
  const file = { field: name, filename, contentType: headers.get("content-type"), path, bytes: 0, stream };
  return { name, file, chunks: [], bytes: 0 };
}
