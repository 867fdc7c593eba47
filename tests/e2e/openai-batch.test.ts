import { describe, expect, it, beforeAll, afterAll } from "vitest";
import { join } from "node:path";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import OpenAI from "openai";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/index.js";
import { readResults, resumeRun, retryRun, runBatch, runStatus } from "../../src/index.js";
import { createRun } from "../../src/run/create-run.js";
import { useTempDirs } from "../support/temp-dir.js";
import { PROMPTS_DIR, SHAPES, expectedKeys, writePromptFile } from "../support/datasets.js";

const tempDir = useTempDirs();
let emulator: EmulatorHandle;

beforeAll(async () => {
  emulator = await startEmulator({ batchMs: 300 });
});
afterAll(async () => emulator?.close());

describe("OpenAI batch end to end on the emulator", () => {
  it.each(SHAPES)("gives %s one succeeded result per row, keyed like the input", async (shape) => {
    const runDir = tempDir();
    const summary = await runBatch({ dataset: join(PROMPTS_DIR, shape), runDir, emulatorUrl: emulator.url, maxRequests: 7 });
    const rows = await readResults(summary.runId, { runDir });
    expect(rows.map((row) => row.key)).toEqual(expectedKeys(shape));
    expect(rows.every((row) => row.status === "succeeded")).toBe(true);
    expect(summary.batches.length).toBe(Math.ceil(rows.length / 7));
  });

  it("finishes a run whose folder was moved after it was prepared: its chunks and dataset copy are read where they are now", async () => {
    const dir = tempDir();
    const dataset = writePromptFile(dir, 12);
    const prepared = await createRun({ dataset, runDir: join(dir, "before"), runId: "moved", maxRequests: 5, emulatorUrl: emulator.url });
    prepared.journal.close();
    prepared.release();
    mkdirSync(join(dir, "after"));
    renameSync(join(dir, "before", "moved"), join(dir, "after", "moved"));
    expect(existsSync(join(dir, "before", "moved"))).toBe(false);
    const summary = await resumeRun("moved", { runDir: join(dir, "after"), emulatorUrl: emulator.url });
    expect(summary).toMatchObject({ total: 12, succeeded: 12 });
    expect(summary.batches).toHaveLength(3);
    const rows = await readResults("moved", { runDir: join(dir, "after") });
    expect(rows.map((row) => row.row)).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
  });

  it("joins shuffled output to rows by key, never by position", async () => {
    const dir = tempDir();
    const dataset = writePromptFile(dir, 60);
    const summary = await runBatch({ dataset, runDir: dir, emulatorUrl: emulator.url });
    const rows = await readResults(summary.runId, { runDir: dir });
    const raw = readFileSync(join(summary.runDir, "raw", `${summary.batches[0].remoteId}-output.jsonl`), "utf8").trim().split("\n");
    const outputOrder = raw.map((line) => JSON.parse(line).custom_id);
    expect(outputOrder).not.toEqual(rows.map((row) => row.key)); // the emulator shuffles
    for (const row of rows) expect(row.text).toContain((row.fields as { prompt: string }).prompt);
  });

  it("writes results.jsonl, results.csv, summary.json and manifest.json with no secret in them", async () => {
    const dir = tempDir();
    const dataset = writePromptFile(dir, 5);
    const summary = await runBatch({ dataset, runDir: dir, emulatorUrl: emulator.url });
    const csv = readFileSync(summary.csvPath, "utf8").trim().split("\n");
    expect(csv[0]).toBe("key,row,status,text,input_tokens,output_tokens,cost_usd,error_code,error_message,prompt_id,prompt");
    expect(csv).toHaveLength(6);
    const manifest = JSON.parse(readFileSync(join(summary.runDir, "manifest.json"), "utf8"));
    expect(manifest.chunks[0].remoteId).toBe(summary.batches[0].remoteId);
    expect(manifest.dataset.sha256).toMatch(/^[0-9a-f]{64}$/);
    const saved = JSON.parse(readFileSync(join(summary.runDir, "summary.json"), "utf8"));
    expect(saved).toMatchObject({ total: 5, succeeded: 5, successRate: 1 });
    expect(saved.inputTokens).toBeGreaterThan(0);
    for (const file of ["manifest.json", "summary.json", "results.jsonl"]) {
      expect(readFileSync(join(summary.runDir, file), "utf8")).not.toContain("batchlab-emulator");
    }
  });

  it("keeps all n choices of every row", async () => {
    const dir = tempDir();
    const dataset = writePromptFile(dir, 3);
    const config = join(dir, "config.yaml");
    (await import("node:fs")).writeFileSync(config, "models:\n  m:\n    provider: openai\n    model_name: gpt-4o-mini\nsteps:\n  s:\n    user: '{prompt}'\n    data_key: prompt_id\n    n: 3\n");
    const summary = await runBatch({ dataset, config, runDir: dir, emulatorUrl: emulator.url });
    const rows = await readResults(summary.runId, { runDir: dir });
    for (const row of rows) {
      expect(row.texts).toHaveLength(3);
      expect(new Set(row.texts).size).toBe(3);
    }
  });

  it("ends every row of a batch the provider refused as failed, with the provider's reason", async () => {
    const strict = await startEmulator({ batchMs: 200, limits: { maxRequests: 3 } });
    try {
      const dir = tempDir();
      const dataset = writePromptFile(dir, 5);
      const summary = await runBatch({ dataset, runDir: dir, emulatorUrl: strict.url });
      expect(summary.failed).toBe(5);
      const rows = await readResults(summary.runId, { runDir: dir });
      expect(rows[0].error?.code).toBe("batch_failed");
    } finally {
      await strict.close();
    }
  });

  it("retries only the rows that expired, keeping the ones that succeeded", async () => {
    const flaky = await startEmulator({ batchMs: 300, faults: "expire:1" });
    try {
      const dir = tempDir();
      const dataset = writePromptFile(dir, 30);
      const first = await runBatch({ dataset, runDir: dir, emulatorUrl: flaky.url });
      expect(first.expired).toBeGreaterThan(0);
      const before = await readResults(first.runId, { runDir: dir });
      flaky.setFaults("");
      const second = (await retryRun(first.runId, { runDir: dir, emulatorUrl: flaky.url }))!;
      expect(second.succeeded).toBe(30);
      const after = await readResults(first.runId, { runDir: dir });
      for (const [index, row] of before.entries()) {
        if (row.status === "succeeded") expect(after[index].text).toBe(row.text);
      }
      const client = new OpenAI({ apiKey: "x", baseURL: `${flaky.url}/openai/v1` });
      const batches = (await client.batches.list({ limit: 100 })).data.filter((batch) => batch.metadata?.batchlab_run === first.runId);
      const retryBatch = batches.find((batch) => batch.metadata?.batchlab_chunk?.startsWith("retry"))!;
      expect(retryBatch.request_counts?.total).toBe(first.expired);
      const status = await runStatus(first.runId, { runDir: dir });
      expect(status.counts).toEqual({ succeeded: 30, failed: 0, expired: 0, cancelled: 0 });
    } finally {
      await flaky.close();
    }
  });
});
