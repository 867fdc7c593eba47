/** All Message Batches of one emulator: create, read, list (cursor pages), cancel, delete, expire. */
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Clock } from "../clock.js";
import type { FaultController } from "../fault-controller.js";
import { RequestError } from "../http.js";
import { createRandom, deriveSeed, randomHex } from "../random.js";
import { advance, cancel, expireNow, type LifecycleDependencies } from "./batch-lifecycle.js";
import type { MessageBatchRecord } from "./batch-record.js";
import { storeBatchRequests } from "./batch-requests.js";

export interface BatchStoreDependencies extends Omit<LifecycleDependencies, "resultsPathOf"> {
  clock: Clock;
  faults: FaultController;
  batchMs: number;
  /** Folder for the batches' requests and results files. */
  directory: string;
}

/** One page of a list, newest first. */
export interface BatchPage {
  data: MessageBatchRecord[];
  hasMore: boolean;
}

export class MessageBatchStore {
  private readonly batches = new Map<string, MessageBatchRecord>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly lifecycle: LifecycleDependencies;
  private ordinal = 0;

  private constructor(private readonly deps: BatchStoreDependencies) {
    this.lifecycle = { ...deps, resultsPathOf: (id) => join(deps.directory, `${id}.results.jsonl`) };
  }

  static async create(deps: BatchStoreDependencies): Promise<MessageBatchStore> {
    await mkdir(deps.directory, { recursive: true });
    return new MessageBatchStore(deps);
  }

  /** Checks a create body, stores its requests and records the batch as in_progress. */
  async create(body: Record<string, unknown>, origin: string): Promise<MessageBatchRecord> {
    const id = `msgbatch_${randomHex(12)}`;
    const requestsPath = join(this.deps.directory, `${id}.requests.jsonl`);
    const requests = await storeBatchRequests(body, requestsPath);
    const ordinal = ++this.ordinal;
    const rates = this.deps.faults.batchRates();
    const random = createRandom(deriveSeed(this.deps.seed, "anthropic-batch", ordinal));
    const createdMs = this.deps.clock.now();
    const record: MessageBatchRecord = {
      id,
      ordinal,
      createdMs,
      endMs: createdMs + this.deps.batchMs,
      cancelDelayMs: 0.1 * this.deps.batchMs,
      origin,
      requestsPath,
      requests,
      rates,
      expireFraction: random() < rates.expire ? 0.3 + 0.6 * random() : null,
      status: "in_progress",
      cancelInitiatedMs: null,
      endedMs: null,
      doneAtStop: null,
      stopType: null,
      counts: null,
      resultsPath: null,
    };
    this.batches.set(id, record);
    this.deps.stats.batches_created++;
    return record;
  }

  has(id: string): boolean {
    return this.batches.has(id);
  }

  /** The batch brought up to the current time, or a 404. */
  async read(id: string): Promise<MessageBatchRecord> {
    const record = this.require(id);
    await this.locked(record, () => advance(record, this.deps.clock.now(), this.lifecycle));
    return record;
  }

  /** Newest first. `afterId`: the page after that batch; `beforeId`: the page just before it. */
  async page(limit: number, cursor: { afterId?: string; beforeId?: string }): Promise<BatchPage> {
    const records = [...this.batches.values()].sort((left, right) => right.ordinal - left.ordinal);
    let data: MessageBatchRecord[];
    let hasMore: boolean;
    if (cursor.beforeId) {
      const end = this.indexOf(records, cursor.beforeId, "before_id");
      data = records.slice(Math.max(0, end - limit), end);
      hasMore = end - limit > 0;
    } else {
      const start = cursor.afterId ? this.indexOf(records, cursor.afterId, "after_id") + 1 : 0;
      data = records.slice(start, start + limit);
      hasMore = records.length > start + limit;
    }
    for (const record of data) await this.read(record.id);
    return { data, hasMore };
  }

  async cancel(id: string): Promise<MessageBatchRecord> {
    const record = this.require(id);
    await this.locked(record, () => cancel(record, this.deps.clock.now(), this.lifecycle));
    return record;
  }

  async expire(id: string): Promise<MessageBatchRecord> {
    const record = this.require(id);
    await this.locked(record, () => expireNow(record, this.deps.clock.now(), this.lifecycle));
    return record;
  }

  /** Deletes an ended batch and its files; refuses while it is still processing. */
  async delete(id: string): Promise<void> {
    const record = await this.read(id);
    if (record.status !== "ended") {
      throw new RequestError(400, `Message batch ${id} is still ${record.status}; a batch can be deleted once processing has ended. Cancel it first if you do not want to wait.`);
    }
    this.batches.delete(id);
    this.locks.delete(id);
    await rm(record.requestsPath, { force: true });
    if (record.resultsPath) await rm(record.resultsPath, { force: true });
  }

  private require(id: string): MessageBatchRecord {
    const record = this.batches.get(id);
    if (!record) throw new RequestError(404, `No message batch with id ${id}.`);
    return record;
  }

  private indexOf(records: MessageBatchRecord[], id: string, param: string): number {
    const index = records.findIndex((record) => record.id === id);
    if (index < 0) throw new RequestError(400, `${param}: no message batch with id ${id}. Pass an id from the previous page.`);
    return index;
  }

  /** One state change at a time per batch (reads can trigger writing the results). */
  private async locked<T>(record: MessageBatchRecord, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(record.id) ?? Promise.resolve();
    const next = previous.then(work, work);
    this.locks.set(record.id, next.catch(() => undefined));
    return next;
  }
}
