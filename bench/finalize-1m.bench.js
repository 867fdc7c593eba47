/**
 * finalize_1m: the run's last step on the collect benchmark's run (1,000,000 rows, collected
 * first, untimed): results.jsonl and results.csv in input order, one line per input row,
 * summary and manifest. The run folder is a fresh one whose large files are hard links to
 * the base run's (nothing is copied but the journal).
 */
import { copyFileSync, linkSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { JOURNAL_PAGE_SIZE, JOURNAL_SCHEMA } from "../dist/run/journal-schema.js";
import { openRun } from "../dist/run/open-run.js";
import { waitForChunks } from "../dist/run/wait-for-chunks.js";
import { finalizeRun } from "../dist/run/finalize-run.js";
import { createOpenAIProvider } from "../dist/providers/openai.js";
import { completedBatchLookup } from "./lib/batch-lookup.js";
import { ROWS, SIZE, ensureInput, outPath, printFigures, stopwatch } from "./lib/report.js";

const schemaHash = createHash("sha256").update(`${JOURNAL_SCHEMA}\n${JOURNAL_PAGE_SIZE}`).digest("hex").slice(0, 8);
const base = ensureInput(outPath(`collect-base-${SIZE}-schema${schemaHash}`), "./generate-collect.js", String(ROWS));
const runDir = outPath("finalize-runs");
rmSync(runDir, { recursive: true, force: true });
const root = join(runDir, "base");
linkTree(base, root);
rmSync(join(root, "journal.sqlite"));
copyFileSync(join(base, "journal.sqlite"), join(root, "journal.sqlite"));

// The base run was made in a temporary folder and moved; opening it follows the move.
const run = openRun("base", runDir);
const provider = createOpenAIProvider({ apiKey: "sk-bench", baseUrl: "http://127.0.0.1:9/v1", fetch: completedBatchLookup, maxRetries: 0 });
await waitForChunks({ journal: run.journal, provider, rawDir: run.paths.raw, pollIntervalMs: 0 });
const rssBeforeMb = Math.round(process.memoryUsage().rss / 1048576);

const watch = stopwatch();
const summary = await finalizeRun(run);
const seconds = watch.seconds();
const cpuSeconds = watch.cpuSeconds();
const jsonlBytes = statSync(run.paths.results).size;
run.journal.close();
run.release();
rmSync(runDir, { recursive: true, force: true });
if (summary.total !== ROWS) throw new Error(`expected ${ROWS} rows, the summary says ${summary.total}`);

printFigures({
  [`finalize_${SIZE}`]: {
    rows_per_s: Math.round(ROWS / seconds),
    seconds: Math.round(seconds * 100) / 100,
    cpu_seconds: Math.round(cpuSeconds * 100) / 100,
    results_jsonl_mb: Math.round(jsonlBytes / 1048576),
    rss_before_mb: rssBeforeMb,
    peak_rss_mb: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
  },
});

/** A copy of a folder tree made of hard links (files are shared, not copied). */
function linkTree(from, to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.name === "lock" || entry.name.startsWith("journal.sqlite-")) continue;
    if (entry.isDirectory()) linkTree(join(from, entry.name), join(to, entry.name));
    else linkSync(join(from, entry.name), join(to, entry.name));
  }
}
