/**
 * Bump when the schema changes in a way old journals cannot be read.
 * 2: items have an integer id and results are keyed by it (a million random text-key
 * inserts into the results index cost more than the rest of collecting).
 */
export const JOURNAL_VERSION = 2;

/** Created first, so the version can be checked before anything else is touched. */
export const META_SCHEMA = "CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);";

/**
 * The items' indexes. A new run's items are loaded without them and the indexes built once
 * at the end (sorted, several times faster than keeping them up to date row by row).
 */
export const ITEM_INDEXES = `
CREATE UNIQUE INDEX IF NOT EXISTS items_by_key ON items (key);
CREATE INDEX IF NOT EXISTS items_by_chunk ON items (chunk_id, wire_id);
`;
export const ITEM_INDEX_NAMES = ["items_by_key", "items_by_chunk"];

export const JOURNAL_SCHEMA = `
CREATE TABLE IF NOT EXISTS items (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  wire_id TEXT NOT NULL,
  row INTEGER NOT NULL,
  chunk_id TEXT NOT NULL
);
${ITEM_INDEXES}
CREATE TABLE IF NOT EXISTS chunks (
  id TEXT PRIMARY KEY,
  attempt INTEGER NOT NULL,
  path TEXT NOT NULL,
  rows INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  state TEXT NOT NULL,
  remote_id TEXT,
  remote TEXT,
  remote_state TEXT,
  batch_state TEXT,
  batch_error TEXT,
  done INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS results (
  item_id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  status TEXT NOT NULL,
  texts TEXT NOT NULL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  error_code TEXT,
  error_message TEXT,
  chunk_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS results_by_chunk ON results (chunk_id, status);
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  chunk_id TEXT,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL
);
`;
