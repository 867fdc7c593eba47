/**
 * prepare_1m_by_provider: the prepare_1m work (createRun on 1,000,000 rows) with each other
 * provider's encoder: Gemini and Anthropic lines, and Vertex lines with their labels (and its
 * default of uploading local images, which maps image paths on the worker threads). Each
 * provider runs in a process of its own, so each peak RSS is its own.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRun } from "../dist/run/create-run.js";
import { BENCH_CONFIG } from "./lib/bench-config.js";
import { ROWS, SIZE, ensureInput, outPath, printFigures, stopwatch, throughput } from "./lib/report.js";

const PROVIDERS = {
  gemini: { model_name: "gemini-2.5-flash" },
  vertex: { model_name: "gemini-2.5-flash", project_id: "bench-project", batch_config: { gcs_bucket: "bench-bucket" } },
  anthropic: { model_name: "claude-haiku-4-5" },
};

const provider = process.argv[2];
if (provider) {
  // One provider, in this process.
  const dataset = ensureInput(outPath(`prompts-${SIZE}.jsonl`), "./generate-prompts.js", String(ROWS));
  const runDir = outPath(`prepare-runs-${provider}`);
  rmSync(runDir, { recursive: true, force: true });
  const mini = { ...BENCH_CONFIG.models.mini, provider, ...PROVIDERS[provider] };
  const config = { ...BENCH_CONFIG, models: { mini } };
  const watch = stopwatch();
  const run = await createRun({ dataset, config, runDir, runId: `bench-prepare-${provider}` });
  const seconds = watch.seconds();
  const cpuSeconds = watch.cpuSeconds();
  const rows = run.journal.itemCount();
  run.journal.close();
  run.release();
  rmSync(runDir, { recursive: true, force: true });
  if (rows !== ROWS) throw new Error(`expected ${ROWS} items in the journal, found ${rows}`);
  printFigures(throughput({ unit: "rows", count: rows, seconds, cpuSeconds, targetRate: 200_000, targetRssMb: 250 }));
} else {
  const figures = {};
  for (const name of Object.keys(PROVIDERS)) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), name], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
    if (child.status !== 0) throw new Error(`prepare with ${name} exited with ${child.status}`);
    figures[name] = JSON.parse(child.stdout.trim().split("\n").at(-1));
  }
  printFigures({ [`prepare_${SIZE}_by_provider`]: figures });
}
