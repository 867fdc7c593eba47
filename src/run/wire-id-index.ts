/**
 * A chunk's items by wire id, looked up from the UTF-8 bytes of an output line's id, so
 * joining a line to its item makes no string. Open addressing over one buffer of all the
 * wire ids' bytes; an entry is an item's position in the order given.
 */
export class WireIdIndex {
  /** Position + 1 of the item in each slot; 0: empty. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private scratch = Buffer.allocUnsafe(256);

  /**
   * Wire id `i` is `bytes[offsets[i], offsets[i + 1] - gap)`: ids one after another, with
   * `gap` bytes between them. The slots come from `memory` when large enough.
   */
  private constructor(
    private readonly bytes: Buffer,
    private readonly offsets: Int32Array,
    count: number,
    private readonly gap: number,
    memory: WireIdMemory,
  ) {
    let size = 16;
    while (size < count * 2) size *= 2;
    this.slots = memory.slots = memory.slots && memory.slots.length >= size ? memory.slots.subarray(0, size).fill(0) : new Int32Array(size);
    this.mask = size - 1;
    for (let index = 0; index < count; index++) {
      const start = offsets[index];
      const end = offsets[index + 1] - gap;
      let slot = hash(bytes, start, end) & this.mask;
      // A repeated wire id keeps its first item (wire ids are unique within a chunk).
      while (this.slots[slot] !== 0 && !this.same(this.slots[slot] - 1, bytes, start, end)) slot = (slot + 1) & this.mask;
      if (this.slots[slot] === 0) this.slots[slot] = index + 1;
    }
  }

  /** `memory`: buffers of an index no longer used, taken over when large enough (and left for the next). */
  static fromStrings(wireIds: readonly string[], memory: WireIdMemory = {}): WireIdIndex {
    let most = 0;
    for (const wireId of wireIds) most += wireId.length * 3;
    const { bytes, offsets } = buffers(memory, most, wireIds.length);
    let used = 0;
    for (let index = 0; index < wireIds.length; index++) {
      used += bytes.write(wireIds[index], used, "utf8");
      offsets[index + 1] = used;
    }
    return new WireIdIndex(bytes, offsets, wireIds.length, 0, memory);
  }

  /**
   * From `count` wire ids joined by single spaces, as UTF-8 bytes (what SQLite's group_concat
   * gives, cast to a blob: no string on the heap); undefined when the spaces do not split it
   * into `count` ids (an id with a space in it).
   */
  static fromJoined(joined: Uint8Array, count: number, memory: WireIdMemory = {}): WireIdIndex | undefined {
    const bytes = Buffer.from(joined.buffer, joined.byteOffset, joined.length);
    const offsets = offsetsFor(memory, count);
    let found = 0;
    // A loop, not indexOf: ids are short, and a native call per id cost more than the scan.
    for (let at = 0; at < bytes.length; at++) {
      if (bytes[at] !== SPACE) continue;
      if (++found >= count) return undefined;
      offsets[found] = at + 1;
    }
    if (count > 0 && found !== count - 1) return undefined;
    offsets[count] = bytes.length + 1;
    return new WireIdIndex(bytes, offsets, count, 1, memory);
  }

  /** The position of the item whose wire id is the UTF-8 bytes `data[start, end)`, or -1. */
  find(data: Uint8Array, start: number, end: number): number {
    let slot = hash(data, start, end) & this.mask;
    for (let entry = this.slots[slot]; entry !== 0; entry = this.slots[slot]) {
      if (this.same(entry - 1, data, start, end)) return entry - 1;
      slot = (slot + 1) & this.mask;
    }
    return -1;
  }

  /** The position of the item with this wire id, or -1. */
  findString(wireId: string): number {
    if (this.scratch.length < wireId.length * 3) this.scratch = Buffer.allocUnsafe(wireId.length * 3);
    return this.find(this.scratch, 0, this.scratch.write(wireId, 0, "utf8"));
  }

  /** The wire id at `position`. */
  wireId(position: number): string {
    return this.bytes.toString("utf8", this.offsets[position], this.offsets[position + 1] - this.gap);
  }

  private same(position: number, data: Uint8Array, start: number, end: number): boolean {
    const from = this.offsets[position];
    if (this.offsets[position + 1] - this.gap - from !== end - start) return false;
    const bytes = this.bytes;
    for (let index = 0; index < end - start; index++) if (bytes[from + index] !== data[start + index]) return false;
    return true;
  }
}

/** Memory an index may take over from the last one. */
export interface WireIdMemory {
  bytes?: Buffer;
  offsets?: Int32Array;
  slots?: Int32Array;
}

const SPACE = 0x20;

function buffers(memory: WireIdMemory, bytes: number, count: number): { bytes: Buffer; offsets: Int32Array } {
  memory.bytes = memory.bytes && memory.bytes.length >= bytes ? memory.bytes : Buffer.allocUnsafe(Math.max(bytes, 1));
  return { bytes: memory.bytes, offsets: offsetsFor(memory, count) };
}

/** Room for `count` + 1 offsets (the memory's when large enough), the first 0. */
function offsetsFor(memory: WireIdMemory, count: number): Int32Array {
  memory.offsets = memory.offsets && memory.offsets.length >= count + 1 ? memory.offsets : new Int32Array(count + 1);
  memory.offsets[0] = 0;
  return memory.offsets;
}

/** FNV-1a over the bytes. */
function hash(data: Uint8Array, start: number, end: number): number {
  let value = 0x811c9dc5;
  for (let index = start; index < end; index++) value = Math.imul(value ^ data[index], 0x01000193);
  return value >>> 0;
}
