/**
 * Resumable upload sessions (spec §4.2): POST initiates and answers with an absolute
 * `Location`; each PUT appends bytes. A PUT ends the upload when its Content-Range says so
 * (`bytes 0-*\/*` single-stream, or the last byte of a known total); other chunks get 308
 * with `Range: bytes=0-N`. `bytes *\/*` asks where the upload stands.
 */
import { rm } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { randomHex } from "../random.js";
import type { ObjectWriter } from "./object-writer.js";
import { gcsError, type GcsStore, type ObjectMetadata, type StoredObject } from "./store.js";

export interface UploadSession {
  id: string;
  bucket: string;
  name: string;
  meta: ObjectMetadata;
  ifGenerationMatch: string | null;
  writer: ObjectWriter;
  /** Declared by X-Upload-Content-Length, when the client knows it. */
  total?: number;
  /** Set once the object is committed; later PUTs just get it back. */
  object?: StoredObject;
}

/** A PUT's outcome: the finished object, or how many bytes the server holds so far. */
export type PutOutcome = { done: true; object: StoredObject; created: boolean } | { done: false; received: number };

export class ResumableSessions {
  private readonly sessions = new Map<string, UploadSession>();

  constructor(private readonly store: GcsStore) {}

  open(fields: Omit<UploadSession, "id" | "writer">): UploadSession {
    const session: UploadSession = { ...fields, id: `up${randomHex(12)}`, writer: this.store.newWriter() };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string): UploadSession {
    const session = this.sessions.get(id);
    if (!session) throw gcsError(404, "notFound", `No resumable upload session ${id}. Start a new upload.`);
    return session;
  }

  async cancel(id: string): Promise<void> {
    const session = this.get(id);
    this.sessions.delete(id);
    if (!session.object) await session.writer.abort();
  }

  /** Appends one PUT's body and commits the object when the upload is complete. */
  async put(session: UploadSession, req: IncomingMessage): Promise<PutOutcome> {
    if (session.object) {
      req.resume();
      return { done: true, object: session.object, created: false };
    }
    const range = parseContentRange(req.headers["content-range"], session.writer.size);
    if (range.start > session.writer.size) {
      req.resume();
      throw gcsError(400, "invalid", `Content-Range starts at byte ${range.start} but the session holds ${session.writer.size} bytes. Resume from byte ${session.writer.size}.`);
    }
    if (range.query) req.resume();
    else await session.writer.writeAll(req as AsyncIterable<Buffer>, session.writer.size - range.start);
    const total = range.total ?? session.total;
    const received = session.writer.size;
    const finished = range.openEnded || (total !== undefined && received >= total);
    if (!finished) return { done: false, received };
    if (total !== undefined && received !== total) {
      throw gcsError(400, "invalid", `The upload declared ${total} bytes but ${received} arrived. Start the upload again.`);
    }
    const bytes = await session.writer.finish();
    try {
      checkHashes(req.headers["x-goog-hash"], bytes.crc32c, bytes.md5Hash);
      session.object = await this.store.commit(session.bucket, session.name, bytes, session.meta, session.ifGenerationMatch);
    } catch (error) {
      // The session cannot go on: its bytes are final but unusable.
      this.sessions.delete(session.id);
      await rm(bytes.path, { force: true });
      throw error;
    }
    return { done: true, object: session.object, created: true };
  }
}

interface ContentRange {
  start: number;
  /** `bytes A-*\/T`: the body runs to the end of the object. */
  openEnded: boolean;
  total?: number;
  /** `bytes *\/T`: a status query without data. */
  query: boolean;
}

function parseContentRange(header: string | undefined, received: number): ContentRange {
  if (header === undefined || header === "") return { start: received, openEnded: true, query: false };
  const match = /^bytes\s+(?:(\*)|(\d+)-(\d+|\*|-1))\/(\*|\d+)$/.exec(header.trim());
  if (!match) throw gcsError(400, "invalid", `Invalid Content-Range "${header}". Use "bytes A-B/T", "bytes A-*/*" or "bytes */T".`);
  const total = match[4] === "*" ? undefined : Number(match[4]);
  if (match[1]) return { start: received, openEnded: false, total, query: true };
  return { start: Number(match[2]), openEnded: match[3] === "*", total, query: false };
}

/** Checks `x-goog-hash: crc32c=…,md5=…` when the client sent it, as GCS does. */
function checkHashes(header: string | string[] | undefined, crc32c: string, md5Hash: string): void {
  if (typeof header !== "string") return;
  for (const pair of header.split(",")) {
    const at = pair.indexOf("=");
    const [kind, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
    const actual = kind === "crc32c" ? crc32c : kind === "md5" ? md5Hash : undefined;
    if (actual !== undefined && value !== actual) {
      throw gcsError(400, "invalid", `Provided ${kind.toUpperCase()} "${value}" doesn't match calculated ${kind.toUpperCase()} "${actual}".`);
    }
  }
}
