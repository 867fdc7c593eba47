/** Seeded randomness for faults and shuffles (deterministic), and random ids (not). */
import { randomBytes } from "node:crypto";

import { mulberry32, type Random } from "../util/random.js";

export type { Random };

/** The seeded generator for fault dice and shuffles. */
export const createRandom = mulberry32;

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
