/** All jobs of one Google surface: lookup, one state change at a time per job, newest-first pages. */
import type { Clock } from "../clock.js";
import { RequestError } from "../http.js";
import { notFound } from "./errors.js";
import { advanceJob, cancelJob, expireJob, type LifecycleDependencies } from "./job-lifecycle.js";
import type { JobRecord } from "./job-record.js";

export class JobTable<Record extends JobRecord> {
  private readonly records = new Map<string, Record>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private ordinal = 0;

  constructor(
    private readonly deps: LifecycleDependencies<Record>,
    private readonly clock: Clock,
    /** How the job is named in errors, e.g. `batches/abc`. */
    private readonly describe: (id: string) => string,
  ) {}

  nextOrdinal(): number {
    return ++this.ordinal;
  }

  add(record: Record): void {
    this.records.set(record.id, record);
  }

  has(id: string): boolean {
    return this.records.has(id);
  }

  /** The job brought up to the current time, or a 404. */
  async read(id: string): Promise<Record> {
    const record = this.require(id);
    await this.locked(record, () => advanceJob(record, this.clock.now(), this.deps));
    return record;
  }

  async cancel(id: string): Promise<Record> {
    const record = this.require(id);
    await this.locked(record, () => cancelJob(record, this.clock.now(), this.deps, this.describe(id)));
    return record;
  }

  async expire(id: string): Promise<Record> {
    const record = this.require(id);
    await this.locked(record, () => expireJob(record, this.clock.now(), this.deps, this.describe(id)));
    return record;
  }

  delete(id: string): Record {
    const record = this.require(id);
    this.records.delete(id);
    return record;
  }

  /**
   * Newest first, `pageSize` at a time; the page token is opaque (the ordinal of the last job
   * shown, so deleting jobs between pages skips nothing). `keep` filters after updating.
   */
  async page(pageSize: number, pageToken: string | null, keep: (record: Record) => boolean = () => true): Promise<{ records: Record[]; nextPageToken?: string }> {
    const after = pageToken ? decodeToken(pageToken) : Number.POSITIVE_INFINITY;
    const candidates = [...this.records.values()].filter((record) => record.ordinal < after).sort((left, right) => right.ordinal - left.ordinal);
    const records: Record[] = [];
    for (const candidate of candidates) {
      const record = await this.read(candidate.id);
      if (!keep(record)) continue;
      if (records.length === pageSize) return { records, nextPageToken: encodeToken(records[records.length - 1].ordinal) };
      records.push(record);
    }
    return { records };
  }

  private require(id: string): Record {
    const record = this.records.get(id);
    if (!record) throw notFound(this.describe(id));
    return record;
  }

  /** One state change at a time per job (reads can start it and write its output). */
  private async locked<T>(record: Record, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(record.id) ?? Promise.resolve();
    const next = previous.then(work, work);
    this.locks.set(record.id, next.catch(() => undefined));
    return next;
  }
}

function encodeToken(ordinal: number): string {
  return Buffer.from(`after:${ordinal}`).toString("base64url");
}

function decodeToken(token: string): number {
  const match = /^after:(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!match) throw new RequestError(400, `Invalid page token "${token}". Pass the nextPageToken of the previous page unchanged.`);
  return Number(match[1]);
}
