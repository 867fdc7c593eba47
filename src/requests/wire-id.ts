import { createHash } from "node:crypto";

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * An id every provider accepts (Anthropic allows only 1-64 of [A-Za-z0-9_-]).
 * Safe keys are used as they are, so ids stay readable; others become a hash.
 * The journal maps the id back to the key, so the hash never needs reversing.
 */
export function safeWireId(key: string): string {
  if (SAFE_ID.test(key) && !key.startsWith("h_")) return key;
  return `h_${createHash("sha256").update(key).digest("base64url").slice(0, 40)}`;
}
