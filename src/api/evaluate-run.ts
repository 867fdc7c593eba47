import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { evaluate, type EvaluateOptions } from "../eval/evaluate.js";
import { toEvaluationJson } from "../eval/evaluation-json.js";
import type { Evaluation } from "../eval/evaluation-types.js";
import type { Task } from "../eval/task.js";
import { openRun, closeRun } from "../run/open-run.js";
import type { RunSummary } from "../run/run-summary.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { finishedFile, readResults } from "./read-results.js";
import type { RunLocation } from "./resume-run.js";

/** The evaluation of a finished run and where its `metrics.json` was written. */
export interface RunEvaluation {
  evaluation: Evaluation;
  metricsPath: string;
  summary: RunSummary;
}

/**
 * Score a finished run with a task (a registered name such as `mcq`, or a task object) and
 * write `metrics.json` beside its results: metrics with intervals, per-group tables, and
 * the run's metadata (model, provider, mode, time).
 */
export async function evaluateRun(
  runId: string,
  task: Task | string,
  options: RunLocation & Omit<EvaluateOptions, "summary" | "runId"> = {},
): Promise<RunEvaluation> {
  const summary = JSON.parse(await readFile(finishedFile(runId, "summary", options), "utf8")) as RunSummary;
  const rows = await readResults(runId, options);
  const evaluation = evaluate(task, rows, { ...options, summary, mode: options.mode ?? (await runMode(runId, options)) });
  const metricsPath = join(summary.runDir, "metrics.json");
  await writeFileAtomic(metricsPath, `${JSON.stringify(toEvaluationJson(evaluation), null, 2)}\n`);
  return { evaluation, metricsPath, summary };
}

async function runMode(runId: string, options: RunLocation): Promise<"batch" | "realtime"> {
  const run = openRun(runId, options.runDir, { lock: false });
  try {
    return run.record.mode ?? "batch";
  } finally {
    closeRun(run);
  }
}
