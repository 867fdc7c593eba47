/**
 * collect_1m: the runner's collect step (waitForChunks → collectChunk → the OpenAI provider's
 * results()) over 20 finished 50,000-row batches: 1,000,000 output and error lines in
 * shuffled order, parsed and joined by custom_id to a journal of 1,000,000 items, every
 * result stored. Output files are already in raw/ (no download); the one batch lookup per
 * chunk goes to an in-process fetch.
 */
import { closeSync, copyFileSync, mkdirSync, openSync, readdirSync, readSync, rmSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { Journal } from "../dist/run/journal.js";
import { JOURNAL_PAGE_SIZE, JOURNAL_SCHEMA } from "../dist/run/journal-schema.js";
import { waitForChunks } from "../dist/run/wait-for-chunks.js";
import { runProgress } from "../dist/run/run-progress.js";
import { createOpenAIProvider } from "../dist/providers/openai.js";
import { completedBatchLookup } from "./lib/batch-lookup.js";
import { ROWS, SIZE, ensureInput, outPath, printFigures, stopwatch, throughput } from "./lib/report.js";

// The base run depends on the journal's schema and page size: a change makes a new one.
const schemaHash = createHash("sha256").update(`${JOURNAL_SCHEMA}\n${JOURNAL_PAGE_SIZE}`).digest("hex").slice(0, 8);
const base = ensureInput(outPath(`collect-base-${SIZE}-schema${schemaHash}`), "./generate-collect.js", String(ROWS));
const work = outPath("collect-run");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
copyFileSync(join(base, "journal.sqlite"), join(work, "journal.sqlite"));
const rawDir = join(base, "raw");
const lines = readdirSync(rawDir).reduce((sum, name) => sum + countLines(join(rawDir, name)), 0);

const provider = createOpenAIProvider({ apiKey: "sk-bench", baseUrl: "http://127.0.0.1:9/v1", fetch: completedBatchLookup, maxRetries: 0 });
const journal = Journal.open(join(work, "journal.sqlite"));
// The SDK loads at the provider's first call; in a real run that is long before collecting
// (submit, polling), so it happens here, before the clock starts.
await provider.status({ id: "batch_warmup", provider: "openai" });
const watch = stopwatch();
await waitForChunks({ journal, provider, rawDir, pollIntervalMs: 0 });
const seconds = watch.seconds();
const cpuSeconds = watch.cpuSeconds();
// What a progress display pays each poll of a run this size: the first count scans every
// result; later polls, with no new results, reuse it.
const progressFirstMs = timeMs(() => runProgress(journal, "bench", "waiting", Date.now()));
const progressPollMs = timeMs(() => runProgress(journal, "bench", "waiting", Date.now()));
const counts = journal.resultCounts();
const items = journal.itemCount();
journal.close();
const results = counts.succeeded + counts.failed + counts.expired + counts.cancelled;
if (results !== items) throw new Error(`expected ${items} results, found ${results}`);
process.stderr.write(`[bench] collect: ${counts.succeeded} succeeded, ${counts.failed} failed\n`);
rmSync(work, { recursive: true, force: true });

printFigures({
  [`collect_${SIZE}`]: {
    ...throughput({ unit: "lines", count: lines, seconds, cpuSeconds, targetRate: 300_000, targetRssMb: 300 }),
    progress_first_ms: progressFirstMs,
    progress_poll_ms: progressPollMs,
  },
});

function timeMs(work) {
  const started = performance.now();
  work();
  return Math.round((performance.now() - started) * 10) / 10;
}

/** Lines in a file, read 1 MB at a time (so counting never shows in the peak RSS). */
function countLines(path) {
  const fd = openSync(path, "r");
  const buffer = Buffer.allocUnsafe(1 << 20);
  let count = 0;
  try {
    for (let bytes = readSync(fd, buffer); bytes > 0; bytes = readSync(fd, buffer)) {
      for (let index = buffer.indexOf(10); index !== -1 && index < bytes; index = buffer.indexOf(10, index + 1)) count++;
    }
  } finally {
    closeSync(fd);
  }
  return count;
}
