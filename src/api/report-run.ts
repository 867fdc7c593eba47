import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { failureRecords, metricsTable } from "../eval/evaluation-json.js";
import type { Evaluation } from "../eval/evaluation-types.js";
import type { Task } from "../eval/task.js";
import { accuracyByCategoryChart, confusionMatrixChart, countStatuses, statusChart, tokensAndCostChart } from "../notebook/charts/index.js";
import { writeReport } from "../report/index.js";
import type { ReportChart } from "../report/report-types.js";
import type { RunSummary } from "../run/run-summary.js";
import { evaluateRun } from "./evaluate-run.js";
import { finishedFile, readResults } from "./read-results.js";
import type { RunLocation } from "./resume-run.js";

/**
 * Write a run's `report.html`: summary, metrics with intervals, charts and failure examples,
 * self-contained (Plotly inlined, no network). With a task (or a `metrics.json` from an
 * earlier `evaluateRun`), the run is scored first.
 */
export async function reportRun(
  runId: string,
  options: RunLocation & { task?: Task | string; output?: string; seed?: number; resamples?: number } = {},
): Promise<string> {
  const summary = JSON.parse(await readFile(finishedFile(runId, "summary", options), "utf8")) as RunSummary;
  // Scored before: the same task with the same bootstrap settings, so metrics.json keeps its intervals.
  const earlier = await earlierEvaluation(summary);
  const task = options.task ?? earlier?.task;
  const bootstrap = { seed: options.seed ?? earlier?.bootstrap?.seed, resamples: options.resamples ?? earlier?.bootstrap?.resamples };
  const evaluation = task ? (await evaluateRun(runId, task, { ...options, ...bootstrap })).evaluation : undefined;
  const rows = await readResults(runId, options);
  const charts: ReportChart[] = [];
  if (evaluation) charts.push(...evaluationCharts(evaluation));
  charts.push({ figure: statusChart(countStatuses(rows, summary.model)), caption: "What happened to each row" });
  charts.push({ figure: tokensAndCostChart({ label: summary.model, inputTokens: summary.inputTokens, outputTokens: summary.outputTokens, cost: summary.cost?.usd }), caption: `Tokens and cost (prices of ${summary.cost?.pricesAsOf ?? "unknown date"})` });
  const failures = evaluation
    ? failureRecords(evaluation)
    : rows.filter((row) => row.status !== "succeeded");
  return writeReport({
    title: `batchlab run ${runId}`,
    subtitle: `${summary.provider} ${summary.model}, step ${summary.step}${evaluation ? `, task ${evaluation.task}` : ""}`,
    summary: { ...summary, cost: summary.cost?.usd ?? null, task: evaluation?.task },
    metricsTables: evaluation ? [{ title: "Metrics (95% bootstrap intervals)", rows: metricsTable(evaluation), format: { value: "number", low: "number", high: "number" } }] : [],
    charts,
    failures: { title: evaluation ? "Wrong, unparseable and failed rows" : "Rows that did not succeed", rows: failures as never },
    notes: summary.cost?.simulated ? [`Simulated model: ${summary.model} is an emulator oracle, not a real model; its accuracy is set, not measured.`] : [],
    output: options.output ?? join(summary.runDir, "report.html"),
  });
}

function evaluationCharts(evaluation: Evaluation): ReportChart[] {
  const charts: ReportChart[] = [];
  for (const [field, groups] of Object.entries(evaluation.groups)) {
    if (groups.length > 0) charts.push({ figure: accuracyByCategoryChart(groups as never, { title: `Accuracy by ${field}` }), caption: `95% intervals, bootstrap with seed ${evaluation.bootstrap.seed}` });
  }
  if (evaluation.confusion) charts.push({ figure: confusionMatrixChart(evaluation.confusion), caption: "Expected answer (rows) by extracted answer (columns)" });
  return charts;
}

/** The task and bootstrap settings a run was scored with before (its metrics.json). */
async function earlierEvaluation(summary: RunSummary): Promise<{ task?: string; bootstrap?: { seed?: number; resamples?: number } } | undefined> {
  const path = join(summary.runDir, "metrics.json");
  if (!existsSync(path)) return undefined;
  return JSON.parse(await readFile(path, "utf8")) as { task?: string; bootstrap?: { seed?: number; resamples?: number } };
}
