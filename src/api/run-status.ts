import { readdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { closeRun, connectProvider, openRun } from "../run/open-run.js";
import { runProgress } from "../run/run-progress.js";
import { DEFAULT_RUN_DIR } from "../run/run-paths.js";
import type { ChunkProgress } from "../types.js";
import { resumeCommand } from "./resume-command.js";
import type { RunLocation } from "./resume-run.js";

/** Where a run stands. */
export interface RunStatusReport {
  runId: string;
  /** preparing | prepared (submitted or waiting) | done */
  state: string;
  provider: string;
  model: string;
  createdAt: string;
  total: number;
  done: number;
  failed: number;
  chunks: ChunkProgress[];
  counts: { succeeded: number; failed: number; expired: number; cancelled: number };
  resumeCommand?: string;
}

/**
 * A run's state from its journal. With `refresh`, the provider is asked for the live state
 * of unfinished batches (read-only: nothing is written, so another process may be driving it).
 */
export async function runStatus(runId: string, options: RunLocation & { refresh?: boolean } = {}): Promise<RunStatusReport> {
  const run = openRun(runId, options.runDir, { lock: false });
  try {
    const { record, journal } = run;
    const progress = runProgress(journal, runId, "waiting", Date.parse(record.createdAt));
    if (options.refresh && record.state !== "done") {
      const provider = await connectProvider(record, options.emulatorUrl);
      for (const [index, chunk] of journal.chunks().entries()) {
        if (chunk.state !== "submitted" || !chunk.remote) continue;
        const live = await provider.status(chunk.remote);
        progress.chunks[index] = { ...progress.chunks[index], state: live.raw, done: live.counts?.completed ?? chunk.done, failed: live.counts?.failed ?? chunk.failed };
      }
    }
    const counts = journal.resultCounts();
    return {
      runId,
      state: record.state ?? "preparing",
      provider: record.provider,
      model: record.step.model,
      createdAt: record.createdAt,
      total: progress.total,
      done: progress.done,
      failed: progress.failed,
      chunks: progress.chunks,
      counts: { succeeded: counts.succeeded, failed: counts.failed, expired: counts.expired, cancelled: counts.cancelled },
      resumeCommand: record.state === "done" ? undefined : resumeCommand(runId, options.runDir),
    };
  } finally {
    closeRun(run);
  }
}

/** Every run in the run folder, newest first. */
export async function listRuns(options: { runDir?: string } = {}): Promise<RunStatusReport[]> {
  const runDir = options.runDir ?? DEFAULT_RUN_DIR;
  if (!existsSync(resolve(runDir))) return [];
  const names = (await readdir(resolve(runDir))).filter((name) => existsSync(join(resolve(runDir), name, "journal.sqlite")));
  const reports: RunStatusReport[] = [];
  for (const name of names) {
    try {
      reports.push(await runStatus(name, { runDir }));
    } catch {
      // a damaged run is skipped here; `batchlab status <id>` shows its error
    }
  }
  return reports.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
