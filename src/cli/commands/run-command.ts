import { previewRun } from "../../api/preview-run.js";
import { runBatch, submitRun } from "../../api/run-batch.js";
import { EMULATOR_OPTION, RUN_DIR_OPTION, UsageError, parseCommand, positiveInteger, text } from "../args.js";
import { retryRun } from "../../api/retry-run.js";
import { resolveRunPlan } from "../../run/create-run.js";
import { formatSummary } from "../print-summary.js";
import { createProgressReporter } from "../progress-reporter.js";
import { interruptSignal, withEmulator } from "../with-emulator.js";
import { reportInterrupted } from "./interrupted.js";
import { newRunId } from "../../run/run-paths.js";

export const RUN_USAGE = `batchlab run <dataset> [--config F] [--step S] [--provider openai|gemini|vertex|anthropic] [--model M]
       [--run-dir D] [--run-id ID] [--max-requests N] [--max-bytes N] [--no-wait] [--dry-run] [--emulator]
       [--mode batch|realtime|auto] [--rpm N] [--tpm N] [--concurrency N] [--deadline-minutes N] [--tail realtime] [--budget USD]`;

export function usd(value: string | boolean | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(String(value).replace(/^\$/, ""));
  if (!Number.isFinite(number) || number < 0) throw new UsageError(`${flag} takes an amount in US dollars, like 2.50, not "${String(value)}"`);
  return number;
}

function runMode(mode: string | undefined): "batch" | "realtime" | "auto" | undefined {
  if (mode === undefined || mode === "batch" || mode === "realtime" || mode === "auto") return mode;
  throw new UsageError(`--mode takes batch, realtime or auto, not "${mode}"`);
}

export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    {
      config: { type: "string" },
      step: { type: "string" },
      provider: { type: "string" },
      model: { type: "string" },
      "run-id": { type: "string" },
      "max-requests": { type: "string" },
      "max-bytes": { type: "string" },
      wait: { type: "boolean", default: true },
      "dry-run": { type: "boolean" },
      "poll-ms": { type: "string" },
      mode: { type: "string" },
      rpm: { type: "string" },
      tpm: { type: "string" },
      concurrency: { type: "string" },
      "deadline-minutes": { type: "string" },
      tail: { type: "string" },
      budget: { type: "string" },
      ...RUN_DIR_OPTION,
      ...EMULATOR_OPTION,
    },
    ["dataset"],
  );
  const options = {
    dataset: positionals[0],
    config: text(values.config),
    step: text(values.step),
    provider: text(values.provider),
    model: text(values.model),
    runDir: text(values["run-dir"]),
    // Chosen here so that Ctrl-C can always say which run to resume.
    runId: text(values["run-id"]) ?? newRunId(),
    maxRequests: positiveInteger(values["max-requests"], "--max-requests"),
    maxBytes: positiveInteger(values["max-bytes"], "--max-bytes"),
    pollIntervalMs: positiveInteger(values["poll-ms"], "--poll-ms"),
    mode: runMode(text(values.mode)),
    rateLimits: {
      rpm: positiveInteger(values.rpm, "--rpm"),
      tpm: positiveInteger(values.tpm, "--tpm"),
      maxConcurrency: positiveInteger(values.concurrency, "--concurrency"),
    },
    deadlineMinutes: positiveInteger(values["deadline-minutes"], "--deadline-minutes"),
    budgetUsd: usd(values.budget, "--budget"),
  };
  const tail = text(values.tail);
  if (tail !== undefined && tail !== "realtime" && tail !== "none") throw new UsageError(`--tail takes realtime or none, not "${tail}"`);
  if (values["dry-run"]) {
    const preview = await previewRun(options);
    for (const warning of preview.warnings) process.stderr.write(`[batchlab] warning: ${warning}\n`);
    process.stdout.write(`${JSON.stringify(preview, null, 2)}\n`);
    return 0;
  }
  return withEmulator(Boolean(values.emulator), async (emulatorUrl) => {
    const progress = createProgressReporter();
    const interrupt = interruptSignal();
    const common = { ...options, emulatorUrl, signal: interrupt.signal, onProgress: progress.update };
    try {
      const waitForCompletion = values.wait !== false && (await resolveRunPlan(options)).step.options?.wait_for_completion !== false;
      if (!waitForCompletion) {
        const info = await submitRun(common);
        progress.stop();
        for (const warning of info.warnings) process.stderr.write(`[batchlab] warning: ${warning}\n`);
        process.stdout.write(`${info.runId}\n`);
        process.stderr.write(`submitted ${info.chunks.length} batch(es). Collect the results with:\n  ${info.resumeCommand}\n`);
        return 0;
      }
      let summary = await runBatch(common);
      if (tail === "realtime" && summary.failed + summary.expired + summary.cancelled > 0) {
        // The batch's failed and expired rows, now, one call each.
        summary = (await retryRun(summary.runId, { ...common, mode: "realtime" }))!;
      }
      progress.stop();
      process.stdout.write(`${formatSummary(summary)}\n`);
      return 0;
    } catch (error) {
      progress.stop();
      return reportInterrupted(error, options.runId, options.runDir);
    } finally {
      interrupt.dispose();
    }
  });
}
