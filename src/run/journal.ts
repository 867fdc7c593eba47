import { availableParallelism } from "node:os";
import { existsSync } from "node:fs";
import { basename, dirname, join, sep } from "node:path";
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { RunStateError } from "../errors.js";
import type { StoredResultBatch } from "../providers/stored-results.js";
import type { ItemResult, RemoteBatch } from "../types.js";
import { ITEM_KEY_INDEX, ITEM_KEY_INDEX_NAME, JOURNAL_PAGE_SIZE, JOURNAL_SCHEMA, JOURNAL_VERSION, META_SCHEMA } from "./journal-schema.js";
import { ResultTally, type ChunkCounts, type ResultCounts, type TalliedRow } from "./result-tally.js";

export type { ResultCounts } from "./result-tally.js";

/**
 * Where a chunk is in its life. Written in this order, each before the remote call it guards:
 * staged (file written and hashed) → submitting (about to create; tag in remote metadata)
 * → submitted (remote id recorded) → ended (remote batch terminal) → collected (results stored).
 */
export type ChunkState = "staged" | "submitting" | "submitted" | "ended" | "collected";

export interface ChunkRecord {
  id: string;
  attempt: number;
  path: string;
  rows: number;
  bytes: number;
  sha256: string;
  state: ChunkState;
  remote?: RemoteBatch;
  remoteState?: string;
  batchState?: string;
  batchError?: string;
  done: number;
  failed: number;
  /** When the state last changed (epoch ms). */
  updatedAt: number;
}

/** A stored result row, keyed by item key. */
export interface StoredResult extends ItemResult {
  chunkId: string;
}

/** Items to record, parallel arrays in input order (see `addItems`). */
export interface ItemRows {
  keys: readonly string[];
  wireIds: readonly string[];
  rows: readonly number[];
  chunkIds: readonly string[];
}

/** A chunk's items: the item id and key of each wire id (see `chunkItems`). */
export type ChunkItems = Map<string, { id: number; key: string }>;

/**
 * Results to store, parallel arrays (see `putResults`): `itemIds` from `chunkItems`, `texts`
 * already as JSON (`JSON.stringify(result.texts)`).
 */
export type ResultRows = Omit<StoredResultBatch, "wireIds"> & {
  itemIds: number[];
  keys: string[];
};

/**
 * Results in any storage (see PackedResults): `write(position, into, at)` writes the row at
 * `position` as 8 values from `into[at]`: item id, key, status, texts (JSON), input tokens,
 * output tokens, error code, error message.
 */
export interface ResultColumns {
  count: number;
  write(position: number, into: SQLInputValue[], at: number): void;
  /**
   * Optional, for speed: whether the row at `position` is a plain success (succeeded, no
   * error code or message), and such a row as 5 values (item id, key, texts, input and
   * output tokens). They are stored with 6 parameters instead of 9: binding parameters is
   * most of the cost of storing a row.
   */
  isPlainSuccess?(position: number): boolean;
  writePlainSuccess?(position: number, into: SQLInputValue[], at: number): void;
}

/** SQLite's default: checkpoint at the commit that takes the WAL past this many pages. */
const AUTO_CHECKPOINT_PAGES = 1000;

/** Rows per multi-row INSERT: node:sqlite's cost per statement call dominates one-row inserts. */
const ROWS_PER_INSERT = 64;

/**
 * Helper threads SQLite's sorter may use to build the key index (it runs while nothing else
 * does: a million keys in ~0.29 s instead of ~0.40 s on 2 cores).
 */
const INDEX_SORT_THREADS = Math.min(4, availableParallelism());

const RESULT_COLUMNS = "item_id, key, status, texts, input_tokens, output_tokens, error_code, error_message, chunk_id";
/** A result row's values: text columns may come as UTF-8 bytes (CAST of a blob to TEXT keeps its bytes). */
const RESULT_TUPLE = "(?, CAST(? AS TEXT), ?, CAST(? AS TEXT), ?, ?, CAST(? AS TEXT), CAST(? AS TEXT), ?)";
/** A plain success's values (see ResultColumns.isPlainSuccess). */
const SUCCESS_TUPLE = "(?, CAST(? AS TEXT), 'succeeded', CAST(? AS TEXT), ?, ?, NULL, NULL, ?)";
/** A succeeded result is final: a later line for the same item never overwrites it. */
const RESULT_UPSERT = `ON CONFLICT(item_id) DO UPDATE SET status = excluded.status, texts = excluded.texts,
  input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
  error_code = excluded.error_code, error_message = excluded.error_message, chunk_id = excluded.chunk_id
  WHERE results.status != 'succeeded'`;

/**
 * The run's journal: one SQLite file (node:sqlite, WAL). Every state change that guards a
 * remote call is committed before the call. Bulk writes are batched in transactions.
 */
export class Journal {
  private readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();
  private readonly multiRowStatements = new Map<string, { statement: StatementSync; args: SQLInputValue[] }>();
  /** Row positions in storing order, for putResultColumns (kept for the next call). */
  private positionScratch = new Int32Array(0);
  /** The items of the chunk `keyForWireId` last looked in; dropped whenever items change. */
  private lookup?: { chunkId: string; items: ChunkItems };
  /** The item count as last counted, and SQLite's data_version then (another connection's commit changes it). */
  private itemCountKept?: { dataVersion: number; count: number };
  /** Result counts kept between questions (counting scans every result: ~0.4 s a million). */
  private readonly tally = new ResultTally();

  private constructor(readonly path: string) {
    try {
      this.db = new DatabaseSync(path);
      // page_size applies to a new file only, and must come before WAL mode fixes it: 16 KB
      // pages store and checkpoint a million result rows faster than the default 4 KB.
      this.db.exec(`PRAGMA page_size = ${JOURNAL_PAGE_SIZE}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;`);
      // The version is checked before the schema, so another version's journal is never altered.
      this.db.exec(META_SCHEMA);
      this.checkVersion();
      this.db.exec(JOURNAL_SCHEMA);
    } catch (error) {
      if (error instanceof RunStateError) throw error;
      throw new RunStateError(
        `the journal ${path} cannot be opened (${(error as Error).message}); it may be damaged. ` +
          `Move it aside and start a new run, or restore it from a backup`,
        { cause: error },
      );
    }
  }

  static open(path: string): Journal {
    return new Journal(path);
  }

  close(): void {
    this.db.close();
  }

  /** Open a long transaction (prepare, collect); end it with `commit` or `rollback`. */
  begin(): void {
    this.db.exec("BEGIN IMMEDIATE");
  }

  /**
   * `deferCheckpoint`: skip the WAL checkpoint SQLite would run at this commit, for a caller
   * that has it done on another thread (see checkpointInBackground); any later commit still
   * runs the automatic one.
   */
  commit(options: { deferCheckpoint?: boolean } = {}): void {
    if (!options.deferCheckpoint) {
      this.db.exec("COMMIT");
      return;
    }
    this.db.exec("PRAGMA wal_autocheckpoint = 0");
    try {
      this.db.exec("COMMIT");
    } finally {
      this.db.exec(`PRAGMA wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    }
  }

  rollback(): void {
    this.itemsChanged();
    this.tally.reset();
    if (this.db.isTransaction) this.db.exec("ROLLBACK");
  }

  /** Run `work` in one transaction; rolls back if it throws. */
  transaction<T>(work: () => T): T {
    this.db.exec("BEGIN IMMEDIATE");
    try {
      const value = work();
      this.db.exec("COMMIT");
      return value;
    } catch (error) {
      this.itemsChanged();
      this.tally.reset();
      this.db.exec("ROLLBACK");
      throw error;
    }
  }

  // --- run metadata -----------------------------------------------------------------

  getMeta(key: string): string | undefined {
    const row = this.statement("SELECT v FROM meta WHERE k = ?").get(key) as { v: string } | undefined;
    return row?.v;
  }

  setMeta(key: string, value: string): void {
    this.statement("INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v").run(key, value);
  }

  event(kind: string, chunkId: string | null, detail: string): void {
    this.statement("INSERT INTO events (at, chunk_id, kind, detail) VALUES (?, ?, ?, ?)").run(Date.now(), chunkId, kind, detail);
  }

  // --- items ------------------------------------------------------------------------

  /** Items may have changed (added, moved, or a transaction rolled back): drop what is kept about them. */
  private itemsChanged(): void {
    this.lookup = undefined;
    this.itemCountKept = undefined;
  }

  /** Record an item; call inside `transaction` for speed. */
  addItem(key: string, wireId: string, row: number, chunkId: string): void {
    this.itemsChanged();
    this.statement("INSERT INTO items (key, wire_id, row, chunk_id) VALUES (?, ?, ?, ?)").run(key, wireId, row, chunkId);
  }

  /** Record items in input order, many per statement; call inside a transaction. */
  addItems(items: ItemRows): void {
    this.itemsChanged();
    const { keys, wireIds, rows, chunkIds } = items;
    this.insertMany("INSERT INTO items (key, wire_id, row, chunk_id) VALUES ", "(?, ?, ?, ?)", "", keys.length, 4, (args, at, index) => {
      args[at] = keys[index];
      args[at + 1] = wireIds[index];
      args[at + 2] = rows[index];
      args[at + 3] = chunkIds[index];
    });
  }

  /**
   * Before loading a new run's items (inside the prepare transaction): drop the key index
   * while the table is empty; `finishItemLoad` builds it once, sorted. Without this, a
   * million random keys cost seconds of index updates. Does nothing when the journal already
   * has items. A rollback restores the index.
   */
  startItemLoad(): void {
    if (this.itemCount() > 0) return;
    this.db.exec(`DROP INDEX IF EXISTS ${ITEM_KEY_INDEX_NAME}`);
  }

  /** Build the key index (see `startItemLoad`); call before committing. */
  finishItemLoad(): void {
    this.db.exec(`PRAGMA threads = ${INDEX_SORT_THREADS}`);
    try {
      this.db.exec(ITEM_KEY_INDEX);
    } finally {
      this.db.exec("PRAGMA threads = 0");
    }
  }

  moveItemToChunk(key: string, chunkId: string): void {
    this.itemsChanged();
    this.statement("UPDATE items SET chunk_id = ? WHERE key = ?").run(chunkId, key);
  }

  /** The key of the chunk's item with this wire id (the chunk's items are read once and kept for the next calls). */
  keyForWireId(wireId: string, chunkId: string): string | undefined {
    if (this.lookup?.chunkId !== chunkId) this.lookup = { chunkId, items: this.chunkItems(chunkId) };
    return this.lookup.items.get(wireId)?.key;
  }

  /** The items of a chunk by wire id: one query per chunk instead of one per output line. */
  chunkItems(chunkId: string): ChunkItems {
    const items: ChunkItems = new Map();
    for (const row of this.statement("SELECT id, key, wire_id FROM items WHERE chunk_id = ?").iterate(chunkId)) {
      const { id, key, wire_id } = row as { id: number; key: string; wire_id: string };
      items.set(wire_id, { id, key });
    }
    return items;
  }

  /**
   * How many of the chunk's items have a result at all (from any chunk). Cheap for a
   * first-attempt chunk, whose items have consecutive ids.
   */
  resultCountOf(chunkId: string): number {
    const range = this.statement("SELECT min(id) AS low, max(id) AS high, count(*) AS n FROM items WHERE chunk_id = ?").get(chunkId) as {
      low: number | null;
      high: number | null;
      n: number;
    };
    if (range.n === 0) return 0;
    const row =
      range.high! - range.low! + 1 === range.n
        ? this.statement("SELECT count(*) AS n FROM results WHERE item_id BETWEEN ? AND ?").get(range.low, range.high)
        : this.statement("SELECT count(*) AS n FROM results r JOIN items i ON r.item_id = i.id WHERE i.chunk_id = ?").get(chunkId);
    return (row as { n: number }).n;
  }

  /** Wire ids of the chunk's rows that already have a result from that chunk. */
  wireIdsWithResultFrom(chunkId: string): string[] {
    const rows = this.statement(
      "SELECT i.wire_id FROM items i JOIN results r ON r.item_id = i.id AND r.chunk_id = i.chunk_id WHERE i.chunk_id = ?",
    ).all(chunkId) as { wire_id: string }[];
    return rows.map((row) => row.wire_id);
  }

  /** How many items the run has (kept between questions while nothing changes them: a progress poll asks every time). */
  itemCount(): number {
    const dataVersion = this.dataVersion();
    if (this.itemCountKept?.dataVersion !== dataVersion) {
      this.itemCountKept = { dataVersion, count: (this.statement("SELECT count(*) AS n FROM items").get() as { n: number }).n };
    }
    return this.itemCountKept.count;
  }

  /** Keys of the chunk that have no result written by that chunk. */
  keysWithoutResultFrom(chunkId: string): string[] {
    const rows = this.statement(
      "SELECT i.key FROM items i LEFT JOIN results r ON r.item_id = i.id AND r.chunk_id = i.chunk_id WHERE i.chunk_id = ? AND r.item_id IS NULL",
    ).all(chunkId) as { key: string }[];
    return rows.map((row) => row.key);
  }

  // --- chunks -----------------------------------------------------------------------

  addChunk(chunk: { id: string; attempt: number; path: string; rows: number; bytes: number; sha256: string }): void {
    this.statement(
      "INSERT INTO chunks (id, attempt, path, rows, bytes, sha256, state, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'staged', ?)",
    ).run(chunk.id, chunk.attempt, chunk.path, chunk.rows, chunk.bytes, chunk.sha256, Date.now());
  }

  chunks(): ChunkRecord[] {
    const rows = this.statement("SELECT * FROM chunks ORDER BY attempt, id").all() as unknown as ChunkRow[];
    return rows.map((row) => toChunkRecord({ ...row, path: ownFile(dirname(this.path), row.path) }));
  }

  setChunkState(id: string, state: ChunkState, changes: Partial<ChunkChanges> = {}): void {
    const current = this.chunks().find((chunk) => chunk.id === id);
    if (!current) throw new RunStateError(`chunk ${id} is not in the journal ${this.path}`);
    this.statement(
      `UPDATE chunks SET state = ?, remote_id = ?, remote = ?, remote_state = ?, batch_state = ?, batch_error = ?,
       done = ?, failed = ?, updated_at = ? WHERE id = ?`,
    ).run(
      state,
      changes.remote?.id ?? current.remote?.id ?? null,
      JSON.stringify(changes.remote ?? current.remote ?? null),
      changes.remoteState ?? current.remoteState ?? null,
      changes.batchState ?? current.batchState ?? null,
      changes.batchError ?? current.batchError ?? null,
      changes.done ?? current.done,
      changes.failed ?? current.failed,
      Date.now(),
      id,
    );
    this.event(state, id, changes.remote?.id ?? changes.remoteState ?? "");
  }

  /** Progress counters only (no event): called often during realtime runs. */
  setChunkProgress(id: string, done: number, failed: number): void {
    this.statement("UPDATE chunks SET done = ?, failed = ?, updated_at = ? WHERE id = ?").run(done, failed, Date.now(), id);
  }

  // --- results ----------------------------------------------------------------------

  /**
   * Store the result of one of the run's items (a key that is not one is ignored). A
   * succeeded result is final: a later line for the same key (a retry racing a late output,
   * a duplicated output line) never overwrites it.
   */
  putResult(result: ItemResult, chunkId: string): void {
    // What the row replaces, when counts are kept, so they can follow without a recount.
    const before = this.tally.tracking
      ? (this.statement(
          "SELECT r.status, r.input_tokens AS input, r.output_tokens AS output, r.chunk_id AS chunkId FROM results r JOIN items i ON i.id = r.item_id WHERE i.key = ?",
        ).get(result.key) as TalliedRow | undefined)
      : undefined;
    const input = result.usage?.input_tokens ?? 0;
    const output = result.usage?.output_tokens ?? 0;
    const { changes } = this.statement(
      `INSERT INTO results (${RESULT_COLUMNS}) SELECT id, key, ?, ?, ?, ?, ?, ?, ? FROM items WHERE key = ? ${RESULT_UPSERT}`,
    ).run(result.status, JSON.stringify(result.texts), input, output, result.error?.code ?? null, result.error?.message ?? null, chunkId, result.key);
    if (Number(changes) > 0) this.tally.stored(before, { status: result.status, input, output, chunkId });
  }

  /**
   * Store many results, in order (or in the order of the positions in `order`), with the
   * same rule as `putResult` (rows repeating an item apply one after another). Many rows per
   * statement; call inside a transaction.
   */
  putResults(results: ResultRows, chunkId: string, order?: ArrayLike<number>): void {
    const { itemIds, keys, statuses, texts, inputTokens, outputTokens, errorCodes, errorMessages } = results;
    this.putResultColumns({
      count: itemIds.length,
      write(position, args, at) {
        const index = order ? order[position] : position;
        args[at] = itemIds[index];
        args[at + 1] = keys[index];
        args[at + 2] = statuses[index];
        args[at + 3] = texts[index];
        args[at + 4] = inputTokens[index];
        args[at + 5] = outputTokens[index];
        args[at + 6] = errorCodes[index];
        args[at + 7] = errorMessages[index];
      },
    }, chunkId);
  }

  /**
   * Store results given as columns (see ResultColumns), in their order, by the rule of
   * `putResult`. Text columns may be given as UTF-8 bytes: they are stored as TEXT all the same
   * (CAST of a blob to TEXT keeps its bytes), which spares making strings only to encode them again.
   */
  putResultColumns(results: ResultColumns, chunkId: string): void {
    this.tally.reset();
    const head = `INSERT INTO results (${RESULT_COLUMNS}) VALUES `;
    const tail = ` ${RESULT_UPSERT}`;
    if (!results.isPlainSuccess || !results.writePlainSuccess) {
      this.insertMany(head, RESULT_TUPLE, tail, results.count, 9, (args, at, position) => {
        results.write(position, args, at);
        args[at + 8] = chunkId;
      });
      return;
    }
    // Plain successes first, then the other rows, each kind in its order. The stored rows are
    // the same as in one pass: a success is final whichever comes first, and rows of one
    // kind keep their order among themselves.
    const positions = this.positionScratch.length >= results.count ? this.positionScratch : (this.positionScratch = new Int32Array(results.count));
    // Successes fill `positions` from the front, the others from the back (so backwards).
    const last = results.count - 1;
    let successes = 0;
    let others = 0;
    for (let position = 0; position <= last; position++) {
      if (results.isPlainSuccess(position)) positions[successes++] = position;
      else positions[last - others++] = position;
    }
    this.insertMany(head, SUCCESS_TUPLE, tail, successes, 6, (args, at, index) => {
      results.writePlainSuccess!(positions[index], args, at);
      args[at + 5] = chunkId;
    });
    this.insertMany(head, RESULT_TUPLE, tail, others, 9, (args, at, index) => {
      results.write(positions[last - index], args, at);
      args[at + 8] = chunkId;
    });
  }

  getResult(key: string): StoredResult | undefined {
    const row = this.statement("SELECT * FROM results WHERE item_id = (SELECT id FROM items WHERE key = ?)").get(key) as
      | ResultRow
      | undefined;
    return row ? toStoredResult(row) : undefined;
  }

  /**
   * Every item that has a result, with its input row, in item id order (the order prepare
   * added them: input order), streamed: reading the results front to back, where looking each
   * one up by key reads the journal in the keys' (hash) order.
   */
  *resultsInItemOrder(): Generator<{ row: number; stored: StoredResult }> {
    const rows = this.statement("SELECT i.row AS item_row, r.* FROM items i JOIN results r ON r.item_id = i.id ORDER BY i.id").iterate();
    for (const row of rows) yield { row: (row as { item_row: number }).item_row, stored: toStoredResult(row as unknown as ResultRow) };
  }

  /** Keys whose result is failed or expired or cancelled, in input order. */
  retryableKeys(): string[] {
    const rows = this.statement(
      "SELECT r.key FROM results r JOIN items i ON i.id = r.item_id WHERE r.status != 'succeeded' ORDER BY i.row",
    ).all() as { key: string }[];
    return rows.map((row) => row.key);
  }

  chunkResultCounts(chunkId: string): ChunkCounts {
    this.tally.check(this.dataVersion());
    return this.tally.chunkOr(
      chunkId,
      () =>
        this.statement("SELECT count(*) AS total, coalesce(sum(status = 'succeeded'), 0) AS succeeded FROM results WHERE chunk_id = ?").get(
          chunkId,
        ) as unknown as ChunkCounts,
    );
  }

  /** Results by status, and tokens (kept between questions while nothing else changes them: see ResultTally). */
  resultCounts(): ResultCounts {
    this.tally.check(this.dataVersion());
    return this.tally.totalsOr(() => {
      const rows = this.statement(
        "SELECT status, count(*) AS n, sum(input_tokens) AS input, sum(output_tokens) AS output FROM results GROUP BY status",
      ).all() as { status: string; n: number; input: number; output: number }[];
      const counts: ResultCounts = { succeeded: 0, failed: 0, expired: 0, cancelled: 0, input_tokens: 0, output_tokens: 0 };
      for (const row of rows) {
        counts[row.status] = row.n;
        counts.input_tokens += row.input ?? 0;
        counts.output_tokens += row.output ?? 0;
      }
      return counts;
    });
  }

  /** Changes whenever another connection commits to the journal (SQLite's data_version). */
  private dataVersion(): number {
    return (this.statement("PRAGMA data_version").get() as { data_version: number }).data_version;
  }

  /** `head` + `count` tuples + `tail`, ROWS_PER_INSERT tuples per statement; `fill` writes one row's `width` values at `at`. */
  private insertMany(
    head: string,
    tuple: string,
    tail: string,
    count: number,
    width: number,
    fill: (args: SQLInputValue[], at: number, index: number) => void,
  ): void {
    let index = 0;
    let full: { statement: StatementSync; args: SQLInputValue[] } | undefined;
    let last: SQLInputValue[] | undefined;
    while (index < count) {
      const rows = Math.min(ROWS_PER_INSERT, count - index);
      const insert = rows === ROWS_PER_INSERT ? (full ??= this.multiRow(head, tuple, tail, rows, width)) : this.multiRow(head, tuple, tail, rows, width);
      const args = (last = insert.args);
      for (let offset = 0; offset < rows; offset++) fill(args, offset * width, index + offset);
      insert.statement.run(...args);
      index += rows;
    }
    // The cached argument arrays must not keep the values (large strings, buffers) alive.
    full?.args.fill(null);
    last?.fill(null);
  }

  /** The statement inserting `rows` tuples, with an argument array to fill (both cached). */
  private multiRow(head: string, tuple: string, tail: string, rows: number, width: number): { statement: StatementSync; args: SQLInputValue[] } {
    const name = `${head}\u0000${tuple}\u0000${tail}\u0000${rows}`;
    let insert = this.multiRowStatements.get(name);
    if (!insert) {
      insert = { statement: this.db.prepare(head + new Array(rows).fill(tuple).join(", ") + tail), args: new Array(rows * width) };
      this.multiRowStatements.set(name, insert);
    }
    return insert;
  }

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private checkVersion(): void {
    const version = this.getMeta("journal_version");
    if (version === undefined) this.setMeta("journal_version", String(JOURNAL_VERSION));
    else if (version !== String(JOURNAL_VERSION)) {
      throw new RunStateError(
        `the journal ${this.path} has version ${version}; this batchlab reads version ${JOURNAL_VERSION}. Use the batchlab version that made it`,
      );
    }
  }
}

interface ChunkChanges {
  remote: RemoteBatch;
  remoteState: string;
  batchState: string;
  batchError: string;
  done: number;
  failed: number;
}

interface ChunkRow {
  id: string;
  attempt: number;
  path: string;
  rows: number;
  bytes: number;
  sha256: string;
  state: ChunkState;
  remote: string | null;
  remote_state: string | null;
  batch_state: string | null;
  batch_error: string | null;
  done: number;
  failed: number;
  updated_at: number;
}

interface ResultRow {
  key: string;
  status: ItemResult["status"];
  texts: string;
  input_tokens: number;
  output_tokens: number;
  error_code: string | null;
  error_message: string | null;
  chunk_id: string;
}

/**
 * A file the run recorded under its own folder, read from the folder the run is in now: a run
 * folder may be moved or renamed, any number of times, after its files were recorded. Taken
 * from this folder only when it has the file, so a journal copied without its files keeps the
 * recorded paths; never from the old place when this folder has it (another run may be there
 * now).
 */
export function ownFile(root: string, recorded: string): string {
  if (recorded.startsWith(root + sep)) return recorded;
  // The run's files are its dataset copy at the top and its chunk files in chunks/.
  const folder = basename(dirname(recorded));
  const own = folder === "chunks" ? join(root, folder, basename(recorded)) : join(root, basename(recorded));
  return existsSync(own) ? own : recorded;
}

function toChunkRecord(row: ChunkRow): ChunkRecord {
  const remote = row.remote ? (JSON.parse(row.remote) as RemoteBatch | null) : null;
  return {
    id: row.id,
    attempt: row.attempt,
    path: row.path,
    rows: row.rows,
    bytes: row.bytes,
    sha256: row.sha256,
    state: row.state,
    remote: remote ?? undefined,
    remoteState: row.remote_state ?? undefined,
    batchState: row.batch_state ?? undefined,
    batchError: row.batch_error ?? undefined,
    done: row.done,
    failed: row.failed,
    updatedAt: row.updated_at,
  };
}

function toStoredResult(row: ResultRow): StoredResult {
  return {
    key: row.key,
    status: row.status,
    texts: JSON.parse(row.texts) as string[],
    usage: { input_tokens: row.input_tokens, output_tokens: row.output_tokens },
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? "" } : undefined,
    chunkId: row.chunk_id,
  };
}
