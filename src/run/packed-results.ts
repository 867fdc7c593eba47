import type { SQLInputValue } from "node:sqlite";
import type { ItemResult } from "../types.js";
import type { ResultColumns } from "./journal.js";

/**
 * Result rows packed for a trip between threads: numbers in typed arrays and every string as
 * UTF-8 bytes in one buffer, all transferable, so rows move without a copy and hold nothing
 * on either thread's heap. The bytes are exactly what encoding the strings would give (raw
 * line bytes are only copied when they are valid UTF-8). Rows are in storing order: by item
 * id, rows of one item in their order, so the journal reads them front to back.
 */
export interface PackedResults {
  count: number;
  itemIds: Float64Array;
  statuses: Uint8Array;
  /** Input and output tokens of each row. */
  tokens: Float64Array;
  /** Per row: key, texts (JSON), error code, error message, as [start, end) in `text`; start -1: null. */
  spans: Int32Array;
  text: Uint8Array;
  /** Token values that are not numbers, kept as they were (stored as `putResult` would store them). */
  odd: { index: number; input: unknown; output: unknown }[];
}

export const STATUSES: readonly ItemResult["status"][] = ["succeeded", "failed", "expired", "cancelled"];
/** The code of "succeeded" in STATUSES. */
const SUCCEEDED = 0;
const STATUS_CODES = new Map(STATUSES.map((status, index) => [status, index]));
/** Text bytes per run handed on: small runs keep the rows waiting to be stored few. */
const RUN_TEXT_BYTES = 2 << 20;
/** A run's whole buffer: its text and, for rows of about 400 bytes, their numbers. */
const RUN_BUFFER_BYTES = 5 << 19;
/** Positions fit in 21 bits (a run never holds 2 million rows): sort keys are id * 2^21 + position. */
const POSITIONS = 2097152;

/**
 * Collects rows as they come (a row's texts may be written in pieces), then hands them on
 * sorted into storing order, in runs of about RUN_TEXT_BYTES. Its memory is kept and reused.
 */
export class PackedResultsBuilder {
  private count = 0;
  private capacity = 1024;
  private itemIds = new Float64Array(this.capacity);
  private statuses = new Uint8Array(this.capacity);
  private tokens = new Float64Array(this.capacity * 2);
  private spans = new Int32Array(this.capacity * 8);
  private text = Buffer.allocUnsafeSlow(1 << 20);
  private used = 0;
  private odd: PackedResults["odd"] = [];
  private textStart = 0;
  private sortKeys = new Float64Array(0);
  private order = new Int32Array(0);

  /** Make room for `bytes` of text at once (one allocation instead of a trail of doublings). */
  reserve(bytes: number): void {
    if (this.text.length < bytes) this.resize(bytes);
  }

  /** Start a row; write its texts with `append*`, then `end`. */
  begin(itemId: number, key: string, status: ItemResult["status"], input: unknown, output: unknown): void {
    this.head(itemId, status, input, output);
    this.span(0, key);
    this.textStart = this.used;
  }

  /** `begin` with the key as UTF-8 bytes `key[start, end)`. */
  beginBytes(itemId: number, key: Uint8Array, start: number, end: number, status: ItemResult["status"], input: unknown, output: unknown): void {
    this.head(itemId, status, input, output);
    const base = this.count * 8;
    this.spans[base] = this.used;
    this.appendBytes(key, start, end);
    this.spans[base + 1] = this.used;
    this.textStart = this.used;
  }

  appendString(value: string): void {
    this.room(value.length * 3);
    this.used += this.text.write(value, this.used, "utf8");
  }

  appendBytes(data: Uint8Array, start: number, end: number): void {
    this.room(end - start);
    if (end - start <= 32) {
      // Short pieces (ids, brackets): a loop beats a native call.
      const text = this.text;
      let at = this.used;
      for (let index = start; index < end; index++) text[at++] = data[index];
      this.used = at;
    } else {
      // TypedArray set: a builtin, cheaper to call than Buffer's copy.
      this.text.set(data.subarray(start, end), this.used);
      this.used += end - start;
    }
  }

  appendByte(byte: number): void {
    this.room(1);
    this.text[this.used++] = byte;
  }

  end(errorCode: string | null, errorMessage: string | null): void {
    const base = this.count * 8;
    this.spans[base + 2] = this.textStart;
    this.spans[base + 3] = this.used;
    this.span(2, errorCode);
    this.span(3, errorMessage);
    this.count++;
  }

  get bytes(): number {
    return this.used;
  }

  /**
   * The rows so far in storing order, as runs; then the builder is empty again. A run's text
   * goes into `spare()` when that is large enough (memory the receiver has handed back).
   */
  *drain(spare: () => ArrayBuffer | undefined): Generator<PackedResults> {
    const order = this.storingOrder();
    const spans = this.spans;
    for (let first = 0; first < this.count; ) {
      // A row's strings lie side by side, key first: one block from the key's start.
      let bytes = 0;
      let last = first;
      while (last < this.count) {
        const size = blockEnd(spans, order[last] * 8) - spans[order[last] * 8];
        if (last > first && bytes + size > RUN_TEXT_BYTES) break;
        bytes += size;
        last++;
      }
      yield this.copyRun(order, first, last, bytes, spare());
      first = last;
    }
    this.count = 0;
    this.used = 0;
    this.odd = [];
  }

  private copyRun(order: Int32Array, first: number, last: number, bytes: number, spare: ArrayBuffer | undefined): PackedResults {
    const count = last - first;
    const run = packedRun(count, bytes, spare);
    const odd = this.odd.length > 0 ? new Map(this.odd.map((entry) => [entry.index, entry])) : undefined;
    let at = 0;
    for (let row = 0; row < count; row++) {
      const index = order[first + row];
      run.itemIds[row] = this.itemIds[index];
      run.statuses[row] = this.statuses[index];
      run.tokens[row * 2] = this.tokens[index * 2];
      run.tokens[row * 2 + 1] = this.tokens[index * 2 + 1];
      const from = index * 8;
      const start = this.spans[from];
      const end = blockEnd(this.spans, from);
      for (let slot = 0; slot < 8; slot += 2) {
        const spanStart = this.spans[from + slot];
        run.spans[row * 8 + slot] = spanStart < 0 ? -1 : spanStart - start + at;
        run.spans[row * 8 + slot + 1] = spanStart < 0 ? -1 : this.spans[from + slot + 1] - start + at;
      }
      run.text.set(this.text.subarray(start, end), at);
      at += end - start;
      const strange = odd?.get(index);
      if (strange) run.odd.push({ ...strange, index: row });
    }
    return run;
  }

  /** Row positions by item id, rows of one item in their order (in memory kept for the next chunk). */
  private storingOrder(): Int32Array {
    const count = this.count;
    if (this.sortKeys.length < count) {
      this.sortKeys = new Float64Array(this.capacity);
      this.order = new Int32Array(this.capacity);
    }
    const keys = this.sortKeys.subarray(0, count);
    for (let index = 0; index < count; index++) keys[index] = this.itemIds[index] * POSITIONS + index;
    keys.sort();
    const order = this.order;
    for (let rank = 0; rank < count; rank++) order[rank] = keys[rank] % POSITIONS;
    return order;
  }

  private head(itemId: number, status: ItemResult["status"], input: unknown, output: unknown): void {
    if (this.count === this.capacity) this.grow();
    const index = this.count;
    this.itemIds[index] = itemId;
    this.statuses[index] = status === "succeeded" ? SUCCEEDED : (STATUS_CODES.get(status) ?? 1);
    if (typeof input === "number" && typeof output === "number") {
      this.tokens[index * 2] = input;
      this.tokens[index * 2 + 1] = output;
    } else this.odd.push({ index, input, output });
  }

  private span(slot: number, value: string | null): void {
    const base = this.count * 8 + slot * 2;
    if (value === null) {
      this.spans[base] = this.spans[base + 1] = -1;
      return;
    }
    this.spans[base] = this.used;
    this.appendString(value);
    this.spans[base + 1] = this.used;
  }

  private room(bytes: number): void {
    if (this.text.length - this.used >= bytes) return;
    this.resize(Math.max(this.used + bytes, this.text.length + (this.text.length >> 1)));
  }

  private resize(length: number): void {
    const next = Buffer.allocUnsafeSlow(length);
    this.text.copy(next, 0, 0, this.used);
    this.text = next;
  }

  private grow(): void {
    this.capacity *= 2;
    this.itemIds = grown(this.itemIds, new Float64Array(this.capacity));
    this.statuses = grown(this.statuses, new Uint8Array(this.capacity));
    this.tokens = grown(this.tokens, new Float64Array(this.capacity * 2));
    this.spans = grown(this.spans, new Int32Array(this.capacity * 8));
  }
}

/** Where a row's strings end: the end of its last string that is not null (the key never is). */
function blockEnd(spans: Int32Array, base: number): number {
  for (let slot = 6; slot > 0; slot -= 2) if (spans[base + slot] >= 0) return spans[base + slot + 1];
  return spans[base + 1];
}

/**
 * An empty run for `count` rows and `bytes` of text, every part a view of one ArrayBuffer
 * (`spare` when large enough), so a run moves between threads, and comes back to be reused,
 * as one piece of memory.
 */
function packedRun(count: number, bytes: number, spare: ArrayBuffer | undefined): PackedResults {
  const numbers = count * 3 * 8;
  const spans = count * 8 * 4;
  const needed = numbers + spans + count + bytes;
  const buffer = spare && spare.byteLength >= needed ? spare : new ArrayBuffer(Math.max(needed, RUN_BUFFER_BYTES));
  return {
    count,
    itemIds: new Float64Array(buffer, 0, count),
    tokens: new Float64Array(buffer, count * 8, count * 2),
    spans: new Int32Array(buffer, numbers, count * 8),
    statuses: new Uint8Array(buffer, numbers + spans, count),
    text: new Uint8Array(buffer, numbers + spans + count, bytes),
    odd: [],
  };
}

/** The memory of a run: transfer it with the run, and hand it back for reuse. */
export function packedBuffer(packed: PackedResults): ArrayBuffer {
  return packed.text.buffer as ArrayBuffer;
}

/** PackedResults as the journal's ResultColumns. Strings go as their UTF-8 bytes (the journal stores them as TEXT). */
export function packedColumns(packed: PackedResults): ResultColumns {
  return new PackedColumns(packed);
}

/**
 * A class, not an object of closures: the journal then calls the same functions for every
 * run (new closures each run made its optimized code deoptimize, run after run).
 */
class PackedColumns implements ResultColumns {
  readonly count: number;
  private readonly odd: Map<number, PackedResults["odd"][number]>;

  constructor(private readonly packed: PackedResults) {
    this.count = packed.count;
    this.odd = new Map(packed.odd.map((entry) => [entry.index, entry]));
  }

  isPlainSuccess(index: number): boolean {
    const { statuses, spans } = this.packed;
    return statuses[index] === SUCCEEDED && spans[index * 8 + 4] < 0 && spans[index * 8 + 6] < 0 && (this.odd.size === 0 || !this.odd.has(index));
  }

  writePlainSuccess(index: number, into: SQLInputValue[], at: number): void {
    const { itemIds, text, spans, tokens } = this.packed;
    const base = index * 8;
    into[at] = itemIds[index];
    into[at + 1] = text.subarray(spans[base], spans[base + 1]);
    into[at + 2] = text.subarray(spans[base + 2], spans[base + 3]);
    into[at + 3] = tokens[index * 2];
    into[at + 4] = tokens[index * 2 + 1];
  }

  write(index: number, into: SQLInputValue[], at: number): void {
    const { itemIds, statuses, text, spans, tokens } = this.packed;
    const base = index * 8;
    const strange = this.odd.size > 0 ? this.odd.get(index) : undefined;
    into[at] = itemIds[index];
    into[at + 1] = text.subarray(spans[base], spans[base + 1]);
    into[at + 2] = STATUSES[statuses[index]];
    into[at + 3] = text.subarray(spans[base + 2], spans[base + 3]);
    into[at + 4] = strange ? (strange.input as SQLInputValue) : tokens[index * 2];
    into[at + 5] = strange ? (strange.output as SQLInputValue) : tokens[index * 2 + 1];
    into[at + 6] = spans[base + 4] < 0 ? null : text.subarray(spans[base + 4], spans[base + 5]);
    into[at + 7] = spans[base + 6] < 0 ? null : text.subarray(spans[base + 6], spans[base + 7]);
  }
}

function grown<T extends Float64Array | Uint8Array | Int32Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
