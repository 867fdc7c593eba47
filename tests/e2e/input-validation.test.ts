import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, startEmulatorProcess } from "../support/cli.js";
import { useTempDirs } from "../support/temp-dir.js";

const tempDir = useTempDirs();
let emulator: Awaited<ReturnType<typeof startEmulatorProcess>>;

beforeAll(async () => {
  emulator = await startEmulatorProcess(["--batch-ms", "200"]);
});
afterAll(async () => emulator?.stop());

async function runOn(files: Record<string, string>, dataset: string, extra: string[] = []) {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const result = await runCli(["run", join(dir, dataset), "--run-dir", join(dir, "runs"), "--run-id", "bad", ...extra], {
    BATCHLAB_EMULATOR_URL: emulator.url,
  });
  return { ...result, dir };
}

describe("bad input is refused before anything is uploaded", () => {
  it("names the line and column of malformed JSON", async () => {
    const result = await runOn({ "data.json": '[\n  {"prompt_id": "a", "prompt": "hi"},\n  {"prompt_id": "b" "prompt": "x"}\n]' }, "data.json");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/data\.json:3:\d+/);
    expect(existsSync(join(result.dir, "runs", "bad"))).toBe(false);
  });

  it("names every row and field a template placeholder is missing from", async () => {
    const config = "models:\n  m:\n    provider: openai\n    model_name: gpt-4o-mini\nsteps:\n  s:\n    user: 'Topic {topic}: {prompt}'\n    data_key: prompt_id\n";
    const rows = JSON.stringify([
      { prompt_id: "a", prompt: "x", topic: "t" },
      { prompt_id: "b", prompt: "y" },
      { prompt_id: "c", prompt: "z" },
    ]);
    const dir = tempDir();
    writeFileSync(join(dir, "data.json"), rows);
    writeFileSync(join(dir, "config.yaml"), config);
    const real = await runCli(["run", join(dir, "data.json"), "--config", join(dir, "config.yaml"), "--run-dir", join(dir, "runs")], {
      BATCHLAB_EMULATOR_URL: emulator.url,
    });
    expect(real.code).toBe(1);
    expect(real.stderr).toMatch(/data\.json:2 field "topic"/);
    expect(real.stderr).toMatch(/data\.json:3 field "topic"/);
    expect(real.stderr).toContain("2 problems");
  });

  it("reports duplicate keys with both rows", async () => {
    const rows = JSON.stringify([
      { prompt_id: "a", prompt: "x" },
      { prompt_id: "b", prompt: "y" },
      { prompt_id: "a", prompt: "z" },
    ]);
    const result = await runOn({ "data.json": rows }, "data.json");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/data\.json:3 field "prompt_id": duplicate key "a" \(first seen at row 1\)/);
  });

  it("reports every bad JSONL line at once", async () => {
    const lines = ['{"prompt_id":"a","prompt":"x"}', "{oops", '{"prompt_id":"b","prompt":""}', "[1,"].join("\n");
    const result = await runOn({ "data.jsonl": lines }, "data.jsonl");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/data\.jsonl:2:\d+/);
    expect(result.stderr).toMatch(/data\.jsonl:3 field "prompt".*empty/);
    expect(result.stderr).toMatch(/data\.jsonl:4:\d+/);
  });

  it("leaves the emulator without a single upload or batch", async () => {
    const stats = await emulator.stats();
    expect(stats.openai.files_uploaded).toBe(0);
    expect(stats.openai.batches_created).toBe(0);
  });
});
