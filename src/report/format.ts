/** Writing values for the report: numbers, durations, and long text cut with a marker. */
import { escapeHtml } from "../notebook/table-render.js";
import type { ColumnFormat } from "./report-types.js";

/** `1234567` → `1,234,567`; non-integers to 3 decimals (1 above a thousand). */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  const digits = Math.abs(value) >= 1000 ? 1 : 3;
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** `0.8534` → `85.3%`. */
export function formatPercent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** A cost with a precision that suits its size: `$0.0123`, `$4.56`, `$1,234`. */
export function formatCost(value: number, currency = "$"): string {
  const digits = value >= 100 ? 0 : value >= 1 ? 2 : 4;
  return `${currency}${value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

/** `83_000` → `1 min 23 s`. */
export function formatWallTime(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "?";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${(ms / 1000).toFixed(1)} s`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  return hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min ${rest} s`;
}

/** A cell value as text, with the column's format when it has one. */
export function cellText(value: unknown, format?: ColumnFormat): string {
  if (value === null || value === undefined) return "";
  if (typeof format === "function") return format(value);
  if (typeof value === "number") {
    if (format === "percent") return formatPercent(value);
    if (format === "integer") return Math.round(value).toLocaleString("en-US");
    return formatNumber(value);
  }
  if (typeof value === "string") return value;
  if (typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value instanceof Date) return value.toISOString();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Escaped HTML of `text` cut to `maxChars`, with a visible marker saying how much was left
 * out (never a silent cut).
 */
export function truncatedHtml(text: string, maxChars: number): string {
  const characters = Array.from(text);
  if (characters.length <= maxChars) return escapeHtml(text);
  const kept = characters.slice(0, Math.max(0, maxChars)).join("");
  const more = characters.length - Math.max(0, maxChars);
  return `${escapeHtml(kept)}<span class="cut">… [${more.toLocaleString("en-US")} more characters]</span>`;
}
