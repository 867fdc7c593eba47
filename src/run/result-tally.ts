/**
 * Counts of the journal's results (by status, with tokens; and per chunk) kept in step with
 * single-row writes, so a progress display polling a large run, or a realtime run storing one
 * answer at a time, never scans every result again. What it keeps is dropped whenever it
 * cannot follow a change: a bulk write, a rollback, or a commit by another connection (SQLite's
 * data_version); the next question then counts afresh.
 */
export type ResultCounts = Record<string, number> & { input_tokens: number; output_tokens: number };

export interface ChunkCounts {
  total: number;
  succeeded: number;
}

/** A stored result row, as far as the counts are concerned. */
export interface TalliedRow {
  status: string;
  input: unknown;
  output: unknown;
  chunkId: string;
}

export class ResultTally {
  private dataVersion = -1;
  private totals?: ResultCounts;
  private readonly chunks = new Map<string, ChunkCounts>();

  /** Whether anything is kept (a write must then say what it replaced). */
  get tracking(): boolean {
    return this.totals !== undefined || this.chunks.size > 0;
  }

  /** Drop everything kept. */
  reset(): void {
    this.totals = undefined;
    this.chunks.clear();
  }

  /** Drop everything kept if another connection committed since the last look. */
  check(dataVersion: number): void {
    if (dataVersion === this.dataVersion) return;
    this.reset();
    this.dataVersion = dataVersion;
  }

  /** The counts over all results (a copy), counted by `count` when not kept. */
  totalsOr(count: () => ResultCounts): ResultCounts {
    this.totals ??= count();
    return { ...this.totals };
  }

  /** A chunk's counts (a copy), counted by `count` when not kept. */
  chunkOr(chunkId: string, count: () => ChunkCounts): ChunkCounts {
    let counts = this.chunks.get(chunkId);
    if (!counts) this.chunks.set(chunkId, (counts = count()));
    return { ...counts };
  }

  /** One row was stored: `after`, replacing `before` (undefined: a new row). */
  stored(before: TalliedRow | undefined, after: TalliedRow): void {
    if (!isCount(after.input) || !isCount(after.output) || (before && (!isCount(before.input) || !isCount(before.output)))) {
      // Tokens SQL would sum in its own way: leave it to SQL.
      this.reset();
      return;
    }
    if (this.totals) {
      if (before) this.add(this.totals, before, -1);
      this.add(this.totals, after, 1);
    }
    if (before) this.addToChunk(before, -1);
    this.addToChunk(after, 1);
  }

  private add(totals: ResultCounts, row: TalliedRow, sign: number): void {
    totals[row.status] = (totals[row.status] ?? 0) + sign;
    totals.input_tokens += sign * (row.input as number);
    totals.output_tokens += sign * (row.output as number);
  }

  private addToChunk(row: TalliedRow, sign: number): void {
    const counts = this.chunks.get(row.chunkId);
    if (!counts) return;
    counts.total += sign;
    if (row.status === "succeeded") counts.succeeded += sign;
  }
}

function isCount(value: unknown): boolean {
  return typeof value === "number" && Number.isSafeInteger(value);
}
