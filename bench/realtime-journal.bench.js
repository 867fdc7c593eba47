/**
 * realtime_journal_20k: what the journal costs per answer in realtime mode, where every
 * answer is committed as it arrives and a progress display asks for counts after each one:
 * the result, the chunk's counts, and the run's progress, for 20,000 answers in one chunk.
 * Counting by scanning the results made this grow with the answers already stored (quadratic
 * over a run); the figure shows whether it stays flat (first and last thousand answers).
 */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Journal } from "../dist/run/journal.js";
import { runProgress } from "../dist/run/run-progress.js";
import { outPath, peakRssMb, printFigures } from "./lib/report.js";

const ANSWERS = 20_000;
const dir = outPath("realtime-journal");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const journal = Journal.open(join(dir, "journal.sqlite"));
journal.transaction(() => {
  journal.addChunk({ id: "chunk-0000", attempt: 0, path: "x", rows: ANSWERS, bytes: 1, sha256: "s" });
  for (let index = 0; index < ANSWERS; index++) journal.addItem(`k${index}`, `k${index}`, index + 1, "chunk-0000");
});

const text = "an answer of a few hundred characters ".repeat(10);
const started = performance.now();
let firstThousandMs = 0;
let lastThousandStarted = 0;
for (let index = 0; index < ANSWERS; index++) {
  if (index === 1000) firstThousandMs = performance.now() - started;
  if (index === ANSWERS - 1000) lastThousandStarted = performance.now();
  // As realtime's ResultWriter stores an answer, then the progress display's poll.
  journal.transaction(() => {
    journal.putResult({ key: `k${index}`, status: "succeeded", texts: [text], usage: { input_tokens: 30, output_tokens: 90 } }, "chunk-0000");
    const counts = journal.chunkResultCounts("chunk-0000");
    journal.setChunkProgress("chunk-0000", counts.total, counts.total - counts.succeeded);
  });
  runProgress(journal, "bench", "waiting", Date.now());
}
const ended = performance.now();
const progress = runProgress(journal, "bench", "waiting", Date.now());
journal.close();
rmSync(dir, { recursive: true, force: true });
if (progress.done !== ANSWERS) throw new Error(`expected ${ANSWERS} rows done, progress says ${progress.done}`);

const usPerAnswer = (ms, answers) => Math.round((ms * 1000) / answers);
printFigures({
  realtime_journal_20k: {
    answers: ANSWERS,
    seconds: Math.round(ended - started) / 1000,
    us_per_answer_first_1000: usPerAnswer(firstThousandMs, 1000),
    us_per_answer_last_1000: usPerAnswer(ended - lastThousandStarted, 1000),
    peak_rss_mb: peakRssMb(),
  },
});
