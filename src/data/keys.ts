import { hash } from "node:crypto";
import { canonicalJson } from "./canonical-json.js";
import { readField } from "./field-path.js";

/** Length of a content key in hex characters (64 bits: collisions are negligible per dataset). */
const CONTENT_KEY_LENGTH = 16;

/**
 * A stable key for a row without an id: the first 16 hex characters of the sha256 of its
 * canonical JSON (keys sorted), so reordering fields or rows never changes it.
 */
export function contentKey(fields: Record<string, unknown>): string {
  // One-shot hash: a third cheaper than createHash().update().digest(), same digest.
  return hash("sha256", canonicalJson(fields), "hex").slice(0, CONTENT_KEY_LENGTH);
}

/**
 * The row's key from its `dataKey` field, as a string. Strings are used as they are, finite
 * numbers and bigints are converted; anything else (missing, null, empty, objects, booleans)
 * gives `undefined` so the caller can report the row. Dotted names read nested fields.
 */
export function keyOf(fields: Record<string, unknown>, dataKey: string | undefined): string | undefined {
  if (dataKey === undefined) return undefined;
  const value = readField(fields, dataKey);
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === "bigint") return String(value);
  return undefined;
}
