/**
 * Renders a run's progress: an HTML block for the notebook display and a one-line text
 * form for terminals. Pure functions; the live display is in progress-display.ts.
 */
import type { ChunkProgress, RunProgress } from "../types.js";
import { escapeHtml } from "./table-render.js";

/** Options for rendering progress. */
export interface ProgressRenderOptions {
  /** Chunks listed one per row; the rest are summed up in one line. Default 20. */
  maxChunkRows?: number;
  /** Shown after the run is done: the summary's scalar fields. */
  summary?: unknown;
}

/** The progress as an HTML block: headline, a `<progress>` bar and a chunk table. */
export function progressHtml(progress: RunProgress, options: ProgressRenderOptions = {}): string {
  const maxChunkRows = options.maxChunkRows ?? 20;
  const shown = progress.chunks.slice(0, maxChunkRows);
  const rows = shown.map(chunkRowHtml).join("\n");
  const hidden = progress.chunks.length - shown.length;
  const more = hidden > 0
    ? `\n<tr><td colspan="5">… and ${hidden} more chunks (${escapeHtml(stateCounts(progress.chunks.slice(maxChunkRows)))})</td></tr>`
    : "";
  const summary = summaryEntries(options.summary);
  const summaryHtml = summary.length
    ? `<div>${summary.map(([name, value]) => `${escapeHtml(LABELS[name] ?? name)}: <b>${escapeHtml(value)}</b>`).join(" · ")}</div>`
    : "";
  const max = Math.max(progress.total, 1);
  return [
    `<div class="batchlab-progress" style="font-family:sans-serif;font-size:13px;line-height:1.5">`,
    `<div>${escapeHtml(headline(progress))}</div>`,
    `<progress value="${Math.min(progress.done, max)}" max="${max}" style="width:100%;max-width:40em"></progress>`,
    summaryHtml,
    `<table class="batchlab-chunks" style="font-size:12px">`,
    `<thead><tr><th>chunk</th><th>state</th><th>remote id</th><th>done</th><th>failed</th></tr></thead>`,
    `<tbody>\n${rows}${more}\n</tbody>`,
    `</table>`,
    `</div>`,
  ].filter(Boolean).join("\n");
}

/** The progress as one line, e.g. `[batchlab] run r1 waiting: 120/500 done, 3 failed, 2 running 1 succeeded, 1m 20s`. */
export function progressLine(progress: RunProgress, summary?: unknown): string {
  const entries = summaryEntries(summary);
  const tail = entries.length ? ` — ${entries.map(([name, value]) => `${name}=${value}`).join(" ")}` : "";
  return `[batchlab] ${headline(progress)}${tail}`;
}

/** `950ms`, `12s`, `3m 05s`, `1h 02m`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "?";
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`;
}

function headline(progress: RunProgress): string {
  const chunks = progress.chunks.length ? `, chunks: ${stateCounts(progress.chunks)}` : "";
  return (
    `run ${progress.runId} ${progress.phase}: ${progress.done}/${progress.total} done, ` +
    `${progress.failed} failed${chunks}, ${formatDuration(progress.elapsedMs)}`
  );
}

/** `2 running, 1 succeeded` in first-seen order. */
function stateCounts(chunks: readonly ChunkProgress[]): string {
  const counts = new Map<string, number>();
  for (const chunk of chunks) counts.set(chunk.state, (counts.get(chunk.state) ?? 0) + 1);
  return [...counts].map(([state, count]) => `${count} ${state}`).join(", ");
}

function chunkRowHtml(chunk: ChunkProgress): string {
  const cells = [chunk.id, chunk.state, chunk.remoteId ?? "", `${chunk.done}/${chunk.rows}`, String(chunk.failed)];
  return `<tr>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join("")}</tr>`;
}

/** The run-summary fields worth a glance, in the order shown. */
const SUMMARY_FIELDS = [
  "total", "succeeded", "failed", "expired", "cancelled", "successRate", "inputTokens", "outputTokens", "wallMs",
];

/** How the notebook display names the summary fields (text lines keep the field names). */
const LABELS: Record<string, string> = {
  total: "rows",
  successRate: "success rate",
  inputTokens: "input tokens",
  outputTokens: "output tokens",
  wallMs: "time",
};

/**
 * A summary's fields as text: the known run-summary fields when present (a rate as a
 * percentage, `*Ms` as a duration), else every scalar field. Anything else is skipped.
 */
function summaryEntries(summary: unknown): [string, string][] {
  if (summary === null || typeof summary !== "object") return [];
  const record = summary as Record<string, unknown>;
  const known = SUMMARY_FIELDS.filter((name) => typeof record[name] === "number");
  const names = known.length > 0 ? known : Object.keys(record).filter((name) => name !== "runId");
  const entries: [string, string][] = [];
  for (const name of names) {
    const value = record[name];
    if (typeof value === "number") entries.push([name, formatNumber(name, value)]);
    else if (typeof value === "string" || typeof value === "boolean") entries.push([name, String(value)]);
  }
  return entries;
}

function formatNumber(name: string, value: number): string {
  if (name.endsWith("Ms")) return formatDuration(value);
  if (name.endsWith("Rate")) return `${(value * 100).toFixed(1)}%`;
  return String(value);
}
