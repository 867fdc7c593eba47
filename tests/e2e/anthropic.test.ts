import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/index.js";
import { readResults, runBatch } from "../../src/index.js";

let emulator: EmulatorHandle;
let dir: string;
let dataset: string;
let config: string;
// Keys Anthropic would refuse as custom ids: the journal maps its safe ids back.
const KEYS = ["q 1.a", "q/2", "émoji-✓", "plain_key", "x".repeat(80)];

beforeAll(async () => {
  emulator = await startEmulator({ batchMs: 300 });
  dir = mkdtempSync(join(tmpdir(), "batchlab-anthropic-"));
  dataset = join(dir, "data.json");
  writeFileSync(dataset, JSON.stringify(KEYS.map((key, index) => ({ prompt_id: key, prompt: `Question ${index}` }))));
  config = join(dir, "config.yaml");
  writeFileSync(config, "models:\n  claude:\n    provider: anthropic\n    model_name: claude-sonnet-4-5\n    max_tokens: 100\nsteps:\n  ask:\n    user: '{prompt}'\n    data_key: prompt_id\n");
});
afterAll(async () => {
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("Anthropic", () => {
  it.each(["batch", "realtime"] as const)("answers every row in %s mode, keys mapped back from safe custom ids", async (mode) => {
    const summary = await runBatch({ dataset, config, runDir: dir, emulatorUrl: emulator.url, mode });
    const rows = await readResults(summary.runId, { runDir: dir });
    expect(rows.map((row) => row.key)).toEqual(KEYS);
    rows.forEach((row, index) => {
      expect(row.status).toBe("succeeded");
      expect(row.text).toContain(`Question ${index}`);
    });
  });
});
