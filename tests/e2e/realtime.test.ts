import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/index.js";
import { readResults, resumeRun, runBatch } from "../../src/index.js";
import { runCli, startEmulatorProcess } from "../support/cli.js";
import { writePromptFile } from "../support/datasets.js";

let emulator: EmulatorHandle;
let dir: string;
beforeAll(async () => {
  emulator = await startEmulator({ batchMs: 300, seed: 3 });
  dir = mkdtempSync(join(tmpdir(), "batchlab-realtime-"));
});
afterAll(async () => {
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

const chatCalls = (handle: { stats(): unknown }) => (handle.stats() as { openai: { chat_completions: number } }).openai.chat_completions;

describe("realtime mode", () => {
  it("sends each row as one call and writes the same result files as a batch", async () => {
    const dataset = writePromptFile(dir, 30, "thirty.json");
    const before = chatCalls(emulator);
    const summary = await runBatch({ dataset, runDir: dir, emulatorUrl: emulator.url, mode: "realtime", rateLimits: { maxConcurrency: 8 } });
    expect(chatCalls(emulator) - before).toBe(30);
    const rows = await readResults(summary.runId, { runDir: dir });
    expect(rows.map((row) => row.key)).toEqual(Array.from({ length: 30 }, (_, index) => `p${index}`));
    expect(rows.every((row) => row.status === "succeeded" && row.text?.includes(`Question number ${row.key.slice(1)}:`))).toBe(true);
    expect(summary.inputTokens).toBeGreaterThan(0);
  });

  it("retries 429s and 500s until every row has exactly one result", async () => {
    emulator.setFaults("429:0.15,500:0.1");
    try {
      const dataset = writePromptFile(dir, 40, "forty.json");
      const summary = await runBatch({ dataset, runDir: dir, emulatorUrl: emulator.url, mode: "realtime" });
      expect(summary.succeeded).toBe(40);
    } finally {
      emulator.setFaults("");
    }
  });

  it("fails a row larger than the whole token budget at once instead of waiting forever", async () => {
    const dataset = writePromptFile(dir, 2, "two.json");
    const started = Date.now();
    const summary = await runBatch({ dataset, runDir: dir, emulatorUrl: emulator.url, mode: "realtime", rateLimits: { tpm: 50 } });
    expect(Date.now() - started).toBeLessThan(5_000);
    const rows = await readResults(summary.runId, { runDir: dir });
    expect(rows.every((row) => row.error?.code === "request_too_large")).toBe(true);
    expect(rows[0].error?.message).toMatch(/more than the whole budget of 50 tokens per minute/);
  });

  it("goes realtime in auto mode for a small job", async () => {
    const dataset = writePromptFile(dir, 5, "five.json");
    const before = chatCalls(emulator);
    const summary = await runBatch({ dataset, runDir: dir, emulatorUrl: emulator.url, mode: "auto" });
    expect(summary.succeeded).toBe(5);
    expect(chatCalls(emulator) - before).toBe(5);
  });
});

describe("realtime at the rate limit", () => {
  it("sends as fast as the limit allows and no faster: no 429 from over-sending, near the limit's pace", async () => {
    const limited = await startEmulator({ batchMs: 300, rateLimits: "rpm=240,latency=50" });
    try {
      const dataset = writePromptFile(dir, 24, "paced.json");
      const started = Date.now();
      const summary = await runBatch({ dataset, runDir: dir, emulatorUrl: limited.url, mode: "realtime", rateLimits: { rpm: 240 } });
      const seconds = (Date.now() - started) / 1000;
      expect(summary.succeeded).toBe(24);
      const stats = limited.stats() as unknown as { openai: { rate_limited: number } };
      expect(stats.openai.rate_limited).toBe(0);
      // 240 RPM is 4 a second with a one-second burst: 24 rows take about (24 - 4) / 4 = 5 s.
      expect(seconds).toBeGreaterThan(4);
      expect(seconds).toBeLessThan(8);
    } finally {
      await limited.close();
    }
  });
});

describe("a killed realtime run", () => {
  it("resumes without re-sending a row that has a result", async () => {
    const server = await startEmulatorProcess(["--batch-ms", "300"]);
    try {
      const dataset = writePromptFile(dir, 60, "sixty.json");
      const env = { BATCHLAB_EMULATOR_URL: server.url };
      const killed = await runCli(["run", dataset, "--run-dir", dir, "--run-id", "rt-kill", "--mode", "realtime", "--concurrency", "4"], { ...env, BATCHLAB_CRASH_AT: "after-realtime-call#25" });
      expect(killed.signal).toBe("SIGKILL");
      const sentBefore = (await server.stats()).openai.chat_completions;
      const { Journal } = await import("../../src/run/journal.js");
      const journal = Journal.open(join(dir, "rt-kill", "journal.sqlite"));
      const withResult = journal.resultCounts().succeeded;
      journal.close();
      expect(withResult).toBeGreaterThan(0);
      const summary = await resumeRun("rt-kill", { runDir: dir, emulatorUrl: server.url });
      expect(summary.succeeded).toBe(60);
      const sentAfter = (await server.stats()).openai.chat_completions;
      expect(sentAfter - sentBefore).toBe(60 - withResult);
    } finally {
      await server.stop();
    }
  });
});
