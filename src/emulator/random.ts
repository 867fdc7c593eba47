/** Seeded randomness for faults and shuffles (deterministic), and random ids (not). */
import { randomBytes } from "node:crypto";

/** A uniform [0, 1) generator. */
export type Random = () => number;

/** mulberry32: small, fast and good enough for fault dice and shuffles. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the parts, to derive a sub-seed (e.g. per batch) from the emulator seed. */
export function deriveSeed(...parts: Array<string | number>): number {
  let hash = 0x811c9dc5;
  for (const char of parts.join("\u0000")) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A random permutation of 0..n-1 (Fisher–Yates). */
export function permutation(n: number, random: Random): Uint32Array {
  const order = new Uint32Array(n);
  for (let index = 0; index < n; index++) order[index] = index;
  for (let index = n - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    const held = order[index];
    order[index] = order[other];
    order[other] = held;
  }
  return order;
}

/** Lowercase hex of `bytes` random bytes, for ids that must not collide across restarts. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}
