/** The report's tables: metrics (numbers formatted per column) and failure examples (text cut with a marker). */
import { toCell } from "../notebook/result-records.js";
import { escapeHtml, type FrameLike } from "../notebook/table-render.js";
import { cellText, formatNumber, truncatedHtml } from "./format.js";
import type { FailureRow, ReportFailures, ReportTable } from "./report-types.js";

const DEFAULT_MAX_ROWS = 200;
const DEFAULT_FAILURES = 20;
const DEFAULT_MAX_CHARS = 500;
/** Long cells in metrics tables are cut too, so one huge value cannot swamp the page. */
const METRIC_CELL_CHARS = 300;

/** One metrics table (a `<section>` part with its title, table and note). */
export function metricsTableHtml(table: ReportTable): string {
  const { columns, records } = tableRecords(table);
  const limit = table.maxRows ?? DEFAULT_MAX_ROWS;
  const shown = records.slice(0, limit);
  const numeric = columns.map((column) => shown.length > 0 && shown.every((record) => record[column] === null || record[column] === undefined || typeof record[column] === "number"));
  const head = columns.map((column, index) => `<th${numeric[index] ? ' class="num"' : ""}>${escapeHtml(column)}</th>`).join("");
  const body = shown
    .map((record) => `<tr>${columns.map((column, index) => `<td${numeric[index] ? ' class="num"' : ""}>${truncatedHtml(cellText(record[column], table.format?.[column]), METRIC_CELL_CHARS)}</td>`).join("")}</tr>`)
    .join("\n");
  const more = records.length > shown.length ? `<p class="note">Showing ${formatNumber(shown.length)} of ${formatNumber(records.length)} rows.</p>` : "";
  return (
    `${table.title ? `<h3>${escapeHtml(table.title)}</h3>\n` : ""}` +
    `<div class="table-wrap"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>\n` +
    `${more}${table.note ? `<p class="note">${escapeHtml(table.note)}</p>` : ""}`
  );
}

/** The failure examples section: the first `limit` rows, every cell escaped and cut. */
export function failuresHtml(failures: ReportFailures): string {
  const limit = failures.limit ?? DEFAULT_FAILURES;
  const maxChars = failures.maxChars ?? DEFAULT_MAX_CHARS;
  const shown = failures.rows.slice(0, limit).map(normalizeFailure);
  const columns = FAILURE_COLUMNS.filter((column) => shown.some((row) => row[column] !== undefined && row[column] !== null));
  const title = `<h2>${escapeHtml(failures.title ?? "Failure examples")}</h2>`;
  if (shown.length === 0) return `<section class="panel" id="failures">\n${title}\n<p class="note">No failed or wrong rows.</p>\n</section>`;
  const head = columns.map((column) => `<th>${escapeHtml(column)}</th>`).join("");
  const body = shown
    .map((row) => `<tr>${columns.map((column) => `<td class="${TEXT_COLUMNS.has(column) ? "text" : "short"}">${truncatedHtml(cellText(row[column]), maxChars)}</td>`).join("")}</tr>`)
    .join("\n");
  const count = `Showing ${formatNumber(shown.length)} of ${formatNumber(failures.rows.length)} rows; text longer than ${formatNumber(maxChars)} characters is cut.`;
  return (
    `<section class="panel" id="failures">\n${title}\n` +
    `<div class="table-wrap"><table class="failures">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>\n` +
    `<p class="note">${escapeHtml(count)}${failures.note ? ` ${escapeHtml(failures.note)}` : ""}</p>\n</section>`
  );
}

const FAILURE_COLUMNS = ["row", "key", "status", "outcome", "input", "expected", "answer", "output", "reason"] as const;
const TEXT_COLUMNS = new Set<string>(["input", "output", "reason"]);

type FailureColumn = (typeof FAILURE_COLUMNS)[number];

function normalizeFailure(row: FailureRow): Record<FailureColumn, unknown> {
  return {
    row: row.row,
    key: row.key,
    status: row.status,
    outcome: row.outcome,
    input: row.input,
    expected: row.expected,
    answer: row.answer,
    output: row.output ?? row.text,
    reason: row.reason ?? errorText(row.error),
  };
}

function errorText(error: unknown): unknown {
  if (error && typeof error === "object" && "message" in error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return code ? `${String(code)}: ${String(message)}` : String(message);
  }
  return error;
}

function tableRecords(table: ReportTable): { columns: string[]; records: Record<string, unknown>[] } {
  const rows = table.rows;
  if (!Array.isArray(rows)) {
    // A dataframe-like object: columns plus row arrays.
    const frame = rows as FrameLike;
    const records = (frame.values as unknown[]).map((values) => {
      const record: Record<string, unknown> = {};
      frame.columns.forEach((column, index) => (record[column] = Array.isArray(values) ? toCell(values[index]) : toCell(values)));
      return record;
    });
    return { columns: table.columns ?? frame.columns.map(String), records };
  }
  const records = rows as Record<string, unknown>[];
  const columns = table.columns ?? [...new Set(records.flatMap((record) => Object.keys(record)))];
  return { columns, records };
}
