/**
 * Worker threads only run from the built package (there is no compiled worker file next to
 * the TypeScript sources), so this file drives `dist/` — `npm test` builds it first. Each
 * test checks the threaded path against the same code on the main thread.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "../support/temp-dir.js";
import { IMAGE_STEP, KEYED_STEP, STEP, outcome, referencePrepare, writeDataset } from "./prepare-cases.js";

const DIST = new URL("../../dist/", import.meta.url);
const built = existsSync(new URL("plan/prepare-worker.js", DIST)) && existsSync(new URL("run/collect-worker.js", DIST));
const load = async <T>(path: string): Promise<T> => (await import(new URL(path, DIST).href)) as T;
const tempDir = useTempDirs();
const WIDE = { maxRequests: 50_000, maxBytes: 200 * 1024 * 1024 };
/** A 1x1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

describe.skipIf(!built)("worker threads", () => {
  it("prepare on two threads writes the same chunks, items and problems as the one-row loop, for every provider's encoder", async () => {
    const { prepareChunks } = await load<typeof import("../../src/plan/prepare.js")>("plan/prepare.js");
    const { encoderFor } = await load<typeof import("../../src/providers/registry.js")>("providers/registry.js");
    const { threadEncoderOf } = await load<typeof import("../../src/plan/thread-encoders.js")>("plan/thread-encoders.js");
    const providers = [
      // The built package's own encoders: the ones its worker threads can make.
      { provider: encoderFor("openai"), thread: "openai" },
      { provider: encoderFor("gemini"), thread: "gemini" },
      { provider: encoderFor("anthropic"), thread: "anthropic" },
      { provider: encoderFor("vertex", { project_id: "p", gcs_bucket: "b", upload_images: false }), thread: "vertex" },
      // Uploading images (the default): file:// images become the bucket URIs they go to.
      { provider: encoderFor("vertex", { project_id: "p", gcs_bucket: "b" }), thread: "vertex-images" },
    ];
    for (const { provider, thread } of providers) {
      expect(threadEncoderOf(provider)?.name).toBe(thread);
      const dir = tempDir();
      const cases = [
        { file: writeDataset(dir, "clean"), step: STEP, limits: { maxRequests: 700, maxBytes: WIDE.maxBytes } },
        { file: writeDataset(dir, "awkward"), step: STEP, limits: WIDE },
        { file: writeDataset(dir, "problems"), step: STEP, limits: WIDE },
        { file: writeDataset(dir, "keyed"), step: KEYED_STEP, limits: WIDE },
        { file: writeDataset(dir, "images"), step: IMAGE_STEP, limits: WIDE },
      ];
      for (const [index, { file, step, limits }] of cases.entries()) {
        const a = join(dir, `a${index}`);
        const b = join(dir, `b${index}`);
        for (const folder of [a, b]) {
          mkdirSync(folder);
          // Images are found beside the dataset (here: the chunks folder each run is given).
          writeFileSync(join(folder, "pic.png"), PNG);
          writeFileSync(join(folder, "other.png"), Buffer.concat([PNG, Buffer.from("other")]));
        }
        const expected = await outcome(referencePrepare, { datasetFile: file, step, limits, chunksDir: a, provider });
        const actual = await outcome(prepareChunks as never, { datasetFile: file, step, limits, chunksDir: b, threads: 2, provider });
        expect(actual, `${thread} ${file}`).toEqual(expected);
        if (step === IMAGE_STEP && thread === "vertex-images") expect(actual.files.join("")).toContain('"fileUri":"gs://b/batchlab/images/');
      }
    }
  });

  it("collect on worker threads stores the same rows, counts and stats as on the main thread", async () => {
    const { createRun } = await load<typeof import("../../src/run/create-run.js")>("run/create-run.js");
    const { collectChunk } = await load<typeof import("../../src/run/collect-chunk.js")>("run/collect-chunk.js");
    const { Journal } = await load<typeof import("../../src/run/journal.js")>("run/journal.js");
    const { createOpenAIProvider } = await load<typeof import("../../src/providers/openai.js")>("providers/openai.js");
    const { canCollectOnThread } = await load<typeof import("../../src/run/collect-pool.js")>("run/collect-pool.js");
    const dir = tempDir();
    const dataset = join(dir, "prompts.jsonl");
    writeFileSync(dataset, Array.from({ length: 10_000 }, (_, index) => JSON.stringify({ prompt: `question ${index}` })).join("\n"));
    // Two chunks: the second is parsed on the other worker while the first is stored.
    const run = await createRun({ dataset, runDir: dir, runId: "base", maxRequests: 5000 });
    const chunks = run.journal.chunks();
    expect(chunks.length).toBe(2);
    const reader = new DatabaseSync(run.paths.journal);
    // A key that is not its wire id, and a wire id with a space (never made by batchlab, but
    // a journal may hold one): both must join as on the main thread.
    reader.exec("UPDATE items SET key = 'a key of its own' WHERE id = 7; UPDATE items SET wire_id = 'has space' WHERE id = 5003");
    const rawDir = join(dir, "raw");
    mkdirSync(rawDir, { recursive: true });
    for (const [index, chunk] of chunks.entries()) {
      const wireIds = (reader.prepare("SELECT wire_id FROM items WHERE chunk_id = ? ORDER BY id DESC").all(chunk.id) as { wire_id: string }[]).map((row) => row.wire_id);
      writeFileSync(join(rawDir, `batch_t${index}-output.jsonl`), outputLines(wireIds).join("\n") + "\n");
      writeFileSync(join(rawDir, `batch_t${index}-errors.jsonl`), errorLines(wireIds).join("\r\n"));
      run.journal.setChunkState(chunk.id, "ended", { remote: { id: `batch_t${index}`, provider: "openai" }, batchState: "partial" });
    }
    reader.close();
    run.journal.close();
    run.release();

    const provider = createOpenAIProvider({ apiKey: "sk-test", baseUrl: "http://127.0.0.1:9/v1", fetch: fakeBatch, maxRetries: 0 });
    const collected = [];
    for (const onThread of [true, false]) {
      const path = join(dir, `journal-${onThread}.sqlite`);
      copyFileSync(run.paths.journal, path);
      const journal = Journal.open(path);
      const stats = [];
      for (const record of journal.chunks()) {
        // Small chunks are collected on the main thread: a small `rows` picks that path.
        const chunk = onThread ? record : { ...record, rows: 1 };
        expect(canCollectOnThread(provider, chunk)).toBe(onThread);
        stats.push(await collectChunk({ journal, provider, chunk, rawDir }));
      }
      const database = new DatabaseSync(path);
      const rows = database.prepare("SELECT * FROM results ORDER BY item_id").all();
      database.close();
      collected.push({ stats, rows, chunks: journal.chunks().map((chunk) => ({ ...chunk, updatedAt: 0 })), counts: journal.resultCounts() });
      journal.close();
    }
    expect(collected[0].rows.length).toBe(10_000);
    expect(collected[0].stats[0].unknown).toBe(2);
    expect(collected[0].stats[1].missing).toBeGreaterThan(0);
    expect(collected[0].rows.filter((row) => (row as { key: string }).key === "a key of its own")).toHaveLength(1);
    const codes = (collected[0].rows as { error_code: string | null }[]).map((row) => row.error_code);
    expect(codes.filter((code) => code === "later").length).toBeGreaterThan(50);
    expect(codes).not.toContain("earlier");
    expect(collected[0]).toEqual(collected[1]);
  });
});

/** Successes, repeats (a failure then a success), odd escapes, an unknown id and a malformed line. */
function outputLines(wireIds: string[]): string[] {
  const lines: string[] = [];
  wireIds.forEach((wireId, index) => {
    if (index % 97 === 0) return; // no line at all: missing
    if (index % 89 === 0) lines.push(line(wireId, 500, null));
    // Two failures for one item (lines are reversed below: the one later in the file stays),
    // and a success before a failure (the success stays).
    if (index % 79 === 0) return void lines.push(failure(wireId, "later"), failure(wireId, "earlier"));
    if (index % 83 === 0) lines.push(line(wireId, 500, null));
    const long = index % 3 === 0 ? " and more".repeat(800) : "";
    const content = index % 5 === 0 ? `é “quoted” \\n ${index}${long}` : index % 7 === 0 ? "\\u0041 slash \\/" : `answer ${index}${long}`;
    if (index % 13 === 0) lines.push(`{"custom_id":"${wireId}","response":{"status_code":200,"body":{"choices":[{"message":{"content":"${content}"}},{"message":null}]}},"error":null}`);
    else if (index % 53 === 0) lines.push(line(wireId, 200, content).slice(0, 60)); // malformed
    else lines.push(line(wireId, 200, content));
  });
  lines.push(line("not-an-item", 200, "x"));
  return lines.reverse();
}

/** A line of a request that failed, with this error code. */
function failure(wireId: string, code: string): string {
  return `{"custom_id":"${wireId}","response":null,"error":{"code":"${code}","message":"failed"}}`;
}

function errorLines(wireIds: string[]): string[] {
  return [
    `{"custom_id":"${wireIds[1]}","response":null,"error":{"code":"batch_expired","message":"late"}}`,
    `{"custom_id":"also-not-an-item","response":{"status_code":400,"body":{"error":{"code":"bad","message":"no"}}},"error":null}`,
  ];
}

function line(wireId: string, status: number, content: string | null): string {
  const body =
    status === 200
      ? `{"id":"c","choices":[{"index":0,"message":{"role":"assistant","content":"${content}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":3,"prompt_tokens_details":{"cached_tokens":0}}}`
      : `{"error":{"message":"boom","type":"server_error","code":null}}`;
  return `{"id":"batch_req_1","custom_id":"${wireId}","response":{"status_code":${status},"request_id":"r","body":${body}},"error":null}`;
}

async function fakeBatch(url: string | URL | Request): Promise<Response> {
  const id = new URL(String(url)).pathname.split("/").at(-1);
  const batch = { id, object: "batch", endpoint: "/v1/chat/completions", status: "completed", output_file_id: "file-out", error_file_id: "file-err", created_at: 1, input_file_id: "file-in", completion_window: "24h" };
  return new Response(JSON.stringify(batch), { status: 200, headers: { "content-type": "application/json" } });
}
