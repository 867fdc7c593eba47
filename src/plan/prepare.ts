import { rm, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import type { ResolvedStep } from "../data/config.js";
import { formatOf } from "../data/dataset-file.js";
import { jsonlFields } from "../data/jsonl-dataset.js";
import { inspectDataset, readDataset } from "../data/read-dataset.js";
import { ValidationError, type InputProblem } from "../errors.js";
import type { BatchProvider, ChunkFile, Request } from "../types.js";
import { RowAcceptor, type PlacedItems } from "./accept-rows.js";
import { ChunkWriter, type ChunkLimits } from "./chunk-writer.js";
import { ItemKeys } from "./items.js";
import { runJsonlPipeline } from "./jsonl-pipeline.js";
import { createPreparePool, tokenEstimator, type PoolResult, type PreparePool } from "./prepare-pool.js";
import { copyAndHash, DatasetPass } from "./dataset-pass.js";
import type { JsonlBatch } from "./jsonl-batches.js";
import { RowPreparer, type PreparedBatch, type PreparerSettings } from "./row-preparer.js";
import { threadEncoderOf } from "./thread-encoders.js";

export interface PrepareOptions {
  /** The file to read rows from. */
  datasetFile: string;
  /**
   * Copy the dataset here (the run's copy): JSONL is copied as it is read, in the same pass;
   * other formats are copied first and read from the copy. Either way the copy holds exactly
   * the bytes that were prepared.
   */
  copyTo?: string;
  /** The name to show in error messages (the user's path). */
  displayFile: string;
  /** The folder relative image paths are read from: the user's dataset folder, not the run's copy. */
  imageDir: string;
  step: ResolvedStep;
  provider: Pick<BatchProvider, "wireId" | "encode">;
  limits: ChunkLimits;
  chunksDir: string;
  /** Chunk id prefix: "chunk" for the first attempt, "retry1", "retry2"... after. */
  prefix: string;
  /** Only these keys (a retry); default every row. */
  only?: ReadonlySet<string>;
  /** Called for every accepted item, in input order, with the chunk it went to (unless `onItems` is given). */
  onItem(key: string, wireId: string, row: number, chunkId: string): void;
  /** Called instead of `onItem` with the accepted items a batch at a time, in input order (faster for journals). */
  onItems?(items: PlacedItems): void;
  /** Called when a chunk file is complete (written, hashed, renamed into place). */
  onChunk(chunk: ChunkFile): void;
  /** Called with every valid request (previews). Prepares on the main thread only. */
  onRequest?(request: Request): void;
  /** Estimate the input tokens of every valid request into `PrepareResult.inputTokens` (default false). */
  estimateTokens?: boolean;
  /** Hash the dataset's bytes into `PrepareResult.datasetSha256`, in the same pass (default false). */
  hashDataset?: boolean;
  /**
   * Worker threads for a JSONL dataset (default: one per core for files over 8 MB; none
   * with `onRequest`, or for an encoder that cannot run on a thread). Results are the same
   * either way.
   */
  threads?: number;
}

export interface PrepareResult {
  chunks: ChunkFile[];
  rows: number;
  /** Estimated input tokens of every valid request (with `estimateTokens`, else 0). */
  inputTokens: number;
  /** Local image files (`file:` URLs) the requests refer to, in first-use order. */
  localImages: string[];
  /** sha256 (hex) of the dataset file, with `hashDataset`. */
  datasetSha256?: string;
}

/** Most problems kept in memory; the count goes on. */
const PROBLEM_LIMIT = 1_000;
/** Rows per batch when rows come already parsed (CSV, JSON). */
const BATCH_ROWS = 512;
/** Smaller JSONL files are prepared on the main thread: starting threads costs more. */
const THREADS_FROM_BYTES = 8 << 20;

/**
 * Validate every row and stream the encoded requests into chunk files. Every problem in the
 * input is collected; if there is any, the chunk files are removed and one ValidationError
 * lists them all, so nothing can be uploaded from a bad input.
 *
 * JSONL datasets are parsed, keyed, rendered and encoded in batches on worker threads
 * (RowPreparer) while this thread settles keys, problems and chunk placement in input
 * order (RowAcceptor), writes the files and calls the journal.
 */
export async function prepareChunks(options: PrepareOptions): Promise<PrepareResult> {
  const problems: InputProblem[] = [];
  let problemCount = 0;
  const report = (problem: InputProblem) => {
    problemCount++;
    if (problems.length < PROBLEM_LIMIT) problems.push({ ...problem, file: options.displayFile });
  };
  const info = await inspectDataset(options.datasetFile);
  const settings: PreparerSettings = {
    datasetFile: options.datasetFile,
    displayFile: options.displayFile,
    imageDir: options.imageDir,
    step: options.step,
    dataKey: options.step.dataKey ?? info.defaultKeyField,
    estimateTokens: options.estimateTokens ?? false,
    keepRequests: options.onRequest !== undefined,
  };
  const estimate = settings.estimateTokens ? await tokenEstimator() : undefined;
  const mainPreparer = new RowPreparer(settings, options.provider, estimate);
  const jsonl = info.format === "jsonl" && formatOf(options.datasetFile) === "jsonl";
  const pool = jsonl ? await createPreparePool(settings, options.provider, threadEncoderOf(options.provider), await threadCount(options)) : undefined;
  const pass = jsonl ? new DatasetPass(options.copyTo, options.hashDataset ?? false) : undefined;
  // Threads hash finished chunk files (the main thread hashes the dataset as it reads it).
  const hashFile = pool?.threaded ? (path: string) => pool.hashFile(path) : undefined;
  const writer = new ChunkWriter(options.chunksDir, options.prefix, options.limits, options.onChunk, hashFile);
  const acceptor = new RowAcceptor({
    keys: new ItemKeys(options.displayFile, settings.dataKey, report),
    only: options.only,
    report,
    problemCount: () => problemCount,
    rowLimitBytes: options.limits.maxBytes,
    displayFile: options.displayFile,
    writer,
    onItems: options.onItems ?? ((items) => forEachItem(items, options.onItem)),
    onRequest: options.onRequest,
    rebuild: (row, fields, key) => {
      mainPreparer.start(0);
      mainPreparer.addRow(row, fields, key);
      return mainPreparer.finish();
    },
  });
  try {
    let datasetSha256: string | undefined;
    if (pool && pass) {
      await acceptJsonl(options.datasetFile, pool, mainPreparer, acceptor, pass);
      datasetSha256 = await pass.finish();
    } else {
      const source = await copyAndHash(options.datasetFile, options.copyTo, options.hashDataset ?? false);
      await acceptRows(source.file, mainPreparer, acceptor);
      datasetSha256 = source.sha256;
    }
    if (acceptor.rows === 0 && problemCount === 0) {
      report({ file: options.displayFile, message: "the dataset has no rows; add some and run again" });
    }
    if (problemCount > 0) {
      if (problemCount > problems.length) {
        problems.push({ file: options.displayFile, message: `${problemCount - problems.length} more problems not listed` });
      }
      throw new ValidationError(problems);
    }
    const chunks = await writer.finish();
    return {
      chunks,
      rows: acceptor.rows,
      inputTokens: acceptor.inputTokens,
      localImages: [...acceptor.localImages],
      datasetSha256,
    };
  } catch (error) {
    await pass?.abort();
    await writer.abort();
    await Promise.all(writer.committed.map((path) => rm(path, { force: true })));
    throw error;
  } finally {
    await pool?.close();
  }
}

/** JSONL: raw batches through the pool, accepted in input order; the file is copied and hashed on the way. */
async function acceptJsonl(file: string, pool: PreparePool, preparer: RowPreparer, acceptor: RowAcceptor, pass: DatasetPass): Promise<void> {
  let rowOffset = 0;
  const accept = async ({ prepared, input }: PoolResult, batch: JsonlBatch) => {
    const offset = rowOffset;
    await acceptor.accept(prepared, offset, (entry) => reread(input, batch.end, prepared, entry, offset, file));
    rowOffset += prepared.lineCount;
  };
  await runJsonlPipeline(file, pool, preparer, accept, pass.onRead);
}

/** CSV and JSON: rows (and the reader's problems, in order) in batches of parsed rows. */
async function acceptRows(file: string, preparer: RowPreparer, acceptor: RowAcceptor): Promise<void> {
  let entries = 0;
  const start = () => {
    preparer.start(0, true);
    entries = 0;
  };
  const flush = async () => {
    const batch = preparer.finish();
    start();
    await acceptor.accept(batch, 0, (entry) => batch.fields![entry]!);
  };
  start();
  // The reader's problems join the batch in order, so they are reported where they occur.
  const rows = readDataset(file, (problem) => {
    preparer.addProblems(problem.row ?? 0, [problem]);
    entries++;
  });
  for await (const { row, fields } of rows) {
    preparer.addRow(row, fields);
    if (++entries >= BATCH_ROWS) await flush();
  }
  if (entries > 0) await flush();
}

/** A JSONL item's fields, read again from its line (rare: a repeated content row). */
function reread(input: Uint8Array, batchEnd: number, prepared: PreparedBatch, entry: number, rowOffset: number, file: string): Record<string, unknown> {
  const text = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const start = prepared.lineStarts![entry];
  let end = text.indexOf(0x0a, start);
  if (end === -1 || end > batchEnd) end = batchEnd;
  if (end > start && text[end - 1] === 0x0d) end--;
  return jsonlFields(text.toString("utf8", start, end), prepared.rows[entry] + rowOffset, file, () => {})!;
}

function forEachItem(items: PlacedItems, onItem: PrepareOptions["onItem"]): void {
  for (let index = 0; index < items.keys.length; index++) {
    onItem(items.keys[index], items.wireIds[index], items.rows[index], items.chunkIds[index]);
  }
}

async function threadCount(options: PrepareOptions): Promise<number> {
  if (options.threads !== undefined) return options.threads;
  if (options.onRequest) return 0;
  const { size } = await stat(options.datasetFile);
  // One thread per core: the main thread's own work (keys, files, journal) fits around them.
  return size >= THREADS_FROM_BYTES ? availableParallelism() : 0;
}
