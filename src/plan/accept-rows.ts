import type { InputProblem } from "../errors.js";
import type { Request } from "../types.js";
import { ChunkWriter, EncodedLines } from "./chunk-writer.js";
import type { ItemKeys } from "./items.js";
import { keyAt, wireIdAt, type PreparedBatch } from "./row-preparer.js";

/** Items as they were placed in chunks, parallel arrays in input order. */
export interface PlacedItems {
  keys: string[];
  wireIds: string[];
  rows: number[];
  chunkIds: string[];
}

export interface AcceptOptions {
  keys: ItemKeys;
  only?: ReadonlySet<string>;
  report(problem: InputProblem): void;
  /** Problems so far: once there is one, rows are still checked but no longer written. */
  problemCount(): number;
  /** Most bytes one encoded line may have (the provider's file limit). */
  rowLimitBytes: number;
  displayFile: string;
  writer: ChunkWriter;
  /** Called with every batch of accepted items (input order). */
  onItems(items: PlacedItems): void;
  onRequest?(request: Request): void;
  /** The one-row batch for a row built again with its final key (a repeated content row). */
  rebuild(row: number, fields: Record<string, unknown>, key: string): PreparedBatch;
}

/**
 * The sequential half of preparing: takes prepared batches in input order and decides,
 * row by row, exactly as a one-row-at-a-time loop would: final keys (duplicates), the
 * `only` filter, problems in row order, the size limit; then writes the accepted lines to
 * chunk files and hands the items over in one call per batch.
 */
export class RowAcceptor {
  /** Valid rows seen (written or, after a problem, only checked). */
  rows = 0;
  inputTokens = 0;
  /** Local image files the requests refer to, in first-use order. */
  readonly localImages = new Set<string>();

  constructor(private readonly options: AcceptOptions) {}

  /**
   * Accept one batch. `rowOffset` is added to the batch's rows (and its problems' rows);
   * `fieldsOf(entry)` reads an item's fields again when its key changes.
   */
  async accept(batch: PreparedBatch, rowOffset: number, fieldsOf: (entry: number) => Record<string, unknown>): Promise<void> {
    const { keys, only, writer } = this.options;
    const lines = new EncodedLines();
    const placed: PlacedItems = { keys: [], wireIds: [], rows: [], chunkIds: [] };
    let problemIndex = 0;
    let imageIndex = 0;
    let offset = 0;
    for (let entry = 0; entry < batch.count; entry++) {
      let bytes = batch.bytes[entry];
      let start = offset;
      offset += bytes;
      let problems: InputProblem[] | undefined;
      if (batch.problems[problemIndex]?.entry === entry) problems = batch.problems[problemIndex++].list;
      let images: string[] | undefined;
      if (batch.localImages[imageIndex]?.entry === entry) images = batch.localImages[imageIndex++].urls;
      let shift = rowOffset;
      const row = batch.rows[entry] + rowOffset;
      if (!batch.isItem[entry]) {
        this.reportAll(problems, shift);
        continue;
      }
      const candidate = keyAt(batch, entry);
      const key = keys.assign(row, candidate);
      if (key === undefined) continue;
      if (only && !only.has(key)) continue;
      let source = batch;
      let index = entry;
      if (key !== candidate) {
        source = this.options.rebuild(row, fieldsOf(entry), key);
        index = 0;
        start = 0;
        bytes = source.bytes[0];
        problems = source.problems[0]?.list;
        images = source.localImages[0]?.urls;
        shift = 0;
      }
      if (problems) {
        this.reportAll(problems, shift);
        continue;
      }
      if (bytes > this.options.rowLimitBytes) {
        this.options.report({
          file: this.options.displayFile,
          row,
          message: `the request is ${bytes} bytes, over the provider's limit of ${this.options.rowLimitBytes} bytes per batch file; shorten the prompt or images`,
        });
        continue;
      }
      this.rows++;
      if (source.tokens) this.inputTokens += source.tokens[index];
      if (images) for (const url of images) this.localImages.add(url);
      if (this.options.onRequest) this.options.onRequest(source.requests![index]!);
      if (this.options.problemCount() > 0) continue; // keep validating, stop writing
      lines.push(source.lines, start, bytes);
      placed.keys.push(key);
      placed.wireIds.push(wireIdAt(source, index) ?? key);
      placed.rows.push(row);
    }
    if (lines.length === 0) return;
    placed.chunkIds = await writer.appendEncoded(lines);
    this.options.onItems(placed);
  }

  private reportAll(problems: InputProblem[] | undefined, shift: number): void {
    for (const problem of problems ?? []) {
      this.options.report(shift === 0 || problem.row === undefined ? problem : { ...problem, row: problem.row + shift });
    }
  }
}
