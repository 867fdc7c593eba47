import type { SQLInputValue } from "node:sqlite";
import type { ItemResult } from "../types.js";
import type { ResultColumns } from "./journal.js";

/**
 * Result rows packed for a trip between threads: numbers in typed arrays and every string as
 * UTF-8 bytes in one buffer, all transferable, so a chunk's rows move without a copy and
 * hold nothing on either thread's heap. The bytes are exactly what encoding the strings would
 * give (raw line bytes are only copied when they are valid UTF-8).
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
  /** The rows in the order to store them: by item id, rows of one item in their order. */
  order: Int32Array;
  /** Token values that are not numbers, kept as they were (stored as `putResult` would store them). */
  odd: { index: number; input: unknown; output: unknown }[];
}

export const STATUSES: readonly ItemResult["status"][] = ["succeeded", "failed", "expired", "cancelled"];
const STATUS_CODES = new Map(STATUSES.map((status, index) => [status, index]));

/** Builds PackedResults row by row (a row's texts may be written in pieces). */
export class PackedResultsBuilder {
  private count = 0;
  private capacity = 1024;
  private itemIds = new Float64Array(this.capacity);
  private statuses = new Uint8Array(this.capacity);
  private tokens = new Float64Array(this.capacity * 2);
  private spans = new Int32Array(this.capacity * 8);
  private text: Buffer;
  private used = 0;
  private readonly odd: PackedResults["odd"] = [];
  private textStart = 0;

  /** `spare`: an earlier run's text memory to reuse (nothing may read it any more). */
  constructor(spare?: ArrayBuffer) {
    this.text = spare && spare.byteLength >= 1 << 20 ? Buffer.from(spare) : Buffer.allocUnsafeSlow(1 << 20);
  }

  /** Start a row; write its texts with `append*`, then `end`. */
  begin(itemId: number, key: string, status: ItemResult["status"], input: unknown, output: unknown): void {
    if (this.count === this.capacity) this.grow();
    const index = this.count;
    this.itemIds[index] = itemId;
    this.statuses[index] = STATUS_CODES.get(status) ?? 1;
    if (typeof input === "number" && typeof output === "number") {
      this.tokens[index * 2] = input;
      this.tokens[index * 2 + 1] = output;
    } else this.odd.push({ index, input, output });
    this.span(0, key);
    this.textStart = this.used;
  }

  appendString(value: string): void {
    this.room(value.length * 3);
    this.used += this.text.write(value, this.used, "utf8");
  }

  appendBytes(data: Uint8Array, start: number, end: number): void {
    this.room(end - start);
    this.used += Buffer.prototype.copy.call(data, this.text, this.used, start, end);
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

  get size(): number {
    return this.count;
  }

  get bytes(): number {
    return this.used;
  }

  /** The rows so far, with their storing order (by item id, stable). */
  finish(): PackedResults {
    const count = this.count;
    // id * 2^21 + position: one numeric sort, and ties are impossible.
    const keys = new Float64Array(count);
    for (let index = 0; index < count; index++) keys[index] = this.itemIds[index] * 2097152 + index;
    keys.sort();
    const order = new Int32Array(count);
    for (let rank = 0; rank < count; rank++) order[rank] = keys[rank] % 2097152;
    return {
      count,
      itemIds: this.itemIds.slice(0, count),
      statuses: this.statuses.slice(0, count),
      tokens: this.tokens.slice(0, count * 2),
      spans: this.spans.slice(0, count * 8),
      // All of the buffer moves (and comes back for the next run, see `spare`).
      text: new Uint8Array(this.text.buffer, this.text.byteOffset, this.used),
      order,
      odd: this.odd,
    };
  }

  private span(slot: number, value: string | null): void {
    const base = this.count * 8 + slot * 2;
    if (value === null) {
      this.spans[base] = -1;
      return;
    }
    this.spans[base] = this.used;
    this.appendString(value);
    this.spans[base + 1] = this.used;
  }

  private room(bytes: number): void {
    if (this.text.length - this.used >= bytes) return;
    const next = Buffer.allocUnsafeSlow(Math.max(this.text.length * 2, this.used + bytes));
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

/** The ArrayBuffers to transfer with a PackedResults. */
export function packedTransfer(packed: PackedResults): ArrayBuffer[] {
  return [packed.itemIds, packed.statuses, packed.tokens, packed.spans, packed.text, packed.order].map((view) => view.buffer as ArrayBuffer);
}

/**
 * PackedResults as the journal's ResultColumns, in storing order. Strings go as their UTF-8
 * bytes (the journal stores them as TEXT), never as JS strings.
 */
export function packedColumns(packed: PackedResults): ResultColumns {
  const text = packed.text;
  const odd = new Map(packed.odd.map((entry) => [entry.index, entry]));
  const string = (start: number, end: number): Uint8Array | null => (start < 0 ? null : text.subarray(start, end));
  return {
    count: packed.count,
    write(position: number, into: SQLInputValue[], at: number): void {
      const index = packed.order[position];
      const base = index * 8;
      const strange = odd.get(index);
      into[at] = packed.itemIds[index];
      into[at + 1] = string(packed.spans[base], packed.spans[base + 1]);
      into[at + 2] = STATUSES[packed.statuses[index]];
      into[at + 3] = string(packed.spans[base + 2], packed.spans[base + 3]);
      into[at + 4] = strange ? (strange.input as SQLInputValue) : packed.tokens[index * 2];
      into[at + 5] = strange ? (strange.output as SQLInputValue) : packed.tokens[index * 2 + 1];
      into[at + 6] = string(packed.spans[base + 4], packed.spans[base + 5]);
      into[at + 7] = string(packed.spans[base + 6], packed.spans[base + 7]);
    },
  };
}

function grown<T extends Float64Array | Uint8Array | Int32Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
