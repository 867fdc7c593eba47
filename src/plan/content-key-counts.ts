/**
 * How many times each content key (16 hex characters: 64 bits) has been seen, in a flat
 * open-addressing table: 12 bytes a key instead of ~70 for a Map of strings, and no string
 * hashing. A million rows stay well inside the prepare's memory budget.
 */
export class ContentKeyCounts {
  private capacity = 1 << 16;
  private size = 0;
  private high = new Uint32Array(this.capacity);
  private low = new Uint32Array(this.capacity);
  private counts = new Uint32Array(this.capacity);

  /** True for the keys this table can hold: 16 lowercase hex digits (anything else belongs in a Map). */
  static fits(key: string): boolean {
    if (key.length !== 16) return false;
    for (let index = 0; index < 16; index++) {
      const code = key.charCodeAt(index);
      if (!((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66))) return false;
    }
    return true;
  }

  /** Count one more sighting of `key`; returns how many times it was seen before. */
  increment(key: string): number {
    const high = hexWord(key, 0);
    const low = hexWord(key, 8);
    let slot = this.find(high, low);
    const before = this.counts[slot];
    if (before === 0) {
      if ((this.size + 1) * 2 > this.capacity) {
        this.grow();
        slot = this.find(high, low);
      }
      this.size++;
      this.high[slot] = high;
      this.low[slot] = low;
    }
    this.counts[slot] = before + 1;
    return before;
  }

  /** The slot holding the key, or the empty slot where it belongs. */
  private find(high: number, low: number): number {
    const mask = this.capacity - 1;
    // The key is already a hash: its low bits spread well.
    let slot = (low ^ high) & mask;
    while (this.counts[slot] !== 0 && (this.high[slot] !== high || this.low[slot] !== low)) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { high, low, counts } = this;
    this.capacity *= 2;
    this.high = new Uint32Array(this.capacity);
    this.low = new Uint32Array(this.capacity);
    this.counts = new Uint32Array(this.capacity);
    for (let slot = 0; slot < counts.length; slot++) {
      if (counts[slot] === 0) continue;
      const target = this.find(high[slot], low[slot]);
      this.high[target] = high[slot];
      this.low[target] = low[slot];
      this.counts[target] = counts[slot];
    }
  }
}

/** The 32-bit value of 8 lowercase hex digits at `start` (checked by `fits`). */
function hexWord(key: string, start: number): number {
  let value = 0;
  for (let index = start; index < start + 8; index++) {
    const code = key.charCodeAt(index);
    value = (value << 4) | (code <= 0x39 ? code - 0x30 : code - 0x57);
  }
  return value >>> 0;
}
