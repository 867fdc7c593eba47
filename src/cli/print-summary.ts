import type { RunSummary } from "../run/run-summary.js";
import { formatUsd } from "../cost/cost.js";

/** The few lines a person wants at the end of a run. */
export function formatSummary(summary: RunSummary): string {
  const percent = (summary.successRate * 100).toFixed(1);
  const lines = [
    `run ${summary.runId}: ${summary.succeeded}/${summary.total} succeeded (${percent}%)` +
      (summary.failed + summary.expired + summary.cancelled > 0
        ? `, ${summary.failed} failed, ${summary.expired} expired, ${summary.cancelled} cancelled`
        : ""),
    `tokens: ${summary.inputTokens} in, ${summary.outputTokens} out; cost ${costLine(summary)}; ${summary.batches.length} batch(es); ${(summary.wallMs / 1000).toFixed(1)} s`,
    `results: ${summary.resultsPath}`,
    `         ${summary.csvPath}`,
  ];
  if (summary.failed + summary.expired + summary.cancelled > 0) {
    lines.push(`retry the failed rows: batchlab retry ${summary.runId}${runDirFlag(summary)}`);
  }
  return lines.join("\n");
}

function costLine(summary: RunSummary): string {
  const cost = summary.cost;
  if (!cost) return "unknown";
  if (cost.simulated) return "$0 (simulated model)";
  const unpriced = cost.unpricedRows > 0 ? ` + ${cost.unpricedRows} unpriced rows (model not in the price table)` : "";
  return `${formatUsd(cost.usd)}${unpriced} at prices of ${cost.pricesAsOf}`;
}

function runDirFlag(summary: RunSummary): string {
  const parent = summary.runDir.slice(0, summary.runDir.length - summary.runId.length - 1);
  return parent.endsWith(".batchlab/runs") ? "" : ` --run-dir ${parent}`;
}
