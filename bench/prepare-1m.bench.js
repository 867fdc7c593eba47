/**
 * prepare_1m: createRun on a 1,000,000-row JSONL dataset (about 500 bytes of text a row):
 * dataset copy and hash, template, content key, encode, split into 50,000-row chunk files,
 * journal — the path `batchlab run` takes before it uploads anything.
 */
import { rmSync } from "node:fs";
import { createRun } from "../dist/run/create-run.js";
import { BENCH_CONFIG } from "./lib/bench-config.js";
import { ROWS, SIZE, ensureInput, outPath, printFigures, stopwatch, throughput } from "./lib/report.js";

const dataset = ensureInput(outPath(`prompts-${SIZE}.jsonl`), "./generate-prompts.js", String(ROWS));
const runDir = outPath("prepare-runs");
rmSync(runDir, { recursive: true, force: true });

const watch = stopwatch();
const run = await createRun({ dataset, config: BENCH_CONFIG, runDir, runId: "bench-prepare" });
const seconds = watch.seconds();
const cpuSeconds = watch.cpuSeconds();
const rows = run.journal.itemCount();
run.journal.close();
run.release();
if (rows !== ROWS) throw new Error(`expected ${ROWS} items in the journal, found ${rows}`);
rmSync(runDir, { recursive: true, force: true });

printFigures({ [`prepare_${SIZE}`]: throughput({ unit: "rows", count: rows, seconds, cpuSeconds, targetRate: 200_000, targetRssMb: 250 }) });
