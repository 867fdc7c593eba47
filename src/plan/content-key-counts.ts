/**
 * How many times each content key (16 hex digits: 64 bits) has been seen, in a flat
 * open-addressing table of 8 bytes a slot, at most 85% full (a Map of strings takes ~70
 * bytes a key, and hashes strings). Repeats are rare, so their counts live in a small Map.
 * The table doubles when full: each growth moves every key, so fewer, larger steps cost
 * less (prepare 1M: ~3% faster than growing by a quarter). A million rows take 16 MB. A key's
 * two halves sit side by side, so a probe touches one cache line, not one in each of two arrays.
 */
export class ContentKeyCounts {
  private capacity = 1 << 16;
  private size = 0;
  /** Slot i: high half at 2i, low half at 2i + 1; all zero when empty. */
  private slots = new Uint32Array(this.capacity * 2);
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
      const at = this.find(high, low);
      seen = this.slots[at] !== 0 || this.slots[at + 1] !== 0;
      if (!seen) {
        this.slots[at] = high;
        this.slots[at + 1] = low;
        if (++this.size > this.capacity * 0.85) this.grow();
      }
    }
    if (!seen) return 0;
    const before = this.repeats.get(key) ?? 1;
    this.repeats.set(key, before + 1);
    return before;
  }

  /** Where in `slots` the key is, or the empty slot where it belongs (the index of its high half). */
  private find(high: number, low: number): number {
    const slots = this.slots;
    const end = slots.length;
    // The key is already a hash: its high bits, scaled to the table, spread well.
    let at = 2 * Math.floor((high * this.capacity) / 4294967296);
    while ((slots[at] !== 0 || slots[at + 1] !== 0) && (slots[at] !== high || slots[at + 1] !== low)) {
      at += 2;
      if (at === end) at = 0;
    }
    return at;
  }

  private grow(): void {
    const old = this.slots;
    this.capacity *= 2;
    this.slots = new Uint32Array(this.capacity * 2);
    for (let at = 0; at < old.length; at += 2) {
      if (old[at] === 0 && old[at + 1] === 0) continue;
      const target = this.find(old[at], old[at + 1]);
      this.slots[target] = old[at];
      this.slots[target + 1] = old[at + 1];
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
