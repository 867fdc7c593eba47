import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, startEmulatorProcess, ROOT } from "../support/cli.js";
import { chartsDrawn, openOffline } from "../report/offline-chromium.js";

const MCQ = join(ROOT, "datasets", "mcq-mini");
let emulator: Awaited<ReturnType<typeof startEmulatorProcess>>;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulatorProcess(["--batch-ms", "300", "--responder", `oracle:${join(MCQ, "questions.json")}`]);
  dir = mkdtempSync(join(tmpdir(), "batchlab-eval-"));
});
afterAll(async () => {
  await emulator?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ BATCHLAB_EMULATOR_URL: emulator.url });

describe("batchlab eval and report on simulated models", () => {
  it.each([
    ["sim-small", 0.55],
    ["sim-large", 0.85],
  ])("scores %s near its set accuracy and writes metrics.json", async (model, accuracy) => {
    const run = await runCli(["run", join(MCQ, "questions.json"), "--config", join(MCQ, "config.yaml"), "--model", model, "--run-dir", dir, "--run-id", model], env());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("$0 (simulated model)");
    const scored = await runCli(["eval", model, "--task", "mcq", "--run-dir", dir], env());
    expect(scored.code, scored.stderr).toBe(0);
    const metrics = JSON.parse(readFileSync(join(dir, model, "metrics.json"), "utf8"));
    expect(metrics.task).toBe("mcq");
    expect(metrics).toMatchObject({ model, provider: "openai", run_id: model, mode: "batch", examples: 200 });
    const overall = metrics.metrics.accuracy;
    expect(Math.abs(overall.value - accuracy)).toBeLessThan(0.08);
    expect(overall.low).toBeLessThan(overall.value);
    expect(overall.high).toBeGreaterThan(overall.value);
    expect(scored.stdout).toMatch(/accuracy: 0\.\d+ \[0\.\d+, 0\.\d+\] \(n=200\)/);
  });

  it("writes a self-contained report.html whose charts all draw offline in Chromium", async () => {
    const result = await runCli(["report", "sim-large", "--run-dir", dir], env());
    expect(result.code, result.stderr).toBe(0);
    const path = join(dir, "sim-large", "report.html");
    expect(readFileSync(path, "utf8")).toContain("Simulated model");
    const opened = await openOffline(path);
    try {
      const charts = await chartsDrawn(opened.page);
      expect(charts.length).toBeGreaterThanOrEqual(4);
      expect(charts.filter((chart) => !chart.drawn)).toEqual([]);
      expect(opened.blocked).toEqual([]);
      expect(opened.errors).toEqual([]);
      const shots = join(ROOT, "tests", ".tmp");
      mkdirSync(shots, { recursive: true });
      writeFileSync(join(shots, "run-report-screenshot.png"), await opened.page.screenshot({ fullPage: true }));
    } finally {
      await opened.close();
    }
  });
});
