/** Bump when the schema changes in a way old journals cannot be read. */
export const JOURNAL_VERSION = 1;

export const JOURNAL_SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items (
  key TEXT PRIMARY KEY,
  wire_id TEXT NOT NULL,
  row INTEGER NOT NULL,
  chunk_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS items_by_wire_id ON items (wire_id);
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
  key TEXT PRIMARY KEY,
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
