/**
 * Datasets with every awkward row we know of, and a reference: the plain one-row-at-a-time
 * prepare loop (read, key, build, encode, place, append) the pipeline replaced. The pipeline
 * must give the same chunk files, items and problems, inline or on threads.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readDataset } from "../../src/data/read-dataset.js";
import { inspectDataset } from "../../src/data/read-dataset.js";
import { resolveStep } from "../../src/data/config.js";
import { ValidationError, type InputProblem } from "../../src/errors.js";
import { createRequestBuilder } from "../../src/requests/build-request.js";
import { keyedItems } from "../../src/plan/items.js";
import { ChunkWriter } from "../../src/plan/chunk-writer.js";
import { encoderFor } from "../../src/providers/registry.js";
import type { ChunkFile } from "../../src/types.js";

export const STEP = resolveStep({
  models: { m: { provider: "openai", model_name: "gpt-4o-mini", temperature: 0 } },
  steps: { s: { system: "Be brief.", user: "Q: {prompt}" } },
});
export const KEYED_STEP = { ...STEP, dataKey: "prompt_id" };
/** Rows with a local image each (`pic.png` beside the dataset). */
export const IMAGE_STEP = { ...STEP, images: "image" };
export const ENCODER = encoderFor("openai");

const row = (fields: Record<string, unknown>) => JSON.stringify(fields);

/** name → file content. */
export const DATASETS: Record<string, string> = {
  clean: Array.from({ length: 3000 }, (_, index) => row({ prompt: `question ${index % 2500} é 東京 “quoted”`, n: index % 2500 })).join("\n") + "\n",
  awkward:
    "\ufeff" +
    [
      row({ prompt: "first" }),
      "",
      "   ",
      row({ prompt: "first" }), // same content: key~2
      JSON.stringify("a bare string prompt"),
      row({ prompt: "crlf" }) + "\r",
      row({ prompt: "first" }), // key~3
      row({ prompt: "tail without newline", meta: { b: 2, a: [1, { y: 1, x: 2 }] } }),
    ].join("\n"),
  problems: [
    row({ prompt: "ok 1" }),
    "{not json",
    "[1,2]",
    row({ prompt: 5 }),
    row({ other: "no prompt field" }),
    row({ prompt: "" }),
    row({ prompt: "ok 2" }),
    "42",
  ].join("\n"),
  images: Array.from({ length: 40 }, (_, index) => row({ prompt: `what is in picture ${index}?`, image: index % 2 ? "pic.png" : "other.png" })).join("\n"),
  keyed: [
    row({ prompt_id: "a", prompt: "one" }),
    row({ prompt_id: "b", prompt: "two" }),
    row({ prompt_id: "a", prompt: "again" }),
    row({ prompt: "no id" }),
    row({ prompt_id: 7, prompt: "numeric id" }),
    row({ prompt_id: "needs hashing / as a wire id", prompt: "odd id" }),
    row({ prompt_id: "h_looks_hashed", prompt: "reserved prefix" }),
  ].join("\n"),
};

export function writeDataset(dir: string, name: string, extension = "jsonl"): string {
  const path = join(dir, `${name}.${extension}`);
  writeFileSync(path, DATASETS[name]);
  return path;
}

export interface PrepareOutcome {
  chunks: Omit<ChunkFile, "path">[];
  files: string[];
  items: [string, string, number, string][];
  problems?: InputProblem[];
  rows?: number;
}

type Options = {
  datasetFile: string;
  step: typeof STEP;
  chunksDir: string;
  limits: { maxRequests: number; maxBytes: number };
  only?: ReadonlySet<string>;
};

/** Run a prepare function and record everything observable about it. */
export async function outcome(
  run: (options: Options & Record<string, unknown>) => Promise<{ chunks: ChunkFile[]; rows: number }>,
  options: Options & Record<string, unknown>,
): Promise<PrepareOutcome> {
  const items: PrepareOutcome["items"] = [];
  const chunks: ChunkFile[] = [];
  try {
    const result = await run({
      provider: ENCODER,
      ...options,
      displayFile: "data",
      imageDir: options.chunksDir,
      prefix: "chunk",
      onItem: (key: string, wireId: string, row: number, chunkId: string) => items.push([key, wireId, row, chunkId]),
      onChunk: (chunk: ChunkFile) => chunks.push(chunk),
    });
    return {
      chunks: result.chunks.map(({ path: _path, ...chunk }) => chunk),
      files: result.chunks.map((chunk) => readFileSync(chunk.path, "utf8")),
      items,
      rows: result.rows,
    };
  } catch (error) {
    // By name: the built package's ValidationError is another class than the sources'.
    if ((error as Error).name !== "ValidationError") throw error;
    return { chunks: [], files: [], items: [], problems: (error as ValidationError).problems };
  }
}

/** The prepare loop as it was: one row at a time. */
export async function referencePrepare(options: Options & Record<string, unknown>): Promise<{ chunks: ChunkFile[]; rows: number }> {
  const displayFile = options.displayFile as string;
  const onItem = options.onItem as (key: string, wireId: string, row: number, chunkId: string) => void;
  const problems: InputProblem[] = [];
  const report = (problem: InputProblem) => problems.push({ ...problem, file: displayFile });
  const info = await inspectDataset(options.datasetFile);
  const dataKey = options.step.dataKey ?? info.defaultKeyField;
  const builder = createRequestBuilder(options.step, options.imageDir as string, displayFile);
  const writer = new ChunkWriter(options.chunksDir, "chunk", options.limits, options.onChunk as (chunk: ChunkFile) => void);
  let rows = 0;
  for await (const item of keyedItems(readDataset(options.datasetFile, report), displayFile, dataKey, report)) {
    if (options.only && !options.only.has(item.key)) continue;
    const request = builder.build(item, report);
    if (!request) continue;
    const encoder = (options.provider as typeof ENCODER | undefined) ?? ENCODER;
    const wireId = encoder.wireId(item.key);
    const line = encoder.encode(request, wireId);
    const bytes = Buffer.byteLength(line) + 1;
    if (bytes > options.limits.maxBytes) {
      report({ file: displayFile, row: item.row, message: `the request is ${bytes} bytes, over the provider's limit of ${options.limits.maxBytes} bytes per batch file; shorten the prompt or images` });
      continue;
    }
    rows++;
    if (problems.length > 0) continue;
    const chunkId = await writer.place(bytes);
    await writer.append(line, bytes);
    onItem(item.key, wireId, item.row, chunkId);
  }
  if (rows === 0 && problems.length === 0) report({ file: displayFile, message: "the dataset has no rows; add some and run again" });
  if (problems.length > 0) {
    await writer.abort();
    throw new ValidationError(problems);
  }
  return { chunks: await writer.finish(), rows };
}
