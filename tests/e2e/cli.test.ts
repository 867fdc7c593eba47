import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, startEmulatorProcess } from "../support/cli.js";
import { PROMPTS_DIR, SHAPES, expectedKeys } from "../support/datasets.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "batchlab-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the batchlab command", () => {
  it.each(SHAPES)("runs %s on the in-process emulator with --emulator, results keyed like the input", async (shape) => {
    const runId = `shape-${shape.replace(".json", "")}`;
    const result = await runCli(["run", join(PROMPTS_DIR, shape), "--provider", "openai", "--emulator", "--run-id", runId, "--run-dir", dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`run ${runId}: 20/20 succeeded`);
    const keys = readFileSync(join(dir, runId, "results.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line).key);
    expect(keys).toEqual(expectedKeys(shape));
  });

  it("shows a finished run's status, and its results as CSV", async () => {
    const status = await runCli(["status", "shape-prompt-objects", "--run-dir", dir]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/shape-prompt-objects \(openai gpt-4o-mini.*\): done/);
    expect(status.stdout).toMatch(/chunk-0000\s+collected\s+20\/20 done, 0 failed/);
    const csv = await runCli(["results", "shape-prompt-objects", "--format", "csv", "--run-dir", dir]);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split("\n");
    expect(lines[0].startsWith("key,row,status,text")).toBe(true);
    expect(lines).toHaveLength(21);
  });

  it("lists local runs newest first", async () => {
    const list = await runCli(["list", "--run-dir", dir]);
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split("\n")).toHaveLength(3);
    expect(list.stdout).toContain("shape-strings");
  });

  it("lists the provider's batches with the run that made each, and cancels a running one", async () => {
    const emulator = await startEmulatorProcess(["--batch-ms", "60000"]);
    try {
      const env = { BATCHLAB_EMULATOR_URL: emulator.url };
      const submitted = await runCli(["run", join(PROMPTS_DIR, "strings.json"), "--run-id", "slow", "--run-dir", dir, "--no-wait"], env);
      expect(submitted.code, submitted.stderr).toBe(0);
      const remote = await runCli(["list", "--remote"], env);
      expect(remote.stdout).toMatch(/batch_\S+\s+(validating|in_progress).*run slow chunk-0000/);
      const cancelled = await runCli(["cancel", "slow", "--run-dir", dir], env);
      expect(cancelled.stdout).toMatch(/cancel requested for batch_/);
      const resumed = await runCli(["resume", "slow", "--run-dir", dir, "--poll-ms", "100"], env);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stdout).toMatch(/cancelled/);
      const rows = readFileSync(join(dir, "slow", "results.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line));
      expect(rows).toHaveLength(20);
      expect(rows.every((row) => row.status === "cancelled" || row.status === "succeeded")).toBe(true);
    } finally {
      await emulator.stop();
    }
  });

  it("refuses a run without a key, naming the variable, and sends nothing", async () => {
    const result = await runCli(["run", join(PROMPTS_DIR, "strings.json"), "--run-dir", dir, "--config", join(PROMPTS_DIR, "config.yaml")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/OPENAI_API_KEY/);
    expect(result.stderr).toMatch(/--emulator/);
  });

  it("explains a usage mistake with the usage text and exit code 2", async () => {
    const result = await runCli(["run", "--max-requests", "zero", "x.json"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--max-requests takes a positive whole number/);
  });
});
