import type { RunProgress } from "../types.js";
import { finalizeRun } from "./finalize-run.js";
import type { Connected, OpenRun } from "./open-run.js";
import { writeRunRecord } from "./run-record.js";
import { runProgress } from "./run-progress.js";
import type { RunSummary } from "./run-summary.js";
import { submitChunks } from "./submit-chunks.js";
import { waitForChunks } from "./wait-for-chunks.js";
import type { BatchProvider, ItemResult } from "../types.js";
import { BudgetError } from "../errors.js";
import { costOf, formatUsd } from "../cost/cost.js";
import { loadPriceTable } from "../cost/price-table.js";
import { createRealtimeClient } from "../realtime/clients.js";
import { runRealtime } from "../realtime/run-realtime.js";

/** How a run is driven. */
export interface DriveOptions {
  /** Wait for the batches and collect results (default true); false returns once submitted. */
  wait?: boolean;
  /** Poll interval (default: 10 s on a real provider, 200 ms on the emulator). */
  pollIntervalMs?: number;
  onProgress?: (progress: RunProgress) => void;
  /** Stops waiting (the batches go on remotely; resume later). */
  signal?: AbortSignal;
  /** A new budget for a realtime run (replaces the one it was started with). */
  budgetUsd?: number;
}

/** Submit what is not submitted, then (unless `wait` is false) wait, collect and finalize. */
export async function driveRun(run: OpenRun, connected: Connected, options: DriveOptions): Promise<RunSummary | undefined> {
  const { provider, connection } = connected;
  const startedAt = Date.parse(run.record.createdAt);
  const emit = (phase: RunProgress["phase"]) => options.onProgress?.(runProgress(run.journal, run.record.runId, phase, startedAt));
  if (run.record.mode === "realtime") {
    if (options.wait === false) return undefined; // nothing runs remotely: resume sends the rows
    emit("waiting");
    if (options.budgetUsd !== undefined) {
      run.record.budgetUsd = options.budgetUsd;
      writeRunRecord(run.journal, run.record);
    }
    const budget = realtimeBudget(run);
    await runRealtime({
      journal: run.journal,
      client: createRealtimeClient(run.record.provider, connection),
      model: run.record.step.model,
      limits: run.record.rateLimits ?? {},
      signal: options.signal,
      onTick: () => emit("waiting"),
      onUsage: budget?.onUsage,
    });
    if (run.journal.chunks().some((chunk) => chunk.state !== "collected")) throw budget!.reached();
    return finish();
  }
  emit("submitting");
  await stageImages(run, provider);
  await submitChunks({ journal: run.journal, provider, runId: run.record.runId, model: run.record.step.model, signal: options.signal, onSubmitted: () => emit("submitting") });
  if (options.wait === false) return undefined;
  // The config's poll_interval is for real services; emulated batches end in seconds.
  const configured = Number(run.record.step.options?.poll_interval);
  const pollIntervalMs = options.pollIntervalMs ?? (isEmulator(run) ? 200 : configured > 0 ? configured * 1000 : 10_000);
  await waitForChunks({
    journal: run.journal,
    provider,
    rawDir: run.paths.raw,
    pollIntervalMs,
    signal: options.signal,
    onTick: () => emit("waiting"),
  });
  return finish();

  async function finish() {
    emit("collecting");
    const summary = await finalizeRun(run);
    emit("done");
    return summary;
  }
}

/** Spend so far (realtime prices) against the run's budget; stops sending when reached. */
function realtimeBudget(run: OpenRun) {
  const budget = run.record.budgetUsd;
  if (budget === undefined) return undefined;
  const table = loadPriceTable();
  const { provider } = run.record;
  const model = run.record.step.model;
  const price = (input: number, output: number) => costOf(table, provider, model, { input, output }, "realtime").usd ?? 0;
  const counts = run.journal.resultCounts();
  let spent = price(counts.input_tokens, counts.output_tokens);
  return {
    onUsage(result: ItemResult) {
      spent += price(result.usage?.input_tokens ?? 0, result.usage?.output_tokens ?? 0);
      return spent < budget;
    },
    reached() {
      const left = run.journal.itemCount() - run.journal.resultCounts().succeeded - run.journal.resultCounts().failed;
      return new BudgetError(
        `the run reached its budget: spent ${formatUsd(spent)} of ${formatUsd(budget)}, ${left} rows not sent. ` +
          `Continue with a larger budget: batchlab resume ${run.record.runId} --budget <usd>`,
      );
    },
  };
}

/** Upload the run's local images once, before the first batch that needs them. */
async function stageImages(run: OpenRun, provider: BatchProvider): Promise<void> {
  const images = run.journal.getMeta("local_images");
  if (!images || !provider.stageImages || run.journal.getMeta("local_images_staged") === "yes") return;
  const staged = await provider.stageImages(JSON.parse(images) as string[]);
  run.journal.setMeta("local_images_staged", "yes");
  run.journal.setMeta("images_staged", JSON.stringify(staged));
  run.journal.event("images-staged", null, `${staged.uploaded} uploaded, ${staged.skipped} already there`);
}

function isEmulator(run: OpenRun): boolean {
  return Boolean(process.env.BATCHLAB_EMULATOR_URL ?? run.record.emulatorUrl);
}
