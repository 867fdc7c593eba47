/**
 * Gemini Files API objects: metadata in memory, bytes on disk under `<dataDir>/files/<id>`.
 * Files expire 48 h after upload (emulator clock), as on the real service. A missing or
 * expired file is a 403 PERMISSION_DENIED, which is what the real API answers.
 */
import { rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Clock } from "../clock.js";
import { RequestError } from "../http.js";
import { randomHex } from "../random.js";
import { storeDirs, type StoreDirs } from "../store-dirs.js";

/** Uploaded and generated files live 48 hours. */
export const FILE_LIFETIME_MS = 48 * 60 * 60 * 1000;

export interface GeminiFile {
  /** `abc123` in `files/abc123`; `[a-z0-9-]` only, as the SDK expects. */
  id: string;
  displayName?: string;
  mimeType: string;
  sizeBytes: number;
  createdMs: number;
  sha256Hash: string;
  source: "UPLOADED" | "GENERATED";
  path: string;
  ordinal: number;
}

export class GeminiFileStore {
  private readonly files = new Map<string, GeminiFile>();
  private ordinal = 0;
  readonly uploadDir: string;
  private readonly fileDir: string;

  private constructor(dirs: StoreDirs, private readonly clock: Clock) {
    this.uploadDir = dirs.uploadDir;
    this.fileDir = dirs.fileDir;
  }

  static async create(directory: string, clock: Clock): Promise<GeminiFileStore> {
    return new GeminiFileStore(await storeDirs(directory), clock);
  }

  /** A fresh id (or the one given) and the path its bytes go to. */
  reserve(id = randomHex(6)): { id: string; path: string } {
    return { id, path: join(this.fileDir, id) };
  }

  /** Registers bytes at `file.path` (moved into place when they sit elsewhere). */
  async add(file: Omit<GeminiFile, "createdMs" | "ordinal" | "path"> & { path: string }): Promise<GeminiFile> {
    const target = join(this.fileDir, file.id);
    if (file.path !== target) await rename(file.path, target);
    const stored: GeminiFile = { ...file, path: target, createdMs: this.clock.now(), ordinal: ++this.ordinal };
    this.files.set(stored.id, stored);
    return stored;
  }

  /** The file for `files/ID`, `ID` or a `…/files/ID` URI, or undefined (also once expired). */
  find(name: string): GeminiFile | undefined {
    const id = fileId(name);
    const file = id === undefined ? undefined : this.files.get(id);
    if (!file) return undefined;
    if (this.clock.now() >= file.createdMs + FILE_LIFETIME_MS) {
      this.files.delete(file.id);
      void rm(file.path, { force: true });
      return undefined;
    }
    return file;
  }

  /** The file, or the 403 the real API gives for missing files. */
  get(name: string): GeminiFile {
    const file = this.find(name);
    if (!file) throw new RequestError(403, `You do not have permission to access the File ${fileId(name) ?? name} or it may not exist.`, null, null, "PERMISSION_DENIED");
    return file;
  }

  async delete(name: string): Promise<void> {
    const file = this.get(name);
    this.files.delete(file.id);
    await rm(file.path, { force: true });
  }

  /** Newest first; the page token is the ordinal of the last file shown. */
  page(pageSize: number, pageToken: string | null): { files: GeminiFile[]; nextPageToken?: string } {
    const after = pageToken ? Number(Buffer.from(pageToken, "base64url").toString("utf8")) : Number.POSITIVE_INFINITY;
    if (Number.isNaN(after)) throw new RequestError(400, `Invalid page token "${pageToken}". Pass the nextPageToken of the previous page unchanged.`);
    const files = [...this.files.keys()]
      .map((id) => this.find(id))
      .filter((file): file is GeminiFile => file !== undefined && file.ordinal < after)
      .sort((left, right) => right.ordinal - left.ordinal);
    const shown = files.slice(0, pageSize);
    if (files.length <= pageSize) return { files: shown };
    return { files: shown, nextPageToken: Buffer.from(String(shown[shown.length - 1].ordinal)).toString("base64url") };
  }

  /** Size of the file a `fileData.fileUri` names, if it is one of these files. */
  sizeOf(uri: string): number | undefined {
    return /(?:^|\/)files\/[a-z0-9-]+$/.test(uri) ? this.find(uri)?.sizeBytes : undefined;
  }
}

/** The wire `File` resource (spec §2.2); `base` is e.g. `http://127.0.0.1:4000/gemini/v1beta`. */
export function fileResource(file: GeminiFile, base: string): Record<string, unknown> {
  const created = new Date(file.createdMs).toISOString();
  const resource: Record<string, unknown> = {
    name: `files/${file.id}`,
    mimeType: file.mimeType,
    sizeBytes: String(file.sizeBytes),
    createTime: created,
    updateTime: created,
    expirationTime: new Date(file.createdMs + FILE_LIFETIME_MS).toISOString(),
    sha256Hash: file.sha256Hash,
    uri: `${base}/files/${file.id}`,
    state: "ACTIVE",
    source: file.source,
  };
  if (file.displayName) resource.displayName = file.displayName;
  return resource;
}

function fileId(name: string): string | undefined {
  const match = /(?:^|\/)files\/([^/:?]+)$/.exec(name) ?? /^([a-z0-9-]+)$/.exec(name);
  return match?.[1];
}
