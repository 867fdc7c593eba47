import { cancelRun } from "../../api/cancel-run.js";
import { listRemoteBatches } from "../../api/list-remote.js";
import { finishedFile } from "../../api/read-results.js";
import { resumeRun } from "../../api/resume-run.js";
import { retryRun } from "../../api/retry-run.js";
import { listRuns, runStatus } from "../../api/run-status.js";
import { createReadStream } from "node:fs";
import { copyFile } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { EMULATOR_OPTION, RUN_DIR_OPTION, UsageError, parseCommand, positiveInteger, text } from "../args.js";
import { formatSummary } from "../print-summary.js";
import { createProgressReporter } from "../progress-reporter.js";
import { interruptSignal, withEmulator } from "../with-emulator.js";
import { reportInterrupted } from "./interrupted.js";
import { usd } from "./run-command.js";

/** `resume <run-id>` and `retry <run-id>`: drive a run to the end with progress. */
export async function driveCommand(which: "resume" | "retry", argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    { wait: { type: "boolean", default: true }, "poll-ms": { type: "string" }, mode: { type: "string" }, budget: { type: "string" }, ...RUN_DIR_OPTION, ...EMULATOR_OPTION },
    ["run-id"],
  );
  const runId = positionals[0];
  const runDir = text(values["run-dir"]);
  return withEmulator(Boolean(values.emulator), async (emulatorUrl) => {
    const progress = createProgressReporter();
    const interrupt = interruptSignal();
    const options = { runDir, emulatorUrl, signal: interrupt.signal, onProgress: progress.update, wait: values.wait !== false, pollIntervalMs: positiveInteger(values["poll-ms"], "--poll-ms"), budgetUsd: usd(values.budget, "--budget") };
    try {
      const mode = text(values.mode);
      if (mode !== undefined && mode !== "batch" && mode !== "realtime") throw new UsageError(`--mode takes batch or realtime, not "${mode}"`);
      const summary = which === "resume" ? await resumeRun(runId, options) : await retryRun(runId, { ...options, mode });
      progress.stop();
      if (summary) process.stdout.write(`${formatSummary(summary)}\n`);
      else process.stderr.write(`retry batches submitted; collect them with: batchlab resume ${runId}\n`);
      return 0;
    } catch (error) {
      progress.stop();
      return reportInterrupted(error, runId, runDir);
    } finally {
      interrupt.dispose();
    }
  });
}

export async function statusCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, { refresh: { type: "boolean" }, json: { type: "boolean" }, ...RUN_DIR_OPTION }, ["run-id"]);
  const report = await runStatus(positionals[0], { runDir: text(values["run-dir"]), refresh: Boolean(values.refresh) });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `run ${report.runId} (${report.provider} ${report.model}, created ${report.createdAt}): ${report.state}`,
    `rows: ${report.total}; succeeded ${report.counts.succeeded}, failed ${report.counts.failed}, expired ${report.counts.expired}, cancelled ${report.counts.cancelled}`,
    ...report.chunks.map((chunk) => `  ${chunk.id}  ${chunk.state.padEnd(12)} ${String(chunk.done).padStart(6)}/${chunk.rows} done, ${chunk.failed} failed  ${chunk.remoteId ?? ""}`),
  ];
  if (report.resumeCommand) lines.push(`continue with: ${report.resumeCommand}`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

export async function resultsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, { format: { type: "string", default: "jsonl" }, output: { type: "string", short: "o" }, ...RUN_DIR_OPTION }, ["run-id"]);
  const format = text(values.format);
  if (format !== "jsonl" && format !== "csv") throw new UsageError(`--format takes csv or jsonl, not "${format}"`);
  const file = finishedFile(positionals[0], format === "csv" ? "resultsCsv" : "results", { runDir: text(values["run-dir"]) });
  const output = text(values.output);
  if (output) {
    await copyFile(file, output);
    process.stderr.write(`wrote ${output}\n`);
  } else {
    await pipeline(createReadStream(file), process.stdout, { end: false });
  }
  return 0;
}

export async function listCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, { remote: { type: "boolean" }, provider: { type: "string" }, limit: { type: "string" }, ...RUN_DIR_OPTION, ...EMULATOR_OPTION }, []);
  const limit = positiveInteger(values.limit, "--limit") ?? 20;
  if (values.remote) {
    return withEmulator(Boolean(values.emulator), async (emulatorUrl) => {
      const batches = await listRemoteBatches({ provider: text(values.provider), limit, emulatorUrl });
      for (const batch of batches) {
        const counts = batch.counts ? `${batch.counts.completed}/${batch.counts.total} done, ${batch.counts.failed} failed` : "";
        const tag = batch.tag ? `run ${batch.tag.runId} ${batch.tag.chunkId}` : "(not batchlab)";
        process.stdout.write(`${batch.id}  ${batch.raw.padEnd(11)} ${new Date(batch.createdAt * 1000).toISOString()}  ${counts}  ${tag}\n`);
      }
      if (batches.length === 0) process.stdout.write("no batches on the provider\n");
      return 0;
    });
  }
  const runs = (await listRuns({ runDir: text(values["run-dir"]) })).slice(0, limit);
  for (const run of runs) {
    process.stdout.write(`${run.runId}  ${run.state.padEnd(9)} ${run.provider}/${run.model}  ${run.counts.succeeded}/${run.total} succeeded  ${run.createdAt}\n`);
  }
  if (runs.length === 0) process.stdout.write("no runs yet; start one with `batchlab run <dataset>`\n");
  return 0;
}

export async function cancelCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, { ...RUN_DIR_OPTION }, ["run-id"]);
  const { cancelled } = await cancelRun(positionals[0], { runDir: text(values["run-dir"]) });
  process.stdout.write(cancelled.length ? `cancel requested for ${cancelled.join(", ")}\n` : "no batch of this run is in progress\n");
  return 0;
}
