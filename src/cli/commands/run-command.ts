import { previewRun } from "../../api/preview-run.js";
import { runBatch, submitRun } from "../../api/run-batch.js";
import { EMULATOR_OPTION, RUN_DIR_OPTION, parseCommand, positiveInteger, text } from "../args.js";
import { formatSummary } from "../print-summary.js";
import { createProgressReporter } from "../progress-reporter.js";
import { interruptSignal, withEmulator } from "../with-emulator.js";
import { reportInterrupted } from "./interrupted.js";
import { newRunId } from "../../run/run-paths.js";

export const RUN_USAGE = `batchlab run <dataset> [--config F] [--step S] [--provider openai] [--model M]
       [--run-dir D] [--run-id ID] [--max-requests N] [--max-bytes N] [--no-wait] [--dry-run] [--emulator]`;

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
  };
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
      if (values.wait === false) {
        const info = await submitRun(common);
        progress.stop();
        for (const warning of info.warnings) process.stderr.write(`[batchlab] warning: ${warning}\n`);
        process.stdout.write(`${info.runId}\n`);
        process.stderr.write(`submitted ${info.chunks.length} batch(es). Collect the results with:\n  ${info.resumeCommand}\n`);
        return 0;
      }
      const summary = await runBatch(common);
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
