import type { RunProgress } from "../types.js";
import type { Journal, ResultCounts } from "./journal.js";

/** The run's progress as the journal knows it. */
export function runProgress(journal: Journal, runId: string, phase: RunProgress["phase"], startedAt: number): RunProgress {
  const chunks = journal.chunks().map((chunk) => ({
    id: chunk.id,
    state: chunk.state === "submitted" ? (chunk.remoteState ?? "submitted") : chunk.state,
    remoteId: chunk.remote?.id,
    rows: chunk.rows,
    done: chunk.done,
    failed: chunk.failed,
  }));
  const first = chunks.filter((chunk) => !chunk.id.startsWith("retry"));
  const counts = journal.resultCounts();
  return {
    runId,
    phase,
    chunks,
    total: first.reduce((sum, chunk) => sum + chunk.rows, 0),
    done: Math.min(journal.itemCount(), doneRows(journal, counts)),
    failed: counts.failed + counts.expired + counts.cancelled,
    elapsedMs: Date.now() - startedAt,
  };
}

/** Rows with a result, plus rows the provider reports done in chunks still running. */
function doneRows(journal: Journal, counts: ResultCounts): number {
  const stored = counts.succeeded + counts.failed + counts.expired + counts.cancelled;
  const running = journal
    .chunks()
    .filter((chunk) => chunk.state === "submitted" || chunk.state === "ended")
    .reduce((sum, chunk) => sum + chunk.done, 0);
  return stored + running;
}
