/**
 * Bump when the schema changes in a way old journals cannot be read.
 * 2: items have an integer id and results are keyed by it (a million random text-key
 * inserts into the results index cost more than the rest of collecting).
 */
export const JOURNAL_VERSION = 2;

/** Bytes per page of a new journal (older journals keep theirs): see Journal's constructor. */
export const JOURNAL_PAGE_SIZE = 16384;

/** Created first, so the version can be checked before anything else is touched. */
export const META_SCHEMA = "CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);";

/**
 * The index of items by key. A new run's items are loaded without it and the index built
 * once at the end: sorting a million random keys is several times faster than keeping the
 * index up to date row by row. (Items come in chunk order, so `items_by_chunk` costs little
 * to keep up to date.)
 */
export const ITEM_KEY_INDEX = "CREATE UNIQUE INDEX IF NOT EXISTS items_by_key ON items (key);";
export const ITEM_KEY_INDEX_NAME = "items_by_key";

export const JOURNAL_SCHEMA = `
CREATE TABLE IF NOT EXISTS items (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  wire_id TEXT NOT NULL,
  row INTEGER NOT NULL,
  chunk_id TEXT NOT NULL
);
${ITEM_KEY_INDEX}
CREATE INDEX IF NOT EXISTS items_by_chunk ON items (chunk_id);
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
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  chunk_id TEXT,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL
);
`;
