/**
 * pipeline_chaos: the long version of tests/pipeline/chaos.test.ts (issue 6's acceptance).
 * A 3-step pipeline (caption → keep/drop label → 3 dialogue rounds answered as JSON) over
 * 2,000 rows, 100 rows per batch, against `batchlab emulator` processes: an uninterrupted
 * fault-free reference, then the same command under request and row faults, killed with
 * SIGKILL 50 times (10 in each stage, at random moments or crash points) and rerun each time.
 *
 * Reports kills survived, requests planned vs sent (first attempts and retries of failed
 * rows), batches planned vs created, rows answered twice, and whether the output equals the
 * reference's. Exits 1 when any of those checks fails.
 *
 * Environment: BENCH_PIPELINE_ROWS (default 2000), BENCH_PIPELINE_KILLS (default 50),
 * BENCH_PIPELINE_SEED (default 1).
 */
import { rmSync } from "node:fs";
import { loadavg } from "node:os";
import { runChaosDrill } from "./lib/pipeline-chaos.js";
import { outPath, printFigures } from "./lib/report.js";

const ROWS = Number(process.env.BENCH_PIPELINE_ROWS ?? 2000);
const KILLS = Number(process.env.BENCH_PIPELINE_KILLS ?? 50);
const SEED = Number(process.env.BENCH_PIPELINE_SEED ?? 1);

const dir = outPath(`pipeline-chaos-${ROWS}`);
rmSync(dir, { recursive: true, force: true });
process.stderr.write(`[bench] pipeline chaos: ${ROWS} rows, ${KILLS} kills\n`);
const drill = await runChaosDrill({
  dir,
  rows: ROWS,
  kills: KILLS,
  seed: SEED,
  maxRequests: 100,
  log: (line) => process.stderr.write(`[bench] ${line}\n`),
});
const { figures } = drill;
const passed =
  figures.kills === KILLS &&
  figures.output_equal &&
  drill.problems.length === 0 &&
  figures.batches_created === figures.batches_planned &&
  figures.requests_sent === figures.requests_planned &&
  figures.requests_first === figures.reference_requests_sent &&
  figures.duplicate_successes === 0;
for (const problem of drill.problems) process.stderr.write(`[bench] problem: ${problem}\n`);
if (passed) rmSync(dir, { recursive: true, force: true });
else process.stderr.write(`[bench] the drill's files are kept in ${dir}\n`);
printFigures({ pipeline_chaos: { ...figures, problems: drill.problems.length, passed, load_average_1m: Math.round(loadavg()[0] * 100) / 100 } });
if (!passed) process.exitCode = 1;
