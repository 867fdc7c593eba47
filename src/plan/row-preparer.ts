import type { ResolvedStep } from "../data/config.js";
import { jsonlFields } from "../data/jsonl-dataset.js";
import type { InputProblem } from "../errors.js";
import { createRequestBuilder, type RequestBuilder } from "../requests/build-request.js";
import type { BatchProvider, Request } from "../types.js";
import { keyCandidate } from "./items.js";

/** What a preparer needs; plain data, so it can be sent to a worker thread. */
export interface PreparerSettings {
  /** The file rows are read from. */
  datasetFile: string;
  /** The name problems give the file (the user's path). */
  displayFile: string;
  /** The folder relative image paths are read from. */
  imageDir: string;
  step: ResolvedStep;
  /** The field that keys rows; undefined: content hashes. */
  dataKey: string | undefined;
  /** Estimate the input tokens of every request (slow: a tokenizer run per row). */
  estimateTokens: boolean;
  /** Keep each built Request in the batch (for `onRequest`; inline only). */
  keepRequests: boolean;
}

/**
 * The rows of one batch, prepared, in input order. An entry is either a row that could
 * not be read (only `problems`) or an item: its key candidate, and its encoded line unless
 * the request did not build (then `problems` says why). Lines sit back to back in `lines`.
 * Arrays rather than objects, so a batch crosses threads cheaply.
 */
export interface PreparedBatch {
  count: number;
  /** Lines in the raw text this batch was made from (JSONL), so the next batch's rows follow on. */
  lineCount: number;
  /** 1 for an item, 0 for a row that only has problems. */
  isItem: Uint8Array;
  /** Row of each entry: relative to the batch's first line for JSONL batches (the caller adds the offset). */
  rows: Int32Array;
  /**
   * Per entry, four offsets into `text`: the key candidate's start and end (start -1: no
   * key, e.g. the data_key is missing) and the wire id's (start -1: same as the key, or
   * nothing encoded). Strings as UTF-8 bytes, not JS strings: a batch in flight then holds
   * nothing on the heap of either thread.
   */
  spans: Int32Array;
  /** UTF-8 text of keys and wire ids. */
  text: Uint8Array;
  /** Encoded bytes of each entry including the newline; 0 when nothing was encoded. */
  bytes: Int32Array;
  /** The encoded lines, each ending in "\n". */
  lines: Uint8Array;
  /** Problems by entry, sparse, in entry order: reading problems, or the request's build problems. */
  problems: { entry: number; list: InputProblem[] }[];
  /** Local image files (`file:` URLs) each item's request refers to, sparse. */
  localImages: { entry: number; urls: string[] }[];
  /** Estimated input tokens of each built request (with `estimateTokens`). */
  tokens?: Float64Array;
  /** Start of each entry's line in the raw text (JSONL batches), to read a row again. */
  lineStarts?: Int32Array;
  /** Each item's fields (batches built from parsed rows), to build a row again. */
  fields?: (Record<string, unknown> | undefined)[];
  /** Each item's Request (with `keepRequests`). */
  requests?: (Request | undefined)[];
}

export type LineEncoder = Pick<BatchProvider, "wireId" | "encode" | "threadEncoder">;

/** The key candidate of an entry (undefined: none). */
export function keyAt(batch: PreparedBatch, entry: number): string | undefined {
  const start = batch.spans[entry * 4];
  return start < 0 ? undefined : textAt(batch, start, batch.spans[entry * 4 + 1]);
}

/** The wire id of an encoded entry (undefined: the same as its key). */
export function wireIdAt(batch: PreparedBatch, entry: number): string | undefined {
  const start = batch.spans[entry * 4 + 2];
  return start < 0 ? undefined : textAt(batch, start, batch.spans[entry * 4 + 3]);
}

/** A Buffer view of each batch's text (a batch from a thread arrives with a plain Uint8Array). */
const textViews = new WeakMap<PreparedBatch, Buffer>();

function textAt(batch: PreparedBatch, start: number, end: number): string {
  let view = textViews.get(batch);
  if (!view) {
    view = Buffer.from(batch.text.buffer, batch.text.byteOffset, batch.text.byteLength);
    textViews.set(batch, view);
  }
  return view.toString("utf8", start, end);
}

const NEWLINE = 0x0a;
const RETURN = 0x0d;

/**
 * Builds batches: reads rows (JSONL text, or rows parsed elsewhere), works out each row's key
 * candidate, builds and encodes its request. Pure and synchronous: the same code runs in
 * worker threads and inline, so threads change speed, never results.
 */
export class RowPreparer {
  private readonly builder: RequestBuilder;
  private batch!: BatchBuilder;

  constructor(
    private readonly settings: PreparerSettings,
    private readonly encoder: LineEncoder,
    private readonly estimate?: (request: Request) => number,
  ) {
    this.builder = createRequestBuilder(settings.step, settings.imageDir, settings.displayFile);
    this.start(0);
  }

  /**
   * Start a new batch, with room for about `bytes` of encoded lines; `spare` is an earlier
   * batch's `lines` memory to reuse (nothing may read it any more).
   */
  start(bytes: number, withFields = false, spare?: ArrayBuffer): void {
    this.batch = new BatchBuilder(bytes, this.settings, withFields, spare);
  }

  /** A row that could not be read: only its problems. */
  addProblems(row: number, list: InputProblem[]): void {
    this.batch.entry(row, false, null).problems(list);
  }

  /**
   * An item: its key candidate, request and encoded line. `key` overrides the candidate
   * (a repeated content row gets `<hash>~2`, which changes its wire id).
   */
  addRow(row: number, fields: Record<string, unknown>, key?: string, lineStart?: number): void {
    const candidate = key ?? keyCandidate(fields, this.settings.dataKey) ?? null;
    const entry = this.batch.entry(row, true, candidate);
    if (lineStart !== undefined) entry.lineStart(lineStart);
    entry.fields(fields);
    if (candidate === null) return; // reported by the key step; never built
    const problems: InputProblem[] = [];
    const request = this.builder.build({ key: candidate, row, fields }, (problem) => problems.push(problem));
    if (!request) {
      entry.problems(problems);
      return;
    }
    const wireId = this.encoder.wireId(candidate);
    entry.encoded(this.encoder.encode(request, wireId), wireId === candidate ? null : wireId);
    entry.request(request, this.estimate);
  }

  /**
   * Every line of `text[start, end)` (whole lines; the last may lack its newline), rows
   * counted from 1 at `start`. Same rules as reading a JSONL file: blank lines skipped,
   * a trailing `\r` dropped, bad lines reported with line and column.
   */
  addJsonl(text: Uint8Array, start: number, end: number): void {
    const buffer = Buffer.from(text.buffer, text.byteOffset, text.byteLength);
    const file = this.settings.datasetFile;
    let problems: InputProblem[] | undefined;
    const report = (problem: InputProblem) => (problems ??= []).push(problem);
    let row = 0;
    for (let lineStart = start; lineStart < end; ) {
      let lineEnd = buffer.indexOf(NEWLINE, lineStart);
      if (lineEnd === -1 || lineEnd >= end) lineEnd = end;
      const next = lineEnd + 1;
      if (lineEnd > lineStart && buffer[lineEnd - 1] === RETURN) lineEnd--;
      row++;
      const fields = jsonlFields(buffer.toString("utf8", lineStart, lineEnd), row, file, report);
      if (fields) this.addRow(row, fields, undefined, lineStart);
      else if (problems) {
        this.addProblems(row, problems);
        problems = undefined;
      }
      lineStart = next;
    }
    this.batch.lineCount += row;
  }

  /** The batch built since `start`. */
  finish(): PreparedBatch {
    return this.batch.finish();
  }
}

/** Accumulates one batch's columns. */
class BatchBuilder {
  lineCount = 0;
  private count = 0;
  private capacity = 256;
  private isItem = new Uint8Array(this.capacity);
  private rows = new Int32Array(this.capacity);
  private bytes = new Int32Array(this.capacity);
  private lineStarts?: Int32Array;
  private tokens?: Float64Array;
  private spans = new Int32Array(this.capacity * 4);
  private text = Buffer.allocUnsafeSlow(1 << 16);
  private textUsed = 0;
  private readonly problemList: PreparedBatch["problems"] = [];
  private readonly localImages: PreparedBatch["localImages"] = [];
  private readonly fieldList?: (Record<string, unknown> | undefined)[];
  private readonly requests?: (Request | undefined)[];
  private lines: Buffer;
  private used = 0;
  private current = -1;

  constructor(bytes: number, settings: PreparerSettings, withFields: boolean, spare?: ArrayBuffer) {
    const size = Math.max(bytes, 1 << 16);
    this.lines = spare && spare.byteLength >= size ? Buffer.from(spare) : Buffer.allocUnsafeSlow(size);
    if (settings.estimateTokens) this.tokens = new Float64Array(this.capacity);
    if (withFields) this.fieldList = [];
    if (settings.keepRequests) this.requests = [];
  }

  entry(row: number, item: boolean, key: string | null): this {
    if (this.count === this.capacity) this.grow();
    const index = (this.current = this.count++);
    this.isItem[index] = item ? 1 : 0;
    this.rows[index] = row;
    this.bytes[index] = 0;
    this.spans[index * 4] = key === null ? -1 : this.writeText(key);
    this.spans[index * 4 + 1] = this.textUsed;
    this.spans[index * 4 + 2] = -1;
    this.fieldList?.push(undefined);
    this.requests?.push(undefined);
    if (this.tokens) this.tokens[index] = 0;
    return this;
  }

  problems(list: InputProblem[]): void {
    this.problemList.push({ entry: this.current, list });
  }

  lineStart(offset: number): void {
    this.lineStarts ??= new Int32Array(this.capacity);
    this.lineStarts[this.current] = offset;
  }

  fields(fields: Record<string, unknown>): void {
    if (this.fieldList) this.fieldList[this.current] = fields;
  }

  encoded(line: string, wireId: string | null): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    const room = line.length * 3 + 1;
    if (this.lines.length - this.used < room) this.growLines(room);
    const written = this.lines.write(line, this.used, "utf8");
    this.lines[this.used + written] = NEWLINE;
    this.used += written + 1;
    this.bytes[this.current] = written + 1;
    if (wireId !== null) {
      this.spans[this.current * 4 + 2] = this.writeText(wireId);
      this.spans[this.current * 4 + 3] = this.textUsed;
    }
  }

  request(request: Request, estimate?: (request: Request) => number): void {
    if (this.requests) this.requests[this.current] = request;
    if (this.tokens && estimate) this.tokens[this.current] = estimate(request);
    let urls: string[] | undefined;
    for (const part of request.parts) {
      if (part.type === "image" && part.url.startsWith("file:")) (urls ??= []).push(part.url);
    }
    if (urls) this.localImages.push({ entry: this.current, urls });
  }

  finish(): PreparedBatch {
    const count = this.count;
    return {
      count,
      lineCount: this.lineCount,
      isItem: this.isItem.subarray(0, count),
      rows: this.rows.subarray(0, count),
      spans: this.spans.subarray(0, count * 4),
      text: new Uint8Array(this.text.buffer, this.text.byteOffset, this.textUsed),
      bytes: this.bytes.subarray(0, count),
      lines: new Uint8Array(this.lines.buffer, this.lines.byteOffset, this.used),
      problems: this.problemList,
      localImages: this.localImages,
      tokens: this.tokens?.subarray(0, count),
      lineStarts: this.lineStarts?.subarray(0, count),
      fields: this.fieldList,
      requests: this.requests,
    };
  }

  private grow(): void {
    this.capacity *= 2;
    this.isItem = grown(this.isItem, new Uint8Array(this.capacity));
    this.rows = grown(this.rows, new Int32Array(this.capacity));
    this.bytes = grown(this.bytes, new Int32Array(this.capacity));
    this.spans = grown(this.spans, new Int32Array(this.capacity * 4));
    if (this.lineStarts) this.lineStarts = grown(this.lineStarts, new Int32Array(this.capacity));
    if (this.tokens) this.tokens = grown(this.tokens, new Float64Array(this.capacity));
  }

  /** Append a string's UTF-8 bytes to `text`; returns where they start. */
  private writeText(value: string): number {
    const room = value.length * 3;
    if (this.text.length - this.textUsed < room) {
      const next = Buffer.allocUnsafeSlow(Math.max(this.text.length * 2, this.textUsed + room));
      this.text.copy(next, 0, 0, this.textUsed);
      this.text = next;
    }
    const start = this.textUsed;
    this.textUsed += this.text.write(value, start, "utf8");
    return start;
  }

  private growLines(room: number): void {
    const next = Buffer.allocUnsafeSlow(Math.max(this.lines.length * 2, this.used + room));
    this.lines.copy(next, 0, 0, this.used);
    this.lines = next;
  }
}

function grown<T extends Uint8Array | Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
