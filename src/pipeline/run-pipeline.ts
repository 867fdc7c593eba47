import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createHash, randomBytes } from "node:crypto";
import { basename, dirname, join, resolve } from "node:path";
import { configHash, loadConfig, resolveStep, type Config, type ResolvedStep } from "../data/config.js";
import { ConfigError, RunStateError } from "../errors.js";
import { streamResultFile } from "../run/results-files.js";
import { Journal } from "../run/journal.js";
import { acquireRunLock } from "../run/run-lock.js";
import { existingRunPaths } from "../run/run-paths.js";
import { readRunRecord } from "../run/run-record.js";
import type { RunProgress } from "../types.js";
import { crashPoint } from "../util/crash-point.js";
import { sha256File } from "../util/hash.js";
import { readLines } from "../util/jsonl.js";
import { resumeRun } from "../api/resume-run.js";
import { retryRun } from "../api/retry-run.js";
import { runBatch } from "../api/run-batch.js";
import { checkSameRequest, dataFile, readState, writeState, type PipelineState, type Stage } from "./pipeline-state.js";
import { KEY_FIELD, mergeStageResults, writeStageInput } from "./stage-data.js";
import { writeInitialRows, writeOutput } from "./pipeline-files.js";

/** Options of `runPipeline` (and `batchlab pipeline`). */
export interface PipelineOptions {
  /** The YAML config whose `steps` run in order. */
  config: string;
  /** The input dataset (.json, .jsonl or .csv). */
  input: string;
  /** Where the rows with every step's outputs go (JSON list), written atomically. */
  output: string;
  /** Only these steps, in config order (default all). */
  steps?: string[];
  provider?: string;
  emulatorUrl?: string;
  /** Pipeline state and runs (default `.batchlab/pipelines/<output name>-<hash>`). */
  stateDir?: string;
  /** Retries of a stage's failed rows before moving on (default 2). */
  retries?: number;
  maxRequests?: number;
  pollIntervalMs?: number;
  signal?: AbortSignal;
  onProgress?: (progress: PipelineProgress) => void;
}

export interface PipelineProgress {
  stage: number;
  stages: number;
  step: string;
  round: number;
  run?: RunProgress;
}

export interface PipelineSummary {
  output: string;
  rows: number;
  stages: { step: string; round: number; runId: string; sent: number }[];
  stateDir: string;
}

/**
 * Run a config's steps over a dataset, each step a batch run with its own journal. The rows
 * with every output so far are written atomically after each stage; rerunning the same
 * command continues where it stopped and pays for no request twice. A changed config or
 * input is refused, and a lock keeps two processes from driving one pipeline.
 */
export async function runPipeline(options: PipelineOptions): Promise<PipelineSummary> {
  const { config } = await loadConfig(options.config);
  const output = resolve(options.output);
  const dir = resolve(options.stateDir ?? defaultStateDir(output));
  await mkdir(join(dir, "runs"), { recursive: true });
  const release = acquireRunLock(join(dir, "lock"), `pipeline ${basename(dir)}`);
  try {
    let state = readState(dir);
    // Stage run ids start with this pipeline's own id: batch tags are per account, and another
    // pipeline (or this one started over) must never find and adopt these batches, nor these theirs.
    const pipelineId = state?.id ?? randomBytes(4).toString("hex");
    const stages = plannedStages(config, options.steps, pipelineId);
    const request = { configHash: configHash(config), inputSha256: await sha256File(options.input), stages };
    if (state) checkSameRequest(state, request, dir);
    else {
      const dataKey = resolveStep(config, stages[0].step).dataKey;
      const rows = await writeInitialRows(options.input, dataFile(dir, 0), dataKey);
      state = { version: 1, id: pipelineId, configFile: resolve(options.config), inputFile: resolve(options.input), output, startedAt: new Date().toISOString(), next: 0, rows, ...request };
      await writeState(dir, state);
    }
    const sent: number[] = [];
    for (let index = state.next; index < stages.length; index++) {
      sent[index] = await runStage(options, config, dir, stages[index], index, stages.length, state.rows);
      crashPoint("pipeline-merged"); // the stage's rows are written, `next` not yet advanced
      state.next = index + 1;
      await writeState(dir, state);
    }
    const rows = await writeOutput(dataFile(dir, stages.length), output, state.rows);
    state.finishedAt ??= new Date().toISOString();
    await writeState(dir, state);
    return { output, rows, stateDir: dir, stages: stages.map((stage, index) => ({ step: stage.step, round: stage.round, runId: stage.runId, sent: sent[index] ?? -1 })) };
  } finally {
    release();
  }
}


/** One stage: pick the rows, run (or resume) their batch, retry failures, merge by key. */
async function runStage(options: PipelineOptions, config: Config, dir: string, stage: Stage, index: number, total: number, rows?: number): Promise<number> {
  const step = resolveStep(config, stage.step);
  const rowsFile = dataFile(dir, index);
  const stageInput = join(dir, `stage-${String(index).padStart(3, "0")}-input.jsonl`);
  const count = existsSync(stageInput) ? await countLines(stageInput) : await writeStageInput(rowsFile, stageInput, step, stage, rows);
  crashPoint("pipeline-stage-input");
  const runDir = join(dir, "runs");
  const emit = (run?: RunProgress) => options.onProgress?.({ stage: index + 1, stages: total, step: stage.step, round: stage.round, run });
  emit();
  if (count === 0) {
    await mergeStageResults(rowsFile, undefined, dataFile(dir, index + 1), step, stage, rows);
    return 0;
  }
  const drive = { runDir, emulatorUrl: options.emulatorUrl, pollIntervalMs: options.pollIntervalMs, signal: options.signal, onProgress: emit };
  if (!runExists(stage.runId, runDir)) {
    await runBatch({ ...drive, dataset: stageInput, config: options.config, step: stage.step, provider: options.provider, dataKey: KEY_FIELD, imageDir: dirname(resolve(options.input)), runId: stage.runId, maxRequests: options.maxRequests });
  } else {
    await resumeRun(stage.runId, drive);
  }
  for (let attempt = 0; attempt < (options.retries ?? 2); attempt++) {
    const summary = (await retryRun(stage.runId, drive))!;
    if (summary.succeeded === summary.total) break;
  }
  // Streamed, and checked key by key against the rows as they are merged.
  await mergeStageResults(rowsFile, streamResultFile(existingRunPaths(stage.runId, runDir).results), dataFile(dir, index + 1), step, stage, rows);
  return count;
}

/** The stages in config order: each step once, a dialogue step once per round. */
function plannedStages(config: Config, only: string[] | undefined, pipelineId: string): Stage[] {
  const names = Object.keys(config.steps);
  for (const name of only ?? []) {
    if (!names.includes(name)) throw new ConfigError(`--steps names "${name}", which is not a step of the config; steps: ${names.join(", ")}`);
  }
  const stages: Stage[] = [];
  for (const name of names.filter((candidate) => !only || only.includes(candidate))) {
    const rounds = resolveStep(config, name).rounds ?? 1;
    for (let round = 1; round <= rounds; round++) {
      const suffix = rounds > 1 ? `-r${round}` : "";
      const runId = `${pipelineId}-${String(stages.length + 1).padStart(2, "0")}-${name}${suffix}`.replace(/[^A-Za-z0-9._-]/g, "_");
      stages.push({ step: name, round, rounds, runId: runId.slice(0, 64) });
    }
  }
  if (stages.length === 0) throw new ConfigError("the pipeline has no steps to run");
  return stages;
}

/**
 * Whether the stage's run was recorded. A journal without its run record (killed while the
 * run was being created: nothing was sent) counts as not started, so the run is created
 * again; a damaged journal throws a RunStateError naming it.
 */
function runExists(runId: string, runDir: string): boolean {
  let path: string;
  try {
    path = existingRunPaths(runId, runDir).journal;
  } catch {
    return false;
  }
  const journal = Journal.open(path);
  try {
    return readRunRecord(journal) !== undefined;
  } finally {
    journal.close();
  }
}

async function countLines(path: string): Promise<number> {
  let count = 0;
  for await (const _line of readLines(path)) count++;
  return count;
}


function defaultStateDir(output: string): string {
  const hash = createHash("sha256").update(output).digest("hex").slice(0, 8);
  return join(".batchlab", "pipelines", `${basename(output).replace(/[^A-Za-z0-9._-]/g, "_")}-${hash}`);
}
