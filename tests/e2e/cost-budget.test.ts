import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, startEmulatorProcess } from "../support/cli.js";
import { PROMPTS_DIR } from "../support/datasets.js";

let emulator: Awaited<ReturnType<typeof startEmulatorProcess>>;
let dir: string;
beforeAll(async () => {
  emulator = await startEmulatorProcess(["--batch-ms", "300"]);
  dir = mkdtempSync(join(tmpdir(), "batchlab-cost-"));
});
afterAll(async () => {
  await emulator?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ BATCHLAB_EMULATOR_URL: emulator.url });
const dataset = join(PROMPTS_DIR, "prompt-objects.json");
const config = join(PROMPTS_DIR, "config.yaml");

describe("cost before and after a run", () => {
  it("estimates input tokens within 10% of the usage the run reports", async () => {
    const estimate = await runCli(["estimate", dataset, "--config", config, "--step", "answer", "--json"], env());
    expect(estimate.code, estimate.stderr).toBe(0);
    const figures = JSON.parse(estimate.stdout);
    expect(figures.rows).toBe(20);
    const run = await runCli(["run", dataset, "--config", config, "--step", "answer", "--run-dir", dir, "--run-id", "priced"], env());
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, "priced", "summary.json"), "utf8"));
    expect(Math.abs(figures.inputTokens - summary.inputTokens) / summary.inputTokens).toBeLessThan(0.1);
    expect(summary.cost.usd).toBeGreaterThan(0);
    expect(summary.cost.pricesAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(run.stdout).toMatch(/cost \$\S+ at prices of/);
    const rows = readFileSync(join(dir, "priced", "results.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line));
    const total = rows.reduce((sum, row) => sum + row.cost_usd, 0);
    expect(total).toBeCloseTo(summary.cost.usd, 6);
  });

  it("refuses a run whose estimate is over the budget, naming both numbers, and sends nothing", async () => {
    const before = (await emulator.stats()).openai;
    const result = await runCli(["run", dataset, "--config", config, "--step", "answer", "--run-dir", dir, "--budget", "0.000001"], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/estimated cost \$\S+ .* is over the budget of \$0\.000001; nothing was sent/);
    const after = (await emulator.stats()).openai;
    expect(after.files_uploaded).toBe(before.files_uploaded);
    expect(after.batches_created).toBe(before.batches_created);
  });

  it("stops a realtime run when its cost reaches the budget, and resumes under a larger one", async () => {
    const rows = Array.from({ length: 40 }, (_, index) => ({ prompt_id: `b${index}`, prompt: `A long enough question number ${index} to cost something` }));
    const file = join(dir, "forty.json");
    writeFileSync(file, JSON.stringify(rows));
    const prices = join(dir, "prices.json");
    writeFileSync(prices, JSON.stringify({ models: { "openai/gpt-4o-mini": { input: 1000, output: 1000 } } }));
    const pricedEnv = { ...env(), BATCHLAB_PRICES: prices };
    const stopped = await runCli(["run", file, "--run-dir", dir, "--run-id", "capped", "--mode", "realtime", "--concurrency", "1", "--budget", "0.7"], pricedEnv);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toMatch(/reached its budget: spent \$\S+ of \$0\.7, \d+ rows not sent/);
    const resumed = await runCli(["resume", "capped", "--run-dir", dir, "--budget", "1000"], pricedEnv);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain("40/40 succeeded");
  });
});
