/** Shared helpers for the emulator tests: a started emulator, an SDK client, JSONL helpers. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createReadStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from "../../src/emulator/index.js";

export interface TestEmulator {
  emulator: EmulatorHandle;
  client: OpenAI;
  dir: string;
  close(): Promise<void>;
}

export async function startTestEmulator(options: EmulatorOptions = {}, clientOptions: { maxRetries?: number } = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ batchMs: 200, ...options });
  const client = new OpenAI({ apiKey: "sk-test", baseURL: `${emulator.url}/openai/v1`, ...clientOptions });
  const dir = await mkdtemp(join(tmpdir(), "batchlab-emulator-test-"));
  return {
    emulator,
    client,
    dir,
    close: async () => {
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface ChatLine {
  custom_id: string;
  method: string;
  url: string;
  body: Record<string, unknown>;
}

/** One valid batch input line asking `model` to answer `text`. */
export function chatLine(customId: string, text = `question ${customId}`, model = "gpt-4o-mini"): ChatLine {
  return { custom_id: customId, method: "POST", url: "/v1/chat/completions", body: { model, messages: [{ role: "user", content: text }] } };
}

export function chatLines(count: number, prefix = "row-"): ChatLine[] {
  return Array.from({ length: count }, (_, index) => chatLine(`${prefix}${index}`));
}

/** Writes the lines as JSONL and uploads them with a file stream (a chunked upload). */
export async function uploadLines(test: TestEmulator, lines: unknown[], name = "input.jsonl"): Promise<string> {
  const path = join(test.dir, name);
  await writeFile(path, lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n") + "\n");
  const file = await test.client.files.create({ file: createReadStream(path), purpose: "batch" });
  return file.id;
}

export async function createBatch(test: TestEmulator, lines: unknown[], metadata?: Record<string, string>): Promise<OpenAI.Batch> {
  const inputFileId = await uploadLines(test, lines);
  return test.client.batches.create({ input_file_id: inputFileId, endpoint: "/v1/chat/completions", completion_window: "24h", metadata });
}

const FINISHED = new Set(["completed", "failed", "expired", "cancelled"]);

/** Polls until the batch is finished; returns every status seen along the way too. */
export async function waitForBatch(test: TestEmulator, id: string, timeoutMs = 10_000): Promise<{ batch: OpenAI.Batch; seen: string[] }> {
  const seen: string[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const batch = await test.client.batches.retrieve(id);
    if (seen[seen.length - 1] !== batch.status) seen.push(batch.status);
    if (FINISHED.has(batch.status)) return { batch, seen };
    if (Date.now() > deadline) throw new Error(`batch ${id} still ${batch.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Downloads a file and parses each line as JSON. */
export async function readJsonl<T = Record<string, any>>(test: TestEmulator, fileId: string): Promise<T[]> {
  const text = await (await test.client.files.content(fileId)).text();
  return text.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as T);
}

/** Runs the batch to its end instantly by moving the emulator clock past batchMs. */
export async function finishNow(test: TestEmulator, id: string, advanceMs = 60_000): Promise<OpenAI.Batch> {
  test.emulator.advanceClock(advanceMs);
  return test.client.batches.retrieve(id);
}
