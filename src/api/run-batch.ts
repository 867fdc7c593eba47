import { rm } from "node:fs/promises";
import { resolveConnection } from "../providers/connection.js";
import { createProvider } from "../providers/registry.js";
import { createRun, resolveRunPlan, type RunOptions } from "../run/create-run.js";
import { driveRun, type DriveOptions } from "../run/drive-run.js";
import { closeRun, type OpenRun } from "../run/open-run.js";
import type { RunSummary } from "../run/run-summary.js";
import { resumeCommand } from "./resume-command.js";

/** A submitted run: enough to find it again from anywhere. */
export interface RunInfo {
  runId: string;
  runDir: string;
  chunks: { id: string; rows: number; remoteId?: string }[];
  /** The exact command that waits for it and collects the results. */
  resumeCommand: string;
  warnings: string[];
}

/** Validate, prepare, upload and create the batches; return without waiting. */
export async function submitRun(options: RunOptions & Pick<DriveOptions, "onProgress" | "signal">): Promise<RunInfo> {
  const { run, connected, warnings } = await startRun(options);
  try {
    await driveRun(run, connected, { ...options, wait: false });
    return {
      runId: run.record.runId,
      runDir: run.paths.root,
      chunks: run.journal.chunks().map((chunk) => ({ id: chunk.id, rows: chunk.rows, remoteId: chunk.remote?.id })),
      resumeCommand: resumeCommand(run.record.runId, options.runDir),
      warnings,
    };
  } finally {
    closeRun(run);
  }
}

/** Run a dataset end to end: validate, submit, wait, collect, write the result files. */
export async function runBatch(options: RunOptions & DriveOptions): Promise<RunSummary> {
  const { run, connected } = await startRun(options);
  try {
    return (await driveRun(run, connected, { ...options, wait: true }))!;
  } finally {
    closeRun(run);
  }
}

async function startRun(options: RunOptions) {
  // Connect first: a missing key must fail before the run folder is made.
  const plan = await resolveRunPlan(options);
  const connection = resolveConnection(plan.provider, {
    apiKey: plan.step.apiKey,
    apiKeyVariable: plan.step.apiKeyVariable,
    baseUrl: plan.step.baseUrl,
    emulatorUrl: options.emulatorUrl,
    options: plan.step.options,
  });
  const provider = createProvider(plan.provider, connection);
  const created = await createRun(options);
  const run: OpenRun = { paths: created.paths, record: created.record, journal: created.journal, release: created.release };
  try {
    // After the input is validated (no network), before anything is uploaded.
    await provider.preflight?.();
  } catch (error) {
    closeRun(run);
    await rm(run.paths.root, { recursive: true, force: true });
    throw error;
  }
  return { run, connected: { provider, connection }, warnings: created.warnings };
}
