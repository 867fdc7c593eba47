/** The report's summary: headline numbers as cards for one run, a table for several. */
import { escapeHtml } from "../notebook/table-render.js";
import { formatCost, formatNumber, formatPercent, formatWallTime } from "./format.js";
import type { ReportSummary } from "./report-types.js";

/** The summary section's HTML. */
export function summaryHtml(summary: ReportSummary | readonly ReportSummary[]): string {
  const list: readonly ReportSummary[] = Array.isArray(summary) ? summary : [summary as ReportSummary];
  const body = list.length === 1 ? singleRun(list[0]) : runsTable(list);
  return `<section class="panel" id="summary">\n<h2>Summary</h2>\n${body}\n</section>`;
}

function singleRun(run: ReportSummary): string {
  const cards: [string, string, string?][] = [];
  if (run.total !== undefined) cards.push(["Rows", formatNumber(run.total)]);
  if (run.succeeded !== undefined) {
    const share = run.total ? formatPercent(run.succeeded / run.total) : undefined;
    cards.push(["Succeeded", formatNumber(run.succeeded), share]);
  }
  const unfinished = unfinishedCount(run);
  if (unfinished !== undefined) cards.push(["Not succeeded", formatNumber(unfinished), unfinishedDetail(run)]);
  if (run.inputTokens !== undefined) cards.push(["Input tokens", formatNumber(run.inputTokens)]);
  if (run.outputTokens !== undefined) cards.push(["Output tokens", formatNumber(run.outputTokens)]);
  if (typeof run.cost === "number") cards.push(["Cost", formatCost(run.cost, run.currency)]);
  if (run.wallMs !== undefined) cards.push(["Wall time", formatWallTime(run.wallMs)]);
  const cardsHtml = cards
    .map(([name, value, detail]) =>
      `<div class="card"><div class="card-name">${escapeHtml(name)}</div><div class="card-value">${escapeHtml(value)}</div>` +
      `${detail ? `<div class="card-detail">${escapeHtml(detail)}</div>` : ""}</div>`)
    .join("");
  const facts = runFacts(run)
    .map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join("");
  return `${cards.length ? `<div class="cards">${cardsHtml}</div>` : ""}${facts ? `\n<dl class="facts">${facts}</dl>` : ""}`;
}

function runsTable(runs: readonly ReportSummary[]): string {
  const rows = runs.map((run, index) => {
    const cells = [
      run.label ?? run.model ?? run.runId ?? `run ${index + 1}`,
      run.runId ?? "",
      run.total === undefined ? "" : formatNumber(run.total),
      run.succeeded === undefined ? "" : formatNumber(run.succeeded),
      unfinishedCount(run) === undefined ? "" : `${formatNumber(unfinishedCount(run)!)}${unfinishedDetail(run) ? ` (${unfinishedDetail(run)})` : ""}`,
      run.inputTokens === undefined ? "" : formatNumber(run.inputTokens),
      run.outputTokens === undefined ? "" : formatNumber(run.outputTokens),
      typeof run.cost === "number" ? formatCost(run.cost, run.currency) : "",
      run.wallMs === undefined ? "" : formatWallTime(run.wallMs),
    ];
    return `<tr>${cells.map((cell, column) => `<td${column >= 2 ? ' class="num"' : ""}>${escapeHtml(cell)}</td>`).join("")}</tr>`;
  });
  const head = ["Model / run", "Run id", "Rows", "Succeeded", "Not succeeded", "Input tokens", "Output tokens", "Cost", "Wall time"]
    .map((name, column) => `<th${column >= 2 ? ' class="num"' : ""}>${name}</th>`)
    .join("");
  return `<div class="table-wrap"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody>\n</table></div>`;
}

function runFacts(run: ReportSummary): [string, string][] {
  const facts: [string, string | undefined][] = [
    ["Run", run.runId],
    ["Model", run.model],
    ["Provider", run.provider],
    ["Mode", run.mode],
    ["Step", run.step],
    ["Task", run.task],
    ["Dataset", run.dataset],
    ["Started", run.startedAt],
    ["Finished", run.finishedAt],
  ];
  for (const [name, value] of Object.entries(run.details ?? {})) {
    facts.push([name, value === null || value === undefined ? undefined : typeof value === "number" ? formatNumber(value) : String(value)]);
  }
  return facts.filter((fact): fact is [string, string] => fact[1] !== undefined && fact[1] !== "");
}

function unfinishedCount(run: ReportSummary): number | undefined {
  if (run.failed === undefined && run.expired === undefined && run.cancelled === undefined) return undefined;
  return (run.failed ?? 0) + (run.expired ?? 0) + (run.cancelled ?? 0);
}

function unfinishedDetail(run: ReportSummary): string | undefined {
  const parts = (["failed", "expired", "cancelled"] as const)
    .filter((status) => (run[status] ?? 0) > 0)
    .map((status) => `${formatNumber(run[status]!)} ${status}`);
  return parts.length > 0 ? parts.join(" · ") : undefined;
}
