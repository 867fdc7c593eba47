import type { ItemResult } from "../types.js";
import type { Journal, ResultRows } from "./journal.js";

/** Held before writing: enough for a chunk's results to go in as one sorted run, bounded for huge outputs. */
const FLUSH_CHARACTERS = 32 << 20;

/**
 * A chunk's results on their way into the journal. Output files come in the provider's
 * order (shuffled); writing them sorted by item id puts each next to the last instead of
 * all over the table, which is several times cheaper for a million rows. Rows for the same
 * item keep their order (a later line may replace an earlier failed one).
 */
export class PendingResults {
  private rows = emptyRows();
  private characters = 0;
  /** The status each item's stored row ends with, applying rows in order as the journal does. */
  private readonly states = new Map<number, ItemResult["status"]>();

  constructor(
    private readonly journal: Journal,
    private readonly chunkId: string,
  ) {}

  /** Add the result `journal.putResult` would store for this item. */
  add(itemId: number, key: string, result: ItemResult): void {
    this.addRow(itemId, key, result.status, JSON.stringify(result.texts), result.usage?.input_tokens ?? 0, result.usage?.output_tokens ?? 0, result.error?.code ?? null, result.error?.message ?? null);
  }

  /** Add a row already in stored form (`texts` as JSON). */
  addRow(
    itemId: number,
    key: string,
    status: ItemResult["status"],
    texts: string,
    inputTokens: number,
    outputTokens: number,
    errorCode: string | null,
    errorMessage: string | null,
  ): void {
    const rows = this.rows;
    rows.itemIds.push(itemId);
    rows.keys.push(key);
    rows.statuses.push(status);
    rows.texts.push(texts);
    rows.inputTokens.push(inputTokens);
    rows.outputTokens.push(outputTokens);
    rows.errorCodes.push(errorCode);
    rows.errorMessages.push(errorMessage);
    // The journal's rule: a row replaces an item's stored row unless that one succeeded.
    const before = this.states.get(itemId);
    if (before === undefined || before !== "succeeded") this.states.set(itemId, status);
    this.characters += texts.length + 64;
    if (this.characters >= FLUSH_CHARACTERS) this.flush();
  }

  /** Whether the item got a row here. */
  has(itemId: number): boolean {
    return this.states.has(itemId);
  }

  /**
   * The chunk's counts once everything added is stored, when none of its items had a row
   * before (then every row here is the chunk's): rows, and rows that did not succeed.
   */
  counts(): { done: number; failed: number } {
    let succeeded = 0;
    for (const status of this.states.values()) if (status === "succeeded") succeeded++;
    return { done: this.states.size, failed: this.states.size - succeeded };
  }

  /** Write what is held, sorted by item id (stable). */
  flush(): void {
    const rows = this.rows;
    const count = rows.itemIds.length;
    if (count === 0) return;
    // id * 2^21 + position: one numeric sort, ties impossible, so equal ids keep their order.
    const order = new Float64Array(count);
    for (let index = 0; index < count; index++) order[index] = rows.itemIds[index] * 2097152 + index;
    order.sort();
    const positions = new Int32Array(count);
    for (let index = 0; index < count; index++) positions[index] = order[index] % 2097152;
    this.journal.putResults(rows, this.chunkId, positions);
    this.rows = emptyRows();
    this.characters = 0;
  }
}

function emptyRows(): ResultRows {
  return { itemIds: [], keys: [], statuses: [], texts: [], inputTokens: [], outputTokens: [], errorCodes: [], errorMessages: [] };
}
