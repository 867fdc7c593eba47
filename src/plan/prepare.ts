import { rm } from "node:fs/promises";
import type { ResolvedStep } from "../data/config.js";
import { inspectDataset, readDataset } from "../data/read-dataset.js";
import { ValidationError, type InputProblem } from "../errors.js";
import { createRequestBuilder } from "../requests/build-request.js";
import type { BatchProvider, ChunkFile, Request } from "../types.js";
import { ChunkWriter, type ChunkLimits } from "./chunk-writer.js";
import { keyedItems } from "./items.js";

export interface PrepareOptions {
  /** The file to read rows from (the run's copy of the dataset). */
  datasetFile: string;
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
  /** Called for every accepted item, in input order, with the chunk it went to. */
  onItem(key: string, wireId: string, row: number, chunkId: string): void;
  /** Called when a chunk file is complete (written, hashed, renamed into place). */
  onChunk(chunk: ChunkFile): void;
  /** Called with every valid request (previews, token estimates). */
  onRequest?(request: Request): void;
}

export interface PrepareResult {
  chunks: ChunkFile[];
  rows: number;
}

/** Most problems kept in memory; the count goes on. */
const PROBLEM_LIMIT = 1_000;

/**
 * Validate every row and stream the encoded requests into chunk files. Every problem in the
 * input is collected; if there is any, the chunk files are removed and one ValidationError
 * lists them all, so nothing can be uploaded from a bad input.
 */
export async function prepareChunks(options: PrepareOptions): Promise<PrepareResult> {
  const problems: InputProblem[] = [];
  let problemCount = 0;
  const report = (problem: InputProblem) => {
    problemCount++;
    if (problems.length < PROBLEM_LIMIT) problems.push({ ...problem, file: options.displayFile });
  };
  const info = await inspectDataset(options.datasetFile);
  const dataKey = options.step.dataKey ?? info.defaultKeyField;
  const builder = createRequestBuilder(options.step, options.imageDir, options.displayFile);
  const writer = new ChunkWriter(options.chunksDir, options.prefix, options.limits, options.onChunk);
  const rowLimitBytes = options.limits.maxBytes;
  let rows = 0;
  try {
    const items = keyedItems(readDataset(options.datasetFile, report), options.displayFile, dataKey, report);
    for await (const item of items) {
      if (options.only && !options.only.has(item.key)) continue;
      const request = builder.build(item, report);
      if (!request) continue;
      const wireId = options.provider.wireId(item.key);
      const line = options.provider.encode(request, wireId);
      const bytes = Buffer.byteLength(line) + 1;
      if (bytes > rowLimitBytes) {
        report({ file: options.displayFile, row: item.row, message: `the request is ${bytes} bytes, over the provider's limit of ${rowLimitBytes} bytes per batch file; shorten the prompt or images` });
        continue;
      }
      rows++;
      options.onRequest?.(request);
      if (problemCount > 0) continue; // keep validating, stop writing
      const chunkId = await writer.place(bytes);
      await writer.append(line, bytes);
      options.onItem(item.key, wireId, item.row, chunkId);
    }
    if (rows === 0 && problemCount === 0) {
      report({ file: options.displayFile, message: "the dataset has no rows; add some and run again" });
    }
    if (problemCount > 0) {
      if (problemCount > problems.length) {
        problems.push({ file: options.displayFile, message: `${problemCount - problems.length} more problems not listed` });
      }
      throw new ValidationError(problems);
    }
    return { chunks: await writer.finish(), rows };
  } catch (error) {
    await writer.abort();
    await Promise.all(writer.chunks.map((chunk) => rm(chunk.path, { force: true })));
    throw error;
  }
}
