/**
 * eval_200k: what a notebook does with a large finished run. 200,000 multiple-choice result
 * rows (in memory, as `readResults` returns them) are (a) loaded into a Danfo DataFrame with
 * `resultsFrame`, and (b) scored with `evaluate(mcqTask(), rows)`: answer extraction, overall
 * and per-category metrics with 95% bootstrap intervals (1,000 resamples, seed 42), and the
 * confusion matrix.
 *
 * Usage: node bench/eval-200k.bench.js   (BENCH_ROWS=20000 for a quick check)
 * Prints one JSON line: {"eval_200k": {rows, frame_seconds, evaluate_seconds, peak_rss_mb, ...}}.
 */
import { evaluate, mcqTask } from "../dist/index.js";
import { resultsFrame } from "../dist/notebook/index.js";
import { CATEGORIES, generateMcqRows } from "./lib/eval-rows.js";
import { peakRssMb, printFigures } from "./lib/report.js";

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const name = ROWS === 200_000 ? "eval_200k" : `eval_${ROWS}`;

// Peak RSS so far: Node and the imported modules, before any row exists.
const rssBaselineMb = peakRssMb();
let started = performance.now();
const rows = generateMcqRows(ROWS);
const generateSeconds = elapsed(started);
const rssAfterRowsMb = peakRssMb();
process.stderr.write(`[bench] ${ROWS} result rows generated in ${generateSeconds} s\n`);

started = performance.now();
const frame = resultsFrame(rows);
const frameSeconds = elapsed(started);
if (frame.shape[0] !== ROWS) throw new Error(`expected a ${ROWS}-row frame, got ${frame.shape[0]} rows`);
process.stderr.write(`[bench] resultsFrame: ${frame.shape.join(" x ")} in ${frameSeconds} s\n`);

started = performance.now();
const evaluation = evaluate(mcqTask(), rows);
const evaluateSeconds = elapsed(started);
const categories = evaluation.groups.category ?? [];
if (evaluation.counts.total !== ROWS) throw new Error(`expected ${ROWS} scored rows, got ${evaluation.counts.total}`);
if (categories.length !== CATEGORIES.length || categories.some((group) => group.metrics.accuracy.low === null)) {
  throw new Error(`expected ${CATEGORIES.length} categories with intervals, got ${JSON.stringify(categories.map((group) => group.group))}`);
}
const { accuracy } = evaluation.metrics;
process.stderr.write(
  `[bench] evaluate: accuracy ${accuracy.value.toFixed(4)} [${accuracy.low.toFixed(4)}, ${accuracy.high.toFixed(4)}], ` +
    `${evaluation.counts.unparseable} unparseable, ${evaluation.counts.failed} failed, in ${evaluateSeconds} s\n`,
);

printFigures({
  [name]: {
    rows: ROWS,
    frame_seconds: frameSeconds,
    evaluate_seconds: evaluateSeconds,
    peak_rss_mb: peakRssMb(),
    rss_baseline_mb: rssBaselineMb,
    rss_after_rows_mb: rssAfterRowsMb,
    generate_seconds: generateSeconds,
    categories: categories.length,
    bootstrap_resamples: evaluation.bootstrap.resamples,
    accuracy: round(accuracy.value, 4),
    unparseable: evaluation.counts.unparseable,
    failed: evaluation.counts.failed,
  },
});

function elapsed(since) {
  return round((performance.now() - since) / 1000, 2);
}

function round(value, digits) {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
