/**
 * Gemini batches: `models/{m}:batchGenerateContent` checks the request (one input, a known
 * file or a non-empty list of inline requests) and records the batch; the shared job
 * lifecycle then moves it with the emulator clock.
 */
import { copyFile, link, mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Clock } from "../clock.js";
import type { FaultController } from "../fault-controller.js";
import { rpcStatus } from "../google/errors.js";
import type { AnswerDependencies } from "../google/answer.js";
import { newJob, type RowIndex } from "../google/job-record.js";
import { JobTable } from "../google/job-table.js";
import { LineWriter } from "../line-writer.js";
import { RequestError } from "../http.js";
import { readJsonlLines } from "../jsonl-lines.js";
import { randomHex } from "../random.js";
import type { SurfaceStats } from "../surface.js";
import { writeGeminiOutput } from "./batch-output.js";
import type { GeminiBatch } from "./batch-record.js";
import type { GeminiFileStore } from "./file-store.js";

export interface GeminiBatchDependencies extends AnswerDependencies {
  clock: Clock;
  faults: FaultController;
  files: GeminiFileStore;
  batchMs: number;
  seed: number;
  stats: SurfaceStats;
  /** Folder for the batches' private copies of their input. */
  directory: string;
}

const WHERE = "BatchGenerateContentRequest.batch";

export async function createGeminiBatches(deps: GeminiBatchDependencies): Promise<{ table: JobTable<GeminiBatch>; create: (model: string, body: Record<string, unknown>) => Promise<GeminiBatch> }> {
  await mkdir(deps.directory, { recursive: true });
  const table = new JobTable<GeminiBatch>(
    {
      hooks: { prepare: (record) => indexInput(record), finish: (record, _phase, atMs, done) => writeGeminiOutput(record, atMs, done, deps) },
      seed: deps.seed,
      stats: deps.stats,
      surface: "gemini-batch",
      cancelDelayed: false,
    },
    deps.clock,
    (id) => `batches/${id}`,
  );

  async function create(model: string, body: Record<string, unknown>): Promise<GeminiBatch> {
    const batch = objectAt(body.batch, WHERE);
    const inputConfig = objectAt(batch.inputConfig, `${WHERE}.input_config`);
    const hasFile = inputConfig.fileName !== undefined;
    const hasRequests = inputConfig.requests !== undefined;
    if (hasFile === hasRequests) throw invalid(`* ${WHERE}.input_config: set exactly one of file_name (an uploaded JSONL file) or requests (inline requests).`);
    const id = `b${randomHex(12)}`;
    const inputPath = join(deps.directory, `${id}.input.jsonl`);
    let input: GeminiBatch["input"];
    if (hasFile) {
      if (typeof inputConfig.fileName !== "string") throw invalid(`* ${WHERE}.input_config.file_name: expected a string like "files/abc123".`);
      const file = deps.files.get(inputConfig.fileName);
      // A hard link is free and survives files.delete; fall back to a copy across devices.
      await link(file.path, inputPath).catch(() => copyFile(file.path, inputPath));
      input = { kind: "file", fileName: `files/${file.id}` };
    } else {
      input = { kind: "inline", count: await writeInlineRequests(inputConfig.requests, inputPath) };
    }
    const record: GeminiBatch = {
      ...newJob(id, table.nextOrdinal(), deps.clock.now(), deps.batchMs, deps.faults.batchRates(), inputPath),
      model: `models/${model}`,
      displayName: typeof batch.displayName === "string" ? batch.displayName : "",
      input,
      inlinedResponses: null,
      responsesFile: null,
    };
    table.add(record);
    deps.stats.batches_created++;
    return record;
  }

  return { table, create };
}

/** Writes inline requests as JSONL lines `{"request", "metadata"}`; returns how many. */
async function writeInlineRequests(value: unknown, path: string): Promise<number> {
  const { requests } = objectAt(value, `${WHERE}.input_config.requests`);
  if (!Array.isArray(requests) || requests.length === 0) throw invalid(`* ${WHERE}.input_config.requests.requests: give at least one request.`);
  requests.forEach((entry, index) => {
    const where = `${WHERE}.input_config.requests.requests[${index}]`;
    const { request, metadata } = objectAt(entry, where);
    objectAt(request, `${where}.request`);
    if (metadata !== undefined) objectAt(metadata, `${where}.metadata`);
  });
  const writer = new LineWriter(path);
  try {
    for (const { request, metadata } of requests as Array<Record<string, unknown>>) await writer.write(JSON.stringify(metadata === undefined ? { request } : { request, metadata }));
  } finally {
    await writer.close();
  }
  return requests.length;
}

/** Indexes the input lines when the batch starts; a file without requests fails the batch. */
async function indexInput(record: GeminiBatch): Promise<RowIndex | ReturnType<typeof rpcStatus>> {
  const rows: RowIndex = { offsets: [], lengths: [] };
  for await (const line of readJsonlLines(record.inputPath)) {
    if (line.text.trim() === "") continue;
    rows.offsets.push(line.offset);
    rows.lengths.push(line.length);
  }
  if (rows.offsets.length === 0) {
    const source = record.input.kind === "file" ? record.input.fileName : "the inline requests";
    return rpcStatus("INVALID_ARGUMENT", `The batch input ${source} has no requests. Upload a JSONL file with one {"key", "request"} object per line.`);
  }
  return rows;
}

function objectAt(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalid(`* ${where}: expected a JSON object.`);
  return value as Record<string, unknown>;
}

function invalid(message: string): RequestError {
  return new RequestError(400, message);
}
