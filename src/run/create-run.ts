import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import { configHash, defaultConfig, loadConfig, resolveStep, type Config, type ResolvedStep } from "../data/config.js";
import { inspectDataset } from "../data/read-dataset.js";
import { BudgetError, RunStateError } from "../errors.js";
import { formatUsd } from "../cost/cost.js";
import { budgetFigure, estimateCost } from "../cost/estimate.js";
import { loadPriceTable } from "../cost/price-table.js";
import { prepareChunks } from "../plan/prepare.js";
import { encoderFor, providerLimits } from "../providers/registry.js";
import type { RateLimits } from "../realtime/rate-limiter.js";
import { Journal } from "./journal.js";
import { acquireRunLock } from "./run-lock.js";
import { DEFAULT_RUN_DIR, newRunId, runPaths, type RunPaths } from "./run-paths.js";
import { readRunRecord, writeRunRecord, type RunRecord } from "./run-record.js";

/** Options shared by every call that starts a run. */
export interface RunOptions {
  /** Dataset file: .json (three prompt shapes), .jsonl or .csv. */
  dataset: string;
  /** YAML config with models and steps; default: one step sending `{prompt}`. */
  config?: string | Config;
  /** Step name in the config (default: the first step). */
  step?: string;
  /** Provider (default: the step's model's provider, else "openai"). */
  provider?: string;
  /** Model name, overriding the config. */
  model?: string;
  /** The field that keys rows, overriding the step's `data_key`. */
  dataKey?: string;
  /** Where relative image paths point (default: the dataset's folder). */
  imageDir?: string;
  /** Parent folder of run directories (default `.batchlab/runs`). */
  runDir?: string;
  /** Run id (default: time-based). */
  runId?: string;
  /** Most requests per batch (default: the provider's limit, OpenAI 50,000). */
  maxRequests?: number;
  /** Most bytes per batch file (default: the provider's limit, OpenAI 200 MB). */
  maxBytes?: number;
  /** Point the provider at a running batchlab emulator (default: BATCHLAB_EMULATOR_URL). */
  emulatorUrl?: string;
  /** `batch` (default: half price), `realtime` (one call per row, now), or `auto`. */
  mode?: "batch" | "realtime" | "auto";
  /** Realtime limits: requests and tokens per minute, and calls in flight. */
  rateLimits?: RateLimits;
  /** `auto`: at most this many rows go realtime (default 200). */
  autoRealtimeRows?: number;
  /** `auto`: results are needed within this many minutes (under 24 h means realtime). */
  deadlineMinutes?: number;
  /**
   * Most USD to spend. A run whose estimate is over it is refused before anything is sent;
   * a realtime run stops sending when its actual cost reaches it.
   */
  budgetUsd?: number;
}

/** The step and limits a run would use, without touching the disk or the network. */
export async function resolveRunPlan(options: RunOptions): Promise<{
  step: ResolvedStep;
  provider: string;
  limits: { maxRequests: number; maxBytes: number };
  configFile?: string;
  configHash: string;
  warnings: string[];
}> {
  let config: Config;
  let configFile: string | undefined;
  let warnings: string[] = [];
  if (typeof options.config === "string") {
    const loaded = await loadConfig(options.config);
    config = loaded.config;
    warnings = loaded.warnings;
    configFile = resolve(options.config);
  } else {
    config = options.config ?? defaultConfig({ model: options.model, provider: options.provider });
  }
  const resolved = resolveStep(config, options.step);
  const provider = options.provider ?? resolved.provider ?? "openai";
  // `providerLimits` below refuses a provider name batchlab does not know.
  const step: ResolvedStep = { ...resolved, provider: provider as ResolvedStep["provider"], model: options.model ?? resolved.model };
  if (options.dataKey) step.dataKey = options.dataKey;
  const defaults = providerLimits(provider);
  const limits = {
    maxRequests: Math.min(options.maxRequests ?? defaults.maxRequests, defaults.maxRequests),
    maxBytes: Math.min(options.maxBytes ?? defaults.maxBytes, defaults.maxBytes),
  };
  return { step, provider, limits, configFile, configHash: configHash(config), warnings };
}

/**
 * Create a run: copy the dataset into the run directory (so later edits cannot change what
 * was sent), validate every row, write the chunk files and record everything in the journal
 * in one transaction. A bad input throws a ValidationError and leaves no run behind.
 */
export async function createRun(options: RunOptions & { provider?: string }): Promise<{
  paths: RunPaths;
  record: RunRecord;
  journal: Journal;
  release: () => void;
  warnings: string[];
}> {
  const plan = await resolveRunPlan(options);
  const runId = options.runId ?? newRunId();
  const datasetPath = resolve(options.dataset);
  await inspectDataset(datasetPath); // a missing or unsupported file fails before any folder is made
  const paths = runPaths(runId, options.runDir ?? DEFAULT_RUN_DIR, extname(datasetPath));
  await mkdir(paths.root, { recursive: true });
  const release = acquireRunLock(paths.lock, runId);
  try {
    await clearInterruptedPrepare(paths);
  } catch (error) {
    release();
    throw error;
  }
  let journal: Journal | undefined;
  try {
    await mkdir(paths.chunks, { recursive: true });
    await mkdir(paths.raw, { recursive: true });
    journal = Journal.open(paths.journal);
    const { apiKey: _secret, ...stepWithoutKey } = plan.step;
    const record: RunRecord = {
      runId,
      createdAt: new Date().toISOString(),
      provider: plan.provider,
      step: stepWithoutKey,
      apiKeyVariable: plan.step.apiKeyVariable,
      dataset: { path: datasetPath, inputFile: paths.input, imageDir: resolve(options.imageDir ?? dirname(datasetPath)), sha256: "", bytes: 0, format: "", shape: "" },
      configFile: plan.configFile,
      configHash: plan.configHash,
      limits: plan.limits,
      emulatorUrl: options.emulatorUrl ?? process.env.BATCHLAB_EMULATOR_URL,
      mode: options.mode === "realtime" ? "realtime" : "batch",
      rateLimits: options.rateLimits,
      state: "preparing",
    };
    // Committed first: a run killed from here on is recognised as interrupted while
    // preparing (nothing sent), and `resume` prepares it again from this record.
    writeRunRecord(journal, record);
    const info = await inspectDataset(datasetPath);
    record.dataset = { ...record.dataset, format: info.format, shape: info.shape };
    record.dataKey = plan.step.dataKey ?? info.defaultKeyField;
    // Encoding needs the provider's settings (Vertex image URIs name the bucket), not its key.
    const encoder = encoderFor(plan.provider, plan.step.options);
    const opened = journal;
    opened.begin();
    try {
      opened.startItemLoad();
      // The dataset is copied into the run (so later edits cannot change what was sent) and
      // hashed as it is read: one pass over the file.
      const { localImages, inputTokens, datasetSha256 } = await prepareChunks({
        datasetFile: datasetPath,
        copyTo: paths.input,
        displayFile: options.dataset,
        imageDir: record.dataset.imageDir ?? dirname(datasetPath),
        step: plan.step,
        provider: encoder,
        limits: plan.limits,
        chunksDir: paths.chunks,
        prefix: "chunk",
        onItem: (key, wireId, row, chunkId) => opened.addItem(key, wireId, row, chunkId),
        onItems: (items) => opened.addItems(items),
        onChunk: (chunk) => opened.addChunk({ ...chunk, attempt: 0 }),
        estimateTokens: options.budgetUsd !== undefined,
        hashDataset: true,
      });
      record.dataset.sha256 = datasetSha256!;
      record.dataset.bytes = (await stat(paths.input)).size;
      opened.finishItemLoad();
      if (localImages.length > 0) opened.setMeta("local_images", JSON.stringify(localImages));
      record.mode = chooseMode(options, opened.itemCount());
      record.budgetUsd = options.budgetUsd;
      if (options.budgetUsd !== undefined) checkBudget(options.budgetUsd, plan.step, record.mode, opened.itemCount(), inputTokens);
      record.state = "prepared";
      writeRunRecord(opened, record);
      opened.commit();
    } catch (error) {
      opened.rollback();
      throw error;
    }
    return { paths, record, journal, release, warnings: plan.warnings };
  } catch (error) {
    journal?.close();
    await rm(paths.root, { recursive: true, force: true });
    release();
    throw error;
  }
}

/** Rows at or under which `auto` sends a run row by row instead of as a batch. */
export const AUTO_REALTIME_ROWS = 200;

/**
 * `auto`: small jobs (or a deadline sooner than a batch promises) go realtime, where the
 * answer comes in minutes; everything else as a batch, at half the price.
 */
function chooseMode(options: RunOptions, rows: number): "batch" | "realtime" {
  if (options.mode !== "auto") return options.mode === "realtime" ? "realtime" : "batch";
  if (options.deadlineMinutes !== undefined && options.deadlineMinutes < 24 * 60) return "realtime";
  return rows <= (options.autoRealtimeRows ?? AUTO_REALTIME_ROWS) ? "realtime" : "batch";
}

/** Refuse, with both numbers, a run whose estimated cost is over the budget. */
function checkBudget(budgetUsd: number, step: ResolvedStep, mode: "batch" | "realtime", rows: number, inputTokens: number): void {
  const maxTokens = step.params.max_tokens;
  const maxOutputTokens = maxTokens === undefined ? undefined : maxTokens * (step.params.n ?? 1) * rows;
  const estimate = estimateCost(loadPriceTable(), step.provider, step.model, { rows, inputTokens, maxOutputTokens });
  const figure = budgetFigure(estimate[mode]);
  if (figure === undefined) {
    throw new BudgetError(`--budget cannot be checked: ${step.provider}/${step.model} is not in the price table; add its price with --prices FILE`);
  }
  if (figure > budgetUsd) {
    const what = maxOutputTokens === undefined ? "input alone" : `input plus at most ${maxOutputTokens} output tokens`;
    throw new BudgetError(
      `the estimated cost ${formatUsd(figure)} (${mode}, ${what}) is over the budget of ${formatUsd(budgetUsd)}; nothing was sent. ` +
        `Raise --budget, lower max_tokens, or run fewer rows`,
    );
  }
}

/**
 * A run folder left by a process killed while preparing (nothing was sent from it) is
 * cleared so the run can start again under the same id; a prepared run is never touched.
 */
async function clearInterruptedPrepare(paths: RunPaths): Promise<void> {
  if (!existsSync(paths.journal)) return;
  const journal = Journal.open(paths.journal);
  const record = readRunRecord(journal);
  journal.close();
  if (record && record.state !== "preparing") {
    throw new RunStateError(
      `run "${paths.runId}" already exists in ${paths.root}; continue it with \`batchlab resume ${paths.runId}\`, or choose another --run-id`,
    );
  }
  for (const name of await readdir(paths.root)) {
    if (join(paths.root, name) !== paths.lock) await rm(join(paths.root, name), { recursive: true, force: true });
  }
}
