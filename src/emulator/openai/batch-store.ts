/** All OpenAI batches of one emulator: create (with request checks), read, list, cancel, expire. */
import { copyFile, link, mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Clock } from "../clock.js";
import type { FaultController } from "../fault-controller.js";
import { RequestError } from "../http.js";
import { randomHex } from "../random.js";
import { advance, cancel, expireNow, type LifecycleDependencies } from "./batch-lifecycle.js";
import type { BatchRecord } from "./batch-record.js";
import type { FileStore } from "./file-store.js";

/** Endpoints the 7.57.0 SDK may send; the emulator runs chat completions only. */
const KNOWN_ENDPOINTS = ["/v1/responses", "/v1/chat/completions", "/v1/embeddings", "/v1/completions", "/v1/moderations", "/v1/images/generations", "/v1/images/edits", "/v1/videos"];
const SUPPORTED_ENDPOINT = "/v1/chat/completions";

export interface BatchStoreDependencies extends LifecycleDependencies {
  clock: Clock;
  faults: FaultController;
  batchMs: number;
  /** Folder for the batches' private links to their input files. */
  directory: string;
  files: FileStore;
}

export class BatchStore {
  private readonly batches = new Map<string, BatchRecord>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private ordinal = 0;

  private constructor(private readonly deps: BatchStoreDependencies) {}

  static async create(deps: BatchStoreDependencies): Promise<BatchStore> {
    await mkdir(deps.directory, { recursive: true });
    return new BatchStore(deps);
  }

  /** Checks a `POST /batches` body and records the batch as validating. */
  async create(body: Record<string, unknown>): Promise<BatchRecord> {
    const { input_file_id: inputFileId, endpoint, completion_window: window, metadata } = body;
    if (typeof inputFileId !== "string" || inputFileId === "") throw new RequestError(400, "Missing required parameter: 'input_file_id'.", "input_file_id");
    const file = this.deps.files.get(inputFileId, "input_file_id");
    if (file.purpose !== "batch") {
      throw new RequestError(400, `File ${inputFileId} has purpose "${file.purpose}"; upload batch input files with purpose "batch".`, "input_file_id");
    }
    if (typeof endpoint !== "string" || !KNOWN_ENDPOINTS.includes(endpoint)) {
      throw new RequestError(400, `Invalid 'endpoint': ${JSON.stringify(endpoint)}. Use one of ${KNOWN_ENDPOINTS.join(", ")}.`, "endpoint");
    }
    if (endpoint !== SUPPORTED_ENDPOINT) {
      throw new RequestError(400, `The batchlab emulator runs ${SUPPORTED_ENDPOINT} batches only, not ${endpoint}.`, "endpoint");
    }
    if (window !== "24h") throw new RequestError(400, `Invalid 'completion_window': ${JSON.stringify(window)}. The only supported value is "24h".`, "completion_window");
    const id = `batch_${randomHex(16)}`;
    const inputPath = join(this.deps.directory, `${id}.input.jsonl`);
    // A hard link is free and survives files.delete; fall back to a copy across devices.
    await link(file.path, inputPath).catch(() => copyFile(file.path, inputPath));
    const createdMs = this.deps.clock.now();
    const batchMs = this.deps.batchMs;
    const record: BatchRecord = {
      id,
      ordinal: ++this.ordinal,
      endpoint,
      inputFileId,
      inputPath,
      metadata: checkMetadata(metadata),
      createdMs,
      schedule: { validateMs: createdMs + 0.1 * batchMs, finalizeMs: createdMs + 0.9 * batchMs, finishMs: createdMs + batchMs, cancelDelayMs: 0.1 * batchMs },
      rates: this.deps.faults.batchRates(),
      status: "validating",
      model: null,
      errors: null,
      plan: null,
      times: {},
      doneAtStop: null,
      result: null,
      outputFileId: null,
      errorFileId: null,
    };
    const outputExpiry = checkOutputExpiry(body.output_expires_after);
    if (outputExpiry !== undefined) record.outputExpiresAfterSeconds = outputExpiry;
    this.batches.set(id, record);
    this.deps.stats.batches_created++;
    return record;
  }

  has(id: string): boolean {
    return this.batches.has(id);
  }

  /** The batch brought up to the current time, or a 404. */
  async read(id: string): Promise<BatchRecord> {
    const record = this.require(id);
    await this.locked(record, () => advance(record, this.deps.clock.now(), this.deps));
    return record;
  }

  /** Newest first; `after` is the id of the last batch of the previous page. */
  async page(limit: number, after?: string): Promise<{ data: BatchRecord[]; hasMore: boolean }> {
    let records = [...this.batches.values()].sort((left, right) => right.ordinal - left.ordinal);
    if (after) {
      const index = records.findIndex((record) => record.id === after);
      if (index < 0) throw new RequestError(400, `Invalid 'after': no batch with id ${after}. Pass the id of the last batch of the previous page.`, "after");
      records = records.slice(index + 1);
    }
    const data = records.slice(0, limit);
    for (const record of data) await this.read(record.id);
    return { data, hasMore: records.length > limit };
  }

  async cancel(id: string): Promise<BatchRecord> {
    const record = this.require(id);
    await this.locked(record, () => cancel(record, this.deps.clock.now(), this.deps));
    return record;
  }

  async expire(id: string): Promise<BatchRecord> {
    const record = this.require(id);
    await this.locked(record, () => expireNow(record, this.deps.clock.now(), this.deps));
    return record;
  }

  private require(id: string): BatchRecord {
    const record = this.batches.get(id);
    if (!record) throw new RequestError(404, `No such Batch object: ${id}`);
    return record;
  }

  /** One state change at a time per batch (reads can trigger validation and file writing). */
  private async locked<T>(record: BatchRecord, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(record.id) ?? Promise.resolve();
    const next = previous.then(work, work);
    this.locks.set(record.id, next.catch(() => undefined));
    return next;
  }
}

function checkMetadata(metadata: unknown): Record<string, string> | null {
  if (metadata === undefined || metadata === null) return null;
  if (typeof metadata !== "object" || Array.isArray(metadata)) throw new RequestError(400, "Invalid 'metadata': expected an object of strings.", "metadata");
  const entries = Object.entries(metadata);
  if (entries.length > 16) throw new RequestError(400, `Invalid 'metadata': ${entries.length} keys; at most 16 are allowed.`, "metadata");
  for (const [key, value] of entries) {
    if (key.length > 64) throw new RequestError(400, `Invalid 'metadata': key "${key.slice(0, 20)}…" is longer than 64 characters.`, "metadata");
    if (typeof value !== "string" || value.length > 512) {
      throw new RequestError(400, `Invalid 'metadata.${key}': values must be strings of at most 512 characters.`, `metadata.${key}`);
    }
  }
  return metadata as Record<string, string>;
}

function checkOutputExpiry(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const { anchor, seconds } = value as { anchor?: unknown; seconds?: unknown };
  if (anchor !== "created_at" || !Number.isInteger(seconds) || (seconds as number) < 3600 || (seconds as number) > 2_592_000) {
    throw new RequestError(400, `Invalid 'output_expires_after': use {"anchor": "created_at", "seconds": 3600..2592000}.`, "output_expires_after");
  }
  return seconds as number;
}
