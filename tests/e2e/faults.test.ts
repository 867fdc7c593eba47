import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/index.js";
import { readResults, runBatch } from "../../src/index.js";
import { useTempDirs } from "../support/temp-dir.js";
import { writePromptFile } from "../support/datasets.js";

const tempDir = useTempDirs();
let emulator: EmulatorHandle;

beforeAll(async () => {
  emulator = await startEmulator({ batchMs: 300, faults: "429:0.1,500:0.05,drop:0.03,drop_after:0.03", seed: 7 });
});
afterAll(async () => emulator?.close());

describe("a run through a faulty network", () => {
  it("ends every row with exactly one result and creates each batch once", async () => {
    const dir = tempDir();
    const dataset = writePromptFile(dir, 40);
    const summary = await runBatch({ dataset, runDir: dir, emulatorUrl: emulator.url, maxRequests: 5, pollIntervalMs: 50 });
    const rows = await readResults(summary.runId, { runDir: dir });
    expect(rows.map((row) => row.key)).toEqual(Array.from({ length: 40 }, (_, index) => `p${index}`));
    expect(rows.every((row) => row.status === "succeeded")).toBe(true);
    const stats = emulator.stats() as unknown as { openai: { batches_created: number; faults_injected: number } };
    expect(stats.openai.faults_injected).toBeGreaterThan(0);
    expect(stats.openai.batches_created).toBe(8);
  });
});
