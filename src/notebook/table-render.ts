/**
 * Renders rows as an HTML table (every value escaped) or as plain text. Takes result rows,
 * plain records or a dataframe-like object (`columns` + `values`), without loading Danfo.
 */
import { resultRecords, toCell, type Cell } from "./result-records.js";
import type { ResultRow } from "../run/result-row.js";

/** Anything with column names and row values, such as a Danfo DataFrame. */
export interface FrameLike {
  columns: string[];
  values: unknown[] | unknown[][];
}

/** What the table helpers accept: result rows, any plain objects (one per row), or a frame. */
export type TableInput = readonly object[] | FrameLike;

/** Options for rendering a table. */
export interface TableOptions {
  /** Rows shown; the rest are counted in a footer. Default 20. */
  maxRows?: number;
  /** Characters shown per cell before it is cut with "…". Default 300 in HTML, 60 in text. */
  maxCellChars?: number;
}

/** A table ready to render: header, the shown rows, and how many rows there are in all. */
export interface Table {
  columns: string[];
  rows: Cell[][];
  totalRows: number;
}

export const DEFAULT_MAX_ROWS = 20;

/** Normalises any {@link TableInput} into a {@link Table} of at most `maxRows` rows. */
export function toTable(input: TableInput, maxRows = DEFAULT_MAX_ROWS): Table {
  const limit = Math.max(0, Math.floor(maxRows));
  if (isFrameLike(input)) {
    const values = input.values as unknown[];
    const rows = values.slice(0, limit).map((row) =>
      Array.isArray(row) ? row.map(toCell) : [toCell(row)],
    );
    return { columns: input.columns.map(String), rows, totalRows: values.length };
  }
  const records = input as readonly Record<string, unknown>[];
  if (records.length > 0 && records.every(isResultRow)) {
    const flat = resultRecords(records as unknown as readonly ResultRow[]);
    return recordsTable(flat.columns, flat.records, limit);
  }
  const columns = new Set<string>();
  for (const record of records) for (const column of Object.keys(record)) columns.add(column);
  return recordsTable([...columns], records, limit);
}

/** An HTML `<table>`; every header and cell is escaped. */
export function tableHtml(table: Table, options: TableOptions = {}): string {
  const maxChars = options.maxCellChars ?? 300;
  const head = table.columns.map((column) => `<th>${escapeHtml(column)}</th>`).join("");
  const body = table.rows
    .map((row) => {
      const cells = row.map((cell) => {
        const align = typeof cell === "number" ? ' style="text-align:right"' : "";
        return `<td${align}>${escapeHtml(cut(cellText(cell), maxChars))}</td>`;
      });
      return `<tr>${cells.join("")}</tr>`;
    })
    .join("\n");
  const footer = `${table.rows.length} of ${table.totalRows} rows`;
  return (
    `<table class="batchlab-table">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n` +
    `<p style="font-size:smaller;opacity:0.7">${escapeHtml(footer)}</p>`
  );
}

/** A plain-text table with aligned columns, for terminals and logs. */
export function tableText(table: Table, options: TableOptions = {}): string {
  const maxChars = options.maxCellChars ?? 60;
  const cells = table.rows.map((row) => row.map((cell) => oneLine(cut(cellText(cell), maxChars))));
  const header = table.columns.map((column) => oneLine(cut(column, maxChars)));
  const widths = header.map((column, index) =>
    Math.max(column.length, ...cells.map((row) => row[index]?.length ?? 0)),
  );
  const line = (row: string[]) => row.map((cell, index) => cell.padEnd(widths[index])).join("  ").trimEnd();
  const lines = [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...cells.map(line)];
  lines.push(`(${table.rows.length} of ${table.totalRows} rows)`);
  return `${lines.join("\n")}\n`;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function recordsTable(columns: string[], records: readonly Record<string, unknown>[], limit: number): Table {
  const rows = records.slice(0, limit).map((record) => columns.map((column) => toCell(record[column])));
  return { columns, rows, totalRows: records.length };
}

function isFrameLike(input: TableInput): input is FrameLike {
  return !Array.isArray(input) && Array.isArray((input as FrameLike).columns) && Array.isArray((input as FrameLike).values);
}

function isResultRow(value: unknown): value is ResultRow {
  const row = value as ResultRow;
  return typeof row === "object" && row !== null && typeof row.key === "string" &&
    typeof row.status === "string" && typeof row.fields === "object" && "input_tokens" in row;
}

function cellText(cell: Cell): string {
  return cell === null ? "" : String(cell);
}

function cut(text: string, maxChars: number): string {
  return text.length > maxChars ? `${text.slice(0, Math.max(0, maxChars - 1))}…` : text;
}

function oneLine(text: string): string {
  return text.replace(/\r?\n|\r|\t/g, " ");
}
