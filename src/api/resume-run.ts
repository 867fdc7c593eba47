import { readFile, rm } from "node:fs/promises";
import type { RunOptions } from "../run/create-run.js";
import type { RunRecord } from "../run/run-record.js";
import { runBatch } from "./run-batch.js";
import { driveRun, type DriveOptions } from "../run/drive-run.js";
import { closeRun, connectRun, openRun } from "../run/open-run.js";
import type { RunSummary } from "../run/run-summary.js";

export interface RunLocation {
  /** Parent folder of run directories (default `.batchlab/runs`). */
  runDir?: string;
  /** Point the provider at a running emulator (default: BATCHLAB_EMULATOR_URL, else the run's own). */
  emulatorUrl?: string;
}

/**
 * Continue a run after `--no-wait`, Ctrl-C, a crashed kernel or kill -9: reconcile chunks
 * caught between create and record, submit what was never sent, wait, collect, finalize.
 * A finished run returns its summary at once.
 */
export async function resumeRun(runId: string, options: RunLocation & DriveOptions = {}): Promise<RunSummary> {
  const run = openRun(runId, options.runDir);
  try {
    if (run.record.state === "done") return JSON.parse(await readFile(run.paths.summary, "utf8")) as RunSummary;
    if (run.record.state === "preparing") {
      // Killed while preparing: nothing was sent, so prepare again from the same request.
      closeRun(run);
      return await runBatch({ ...optionsFromRecord(run.record), ...options });
    }
    return (await driveRun(run, await connectRun(run.record, options.emulatorUrl), { ...options, wait: true }))!;
  } finally {
    closeRun(run);
  }
}

function optionsFromRecord(record: RunRecord): RunOptions {
  return {
    dataset: record.dataset.path,
    config: record.configFile,
    step: record.configFile ? record.step.name : undefined,
    provider: record.provider,
    model: record.step.model,
    dataKey: record.step.dataKey,
    imageDir: record.dataset.imageDir,
    runId: record.runId,
    maxRequests: record.limits.maxRequests,
    maxBytes: record.limits.maxBytes,
    emulatorUrl: record.emulatorUrl,
  };
}

/** Wait for a submitted run and collect its results (the same as `resumeRun`). */
export const waitForRun = resumeRun;

/** Remove a run directory (only the local files; remote batches are untouched). */
export async function removeRun(runId: string, options: RunLocation = {}): Promise<void> {
  const run = openRun(runId, options.runDir);
  const root = run.paths.root;
  closeRun(run);
  await rm(root, { recursive: true, force: true });
}
