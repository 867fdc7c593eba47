import cliProgress from "cli-progress";
import type { RunProgress } from "../types.js";

/** Plain-line reports at most this often when stderr is not a terminal. */
const PLAIN_INTERVAL_MS = 5_000;

/** A progress bar on a terminal, plain lines (on change, at most every 5 s) otherwise. */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): {
  update(progress: RunProgress): void;
  stop(): void;
} {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: "{phase} |{bar}| {value}/{total} rows | failed {failed} | {chunks} | {elapsed}s", stream, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(progress) {
        const payload = { phase: progress.phase.padEnd(10), failed: progress.failed, chunks: chunkSummary(progress), elapsed: Math.round(progress.elapsedMs / 1000) };
        if (!started) {
          bar.start(progress.total, progress.done, payload);
          started = true;
        } else {
          bar.setTotal(progress.total);
          bar.update(progress.done, payload);
        }
      },
      stop: () => started && bar.stop(),
    };
  }
  let lastLine = "";
  let lastAt = 0;
  return {
    update(progress) {
      const line = `[batchlab] ${progress.runId} ${progress.phase}: ${progress.done}/${progress.total} rows, ${progress.failed} failed, ${chunkSummary(progress)}`;
      const now = Date.now();
      if (line === lastLine || (now - lastAt < PLAIN_INTERVAL_MS && progress.phase === "waiting")) return;
      lastLine = line;
      lastAt = now;
      stream.write(`${line}\n`);
    },
    stop() {},
  };
}

/** "2 batches: completed 1, in_progress 1" */
function chunkSummary(progress: RunProgress): string {
  const byState = new Map<string, number>();
  for (const chunk of progress.chunks) byState.set(chunk.state, (byState.get(chunk.state) ?? 0) + 1);
  const states = [...byState].map(([state, count]) => `${state} ${count}`).join(", ");
  return `${progress.chunks.length} batch${progress.chunks.length === 1 ? "" : "es"}: ${states}`;
}
