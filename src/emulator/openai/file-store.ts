/** OpenAI file objects: metadata in memory, bytes on disk under `<dataDir>/files/<id>`. */
import { rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { toSeconds, type Clock } from "../clock.js";
import { RequestError } from "../http.js";
import { randomHex } from "../random.js";
import { storeDirs, type StoreDirs } from "../store-dirs.js";

export const FILE_PURPOSES = ["assistants", "assistants_output", "batch", "batch_output", "fine-tune", "fine-tune-results", "vision", "user_data"];

/** Batch input and output files live 30 days unless told otherwise. */
const DEFAULT_EXPIRY_SECONDS = 30 * 24 * 60 * 60;

export interface StoredFile {
  id: string;
  bytes: number;
  createdMs: number;
  filename: string;
  purpose: string;
  /** Unix seconds, or null for files that do not expire. */
  expiresAt: number | null;
  path: string;
  ordinal: number;
}

export interface FileListQuery {
  purpose?: string;
  limit: number;
  order: "asc" | "desc";
  after?: string;
}

export class FileStore {
  private readonly files = new Map<string, StoredFile>();
  private ordinal = 0;
  readonly uploadDir: string;
  private readonly fileDir: string;

  private constructor(dirs: StoreDirs, private readonly clock: Clock) {
    this.uploadDir = dirs.uploadDir;
    this.fileDir = dirs.fileDir;
  }

  static async create(directory: string, clock: Clock): Promise<FileStore> {
    return new FileStore(await storeDirs(directory), clock);
  }

  /** A fresh id and the path its bytes go to, for files the emulator writes itself. */
  reserve(): { id: string; path: string } {
    const id = `file-${randomHex(12)}`;
    return { id, path: join(this.fileDir, id) };
  }

  /** Registers bytes already at `path` (moved in when they sit elsewhere, e.g. an upload). */
  async add(file: { id?: string; path: string; bytes: number; filename: string; purpose: string; expiresAfterSeconds?: number }): Promise<StoredFile> {
    const reserved = file.id ? { id: file.id, path: join(this.fileDir, file.id) } : this.reserve();
    if (file.path !== reserved.path) await rename(file.path, reserved.path);
    const createdMs = this.clock.now();
    const expiry = file.expiresAfterSeconds ?? (file.purpose.startsWith("batch") ? DEFAULT_EXPIRY_SECONDS : undefined);
    const stored: StoredFile = {
      id: reserved.id,
      bytes: file.bytes,
      createdMs,
      filename: file.filename,
      purpose: file.purpose,
      expiresAt: expiry === undefined ? null : toSeconds(createdMs) + expiry,
      path: reserved.path,
      ordinal: ++this.ordinal,
    };
    this.files.set(stored.id, stored);
    return stored;
  }

  /** The file, or a 404 in OpenAI's words. */
  get(id: string, param: string | null = null): StoredFile {
    const file = this.files.get(id);
    if (!file) throw new RequestError(404, `No such File object: ${id}`, param);
    return file;
  }

  async delete(id: string): Promise<void> {
    const file = this.get(id);
    this.files.delete(id);
    await rm(file.path, { force: true });
  }

  list(query: FileListQuery): { data: StoredFile[]; hasMore: boolean } {
    let files = [...this.files.values()].filter((file) => !query.purpose || file.purpose === query.purpose);
    files.sort((left, right) => (query.order === "asc" ? left.ordinal - right.ordinal : right.ordinal - left.ordinal));
    if (query.after) {
      const index = files.findIndex((file) => file.id === query.after);
      if (index < 0) throw new RequestError(400, `Invalid 'after': no file with id ${query.after}. Pass the id of the last file of the previous page.`, "after");
      files = files.slice(index + 1);
    }
    return { data: files.slice(0, query.limit), hasMore: files.length > query.limit };
  }
}

/** The wire file object (spec §1.2). */
export function fileObject(file: StoredFile): Record<string, unknown> {
  return {
    id: file.id,
    object: "file",
    bytes: file.bytes,
    created_at: toSeconds(file.createdMs),
    filename: file.filename,
    purpose: file.purpose,
    status: "processed",
    expires_at: file.expiresAt,
    status_details: null,
  };
}
