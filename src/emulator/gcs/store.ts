/**
 * The emulated Cloud Storage: buckets and objects, metadata in memory, bytes on disk
 * (`<dir>/objects/<random id>`). Besides the JSON API surface, other surfaces use it
 * directly: Vertex reads its `gs://` input here and writes its predictions back.
 */
import { createReadStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import type { Clock } from "../clock.js";
import { RequestError } from "../http.js";
import { randomHex } from "../random.js";
import { listObjects, type ListQuery, type ObjectPage } from "./listing.js";
import { ObjectWriter, type WrittenBytes } from "./object-writer.js";

export interface BucketRecord {
  name: string;
  project: string;
  createdMs: number;
}

export interface StoredObject {
  bucket: string;
  name: string;
  /** Unique per write of a name, as GCS generations are. */
  generation: string;
  contentType: string;
  size: number;
  crc32c: string;
  md5Hash: string;
  createdMs: number;
  /** Custom metadata given at upload. */
  metadata?: Record<string, string>;
  path: string;
}

/** What the uploader says about an object besides its bytes. */
export interface ObjectMetadata {
  contentType?: string;
  metadata?: Record<string, string>;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/;

export class GcsStore {
  private readonly buckets = new Map<string, { record: BucketRecord; objects: Map<string, StoredObject> }>();
  private lastGeneration = 0;
  private readonly tempDir: string;
  private readonly objectDir: string;

  private constructor(directory: string, private readonly clock: Clock) {
    this.tempDir = join(directory, "uploads");
    this.objectDir = join(directory, "objects");
  }

  /** A store in `directory`, with `buckets` already created. */
  static async create(directory: string, clock: Clock, buckets: string[] = []): Promise<GcsStore> {
    const store = new GcsStore(directory, clock);
    await mkdir(store.tempDir, { recursive: true });
    await mkdir(store.objectDir, { recursive: true });
    for (const name of buckets) store.createBucket(name, "emulator");
    return store;
  }

  createBucket(name: string, project: string): BucketRecord {
    if (!BUCKET_NAME.test(name)) throw gcsError(400, "invalid", `Invalid bucket name: '${name}'. Use 3-63 characters: lowercase letters, digits, dots, dashes and underscores.`);
    if (this.buckets.has(name)) throw gcsError(409, "conflict", "Your previous request to create the named bucket succeeded and you already own it.");
    const record = { name, project, createdMs: this.clock.now() };
    this.buckets.set(name, { record, objects: new Map() });
    return record;
  }

  bucket(name: string): BucketRecord {
    return this.entry(name).record;
  }

  hasBucket(name: string): boolean {
    return this.buckets.has(name);
  }

  listBuckets(): BucketRecord[] {
    return [...this.buckets.values()].map((entry) => entry.record).sort((left, right) => left.name.localeCompare(right.name));
  }

  deleteBucket(name: string): void {
    if (this.entry(name).objects.size > 0) throw gcsError(409, "conflict", `The bucket you tried to delete is not empty: ${name}. Delete its objects first.`);
    this.buckets.delete(name);
  }

  /** The object, or undefined (also when the bucket does not exist). */
  stat(bucket: string, name: string): StoredObject | undefined {
    return this.buckets.get(bucket)?.objects.get(name);
  }

  /** The object, or a 404 in Cloud Storage's words. */
  get(bucket: string, name: string): StoredObject {
    const object = this.entry(bucket).objects.get(name);
    if (!object) throw gcsError(404, "notFound", `No such object: ${bucket}/${name}`);
    return object;
  }

  /** A writer for new bytes (commit them with `commit`, or `abort` the writer). */
  newWriter(): ObjectWriter {
    return new ObjectWriter(join(this.tempDir, `upload-${randomHex(8)}`));
  }

  /** Makes written bytes the new generation of `bucket/name`, replacing any older one. */
  async commit(bucket: string, name: string, bytes: WrittenBytes, meta: ObjectMetadata = {}, ifGenerationMatch?: string | null): Promise<StoredObject> {
    const objects = this.entry(bucket).objects;
    checkObjectName(name);
    checkPrecondition(objects.get(name), ifGenerationMatch);
    const path = join(this.objectDir, randomHex(12));
    await rename(bytes.path, path);
    const object: StoredObject = {
      bucket,
      name,
      generation: this.nextGeneration(),
      contentType: meta.contentType || "application/octet-stream",
      size: bytes.size,
      crc32c: bytes.crc32c,
      md5Hash: bytes.md5Hash,
      createdMs: this.clock.now(),
      path,
    };
    if (meta.metadata) object.metadata = meta.metadata;
    const previous = objects.get(name);
    objects.set(name, object);
    // Open readers of the old generation keep their bytes (unlinked files stay readable).
    if (previous) await rm(previous.path, { force: true });
    return object;
  }

  async delete(bucket: string, name: string, ifGenerationMatch?: string | null): Promise<void> {
    const object = this.get(bucket, name);
    checkPrecondition(object, ifGenerationMatch);
    this.entry(bucket).objects.delete(name);
    await rm(object.path, { force: true });
  }

  list(bucket: string, query: ListQuery): ObjectPage<StoredObject> {
    return listObjects(this.entry(bucket).objects, query);
  }

  /** The object's bytes; `end` is inclusive. */
  read(object: StoredObject, range?: { start: number; end: number }): Readable {
    return createReadStream(object.path, range);
  }

  /** Writes a whole object from strings or buffers (for surfaces writing output). */
  async writeObject(bucket: string, name: string, source: AsyncIterable<string | Buffer> | Iterable<string | Buffer>, contentType: string): Promise<StoredObject> {
    this.entry(bucket);
    const writer = this.newWriter();
    try {
      for await (const piece of source) await writer.write(piece);
      return await this.commit(bucket, name, await writer.finish(), { contentType });
    } catch (error) {
      await writer.abort();
      throw error;
    }
  }

  /** Size of the object a `gs://bucket/name` URI names, if it exists. */
  sizeOf(uri: string): number | undefined {
    const location = parseGsUri(uri);
    return location ? this.stat(location.bucket, location.name)?.size : undefined;
  }

  private entry(bucket: string): { record: BucketRecord; objects: Map<string, StoredObject> } {
    const entry = this.buckets.get(bucket);
    if (!entry) throw gcsError(404, "notFound", `The specified bucket does not exist: ${bucket}. Create it first (storage.createBucket), or start the emulator with buckets: ["${bucket}"].`);
    return entry;
  }

  private nextGeneration(): string {
    // Microsecond timestamps like real generations, strictly increasing.
    this.lastGeneration = Math.max(this.lastGeneration + 1, this.clock.now() * 1000);
    return String(this.lastGeneration);
  }
}

/** `gs://bucket/path/to/object` → its parts; undefined for anything else. */
export function parseGsUri(uri: string): { bucket: string; name: string } | undefined {
  const match = /^gs:\/\/([^/]+)\/(.+)$/.exec(uri);
  return match ? { bucket: match[1], name: match[2] } : undefined;
}

/** A Cloud Storage error; `reason` goes into `errors[].reason` (notFound, conflict, invalid...). */
export function gcsError(status: number, reason: string, message: string): RequestError {
  return new RequestError(status, message, null, reason);
}

function checkObjectName(name: string): void {
  if (name === "" || Buffer.byteLength(name) > 1024) throw gcsError(400, "invalid", `Invalid object name "${name.slice(0, 40)}": use 1-1024 bytes of UTF-8.`);
}

function checkPrecondition(current: StoredObject | undefined, ifGenerationMatch: string | null | undefined): void {
  if (ifGenerationMatch === undefined || ifGenerationMatch === null) return;
  if ((current?.generation ?? "0") !== ifGenerationMatch) {
    throw gcsError(412, "conditionNotMet", `At least one of the pre-conditions you specified did not hold (ifGenerationMatch=${ifGenerationMatch}).`);
  }
}
