/**
 * Resumable uploads of the Gemini Files API (spec §2.2). `start` opens a session and the
 * reply's `x-goog-upload-url` points back at it; each `upload` chunk carries its byte
 * offset and raw bytes (whatever Content-Type says); `finalize` makes the file.
 */
import { createHash, type Hash } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { rm } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { RequestError } from "../http.js";
import { randomHex } from "../random.js";

/** The Files API's per-file limit. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024;

export interface UploadSession {
  id: string;
  fileId: string;
  displayName?: string;
  mimeType: string;
  /** From X-Goog-Upload-Header-Content-Length (or the body's sizeBytes), when given. */
  declaredBytes?: number;
  path: string;
  received: number;
  stream: WriteStream;
  sha256: Hash;
}

export class UploadSessions {
  private readonly sessions = new Map<string, UploadSession>();

  constructor(private readonly directory: string) {}

  open(fields: Pick<UploadSession, "fileId" | "displayName" | "mimeType" | "declaredBytes">): UploadSession {
    if (fields.declaredBytes !== undefined && fields.declaredBytes > MAX_FILE_BYTES) {
      throw new RequestError(400, `The file is ${fields.declaredBytes} bytes; the Files API accepts at most ${MAX_FILE_BYTES} bytes (2 GB).`);
    }
    const id = randomHex(10);
    const path = `${this.directory}/session-${id}`;
    const stream = createWriteStream(path);
    stream.on("error", () => undefined); // surfaced by write/end
    const session: UploadSession = { ...fields, id, path, received: 0, stream, sha256: createHash("sha256") };
    this.sessions.set(id, session);
    return session;
  }

  get(id: string | null): UploadSession {
    const session = id === null ? undefined : this.sessions.get(id);
    if (!session) throw new RequestError(404, `No upload session ${id ?? "(missing upload_id)"}. Start the upload again.`);
    return session;
  }

  /** Appends a chunk at `offset`; a resent chunk (offset below what arrived) only adds its new bytes. */
  async append(session: UploadSession, req: IncomingMessage, offset: number): Promise<void> {
    if (offset > session.received) {
      req.resume();
      throw new RequestError(400, `Upload offset ${offset} is past the ${session.received} bytes received so far. Resume from offset ${session.received}.`);
    }
    let skip = session.received - offset;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      const data = skip >= chunk.length ? undefined : chunk.subarray(skip);
      skip = Math.max(0, skip - chunk.length);
      if (!data || data.length === 0) continue;
      session.received += data.length;
      if (session.received > MAX_FILE_BYTES) throw new RequestError(400, `The file is larger than the Files API limit of ${MAX_FILE_BYTES} bytes (2 GB).`);
      session.sha256.update(data);
      if (session.stream.errored) throw session.stream.errored;
      if (!session.stream.write(data)) await once(session.stream, "drain");
    }
  }

  /** Ends the session; returns where the bytes are and their hash. */
  async finish(session: UploadSession): Promise<{ path: string; bytes: number; sha256Hash: string }> {
    this.sessions.delete(session.id);
    await new Promise<void>((resolve, reject) => session.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    if (session.declaredBytes !== undefined && session.declaredBytes !== session.received) {
      await rm(session.path, { force: true });
      throw new RequestError(400, `The upload declared ${session.declaredBytes} bytes but ${session.received} arrived. Upload the file again.`);
    }
    // Like the real API: base64 of the hex digest.
    return { path: session.path, bytes: session.received, sha256Hash: Buffer.from(session.sha256.digest("hex")).toString("base64") };
  }

  async cancel(session: UploadSession): Promise<void> {
    this.sessions.delete(session.id);
    session.stream.destroy();
    await rm(session.path, { force: true });
  }
}
