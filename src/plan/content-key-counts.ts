/**
 * How many times each content key (16 hex digits: 64 bits) has been seen, in a flat
 * open-addressing table of 8 bytes a slot, at most 85% full (a Map of strings takes ~70
 * bytes a key, and hashes strings). Repeats are rare, so their counts live in a small Map.
 * The table doubles when full: each growth moves every key, so fewer, larger steps cost
 * less (prepare 1M: ~3% faster than growing by a quarter). A million rows take 16 MB.
 */
export class ContentKeyCounts {
  private capacity = 1 << 16;
  private size = 0;
  private high = new Uint32Array(this.capacity);
  private low = new Uint32Array(this.capacity);
  /** The all-zero key cannot mark an empty slot; it is tracked on its own. */
  private zeroSeen = false;
  /** Sightings of keys seen more than once. */
  private readonly repeats = new Map<string, number>();

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
    let seen: boolean;
    if (high === 0 && low === 0) {
      seen = this.zeroSeen;
      this.zeroSeen = true;
    } else {
      const slot = this.find(high, low);
      seen = this.high[slot] !== 0 || this.low[slot] !== 0;
      if (!seen) {
        this.high[slot] = high;
        this.low[slot] = low;
        if (++this.size > this.capacity * 0.85) this.grow();
      }
    }
    if (!seen) return 0;
    const before = this.repeats.get(key) ?? 1;
    this.repeats.set(key, before + 1);
    return before;
  }

  /** The slot holding the key, or the empty slot where it belongs. */
  private find(high: number, low: number): number {
    const capacity = this.capacity;
    // The key is already a hash: its high bits, scaled to the table, spread well.
    let slot = Math.floor((high * capacity) / 4294967296);
    while ((this.high[slot] !== 0 || this.low[slot] !== 0) && (this.high[slot] !== high || this.low[slot] !== low)) {
      if (++slot === capacity) slot = 0;
    }
    return slot;
  }

  private grow(): void {
    const { high, low } = this;
    this.capacity *= 2;
    this.high = new Uint32Array(this.capacity);
    this.low = new Uint32Array(this.capacity);
    for (let slot = 0; slot < high.length; slot++) {
      if (high[slot] === 0 && low[slot] === 0) continue;
      const target = this.find(high[slot], low[slot]);
      this.high[target] = high[slot];
      this.low[target] = low[slot];
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
