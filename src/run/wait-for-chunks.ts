import { isTransient } from "../providers/provider-error.js";
import { TERMINAL_STATES, type BatchProvider } from "../types.js";
import { sleep } from "../util/sleep.js";
import { crashPoint } from "../util/crash-point.js";
import { collectChunk } from "./collect-chunk.js";
import type { Journal } from "./journal.js";

/** Consecutive failed polls (network, 5xx) tolerated before giving up; resume continues. */
const MAX_POLL_FAILURES = 30;

/**
 * Poll every submitted chunk until it ends, collecting each as soon as it does. Status
 * changes go to the journal; `onTick` is called after every round for progress displays.
 */
export async function waitForChunks(options: {
  journal: Journal;
  provider: BatchProvider;
  rawDir: string;
  pollIntervalMs: number;
  signal?: AbortSignal;
  onTick?: () => void;
}): Promise<void> {
  const { journal, provider } = options;
  let failures = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const open = journal.chunks().filter((chunk) => chunk.state === "submitted" || chunk.state === "ended");
    if (open.length === 0) return;
    for (const chunk of open) {
      options.signal?.throwIfAborted();
      try {
        if (chunk.state === "submitted") {
          const status = await provider.status(chunk.remote!);
          crashPoint("while-polling");
          const counts = status.counts;
          const ended = TERMINAL_STATES.has(status.state);
          if (ended || status.raw !== chunk.remoteState || (counts && counts.completed !== chunk.done)) {
            journal.setChunkState(chunk.id, ended ? "ended" : "submitted", {
              remoteState: status.raw,
              batchState: status.state,
              batchError: status.error ? `${status.error.code}: ${status.error.message}` : undefined,
              done: counts?.completed ?? chunk.done,
              failed: counts?.failed ?? chunk.failed,
            });
          }
          if (!ended) continue;
        }
        const current = journal.chunks().find((entry) => entry.id === chunk.id)!;
        await collectChunk({ journal, provider, chunk: current, rawDir: options.rawDir });
        failures = 0;
      } catch (error) {
        if (!isTransient(error) || ++failures > MAX_POLL_FAILURES) throw error;
        journal.event("poll-error", chunk.id, (error as Error).message);
      }
      options.onTick?.();
    }
    options.onTick?.();
    if (journal.chunks().some((chunk) => chunk.state === "submitted" || chunk.state === "ended")) {
      await sleep(options.pollIntervalMs, options.signal);
    }
  }
}
