/**
 * Flattens result rows into table records of scalar cells: the shape both the Danfo frame
 * and the HTML/text tables use. Kept free of Danfo so tables work without it.
 */
import type { ResultRow } from "../run/result-row.js";

/** A table cell: what a dataframe column can hold. */
export type Cell = string | number | boolean | null;

/** Options for flattening result rows. */
export interface FlattenOptions {
  /**
   * One column per input field (named as the field, or `field_<name>` when that would
   * clash with a result column). When `false`, all fields go into one `fields` column as
   * JSON text. Default `true`.
   */
  flattenFields?: boolean;
}

/** Columns and records, ready for a dataframe or a table. */
export interface ResultRecords {
  columns: string[];
  records: Record<string, Cell>[];
}

/** The result columns, in order, before any input field. */
export const RESULT_COLUMNS = [
  "key",
  "status",
  "text",
  "input_tokens",
  "output_tokens",
  "error_code",
  "error_message",
] as const;

/** Turns result rows into flat records: one per row, every cell a scalar. */
export function resultRecords(
  rows: readonly ResultRow[],
  options: FlattenOptions = {},
): ResultRecords {
  const flatten = options.flattenFields ?? true;
  // A `texts` column only when some row has several choices, so the common case stays narrow.
  const withTexts = rows.some((row) => (row.texts?.length ?? 0) > 1);
  const columns: string[] = [...RESULT_COLUMNS];
  if (withTexts) columns.splice(3, 0, "texts");
  const fieldColumns = flatten ? fieldColumnNames(rows, new Set(columns)) : undefined;
  if (fieldColumns) columns.push(...fieldColumns.values());
  else columns.push("fields");

  const records = rows.map((row) => {
    const record: Record<string, Cell> = {
      key: row.key,
      status: row.status,
      text: row.text ?? null,
      input_tokens: row.input_tokens,
      output_tokens: row.output_tokens,
      error_code: row.error?.code ?? null,
      error_message: row.error?.message ?? null,
    };
    if (withTexts) record.texts = JSON.stringify(row.texts ?? (row.text === null ? [] : [row.text]));
    if (fieldColumns) {
      for (const [field, column] of fieldColumns) record[column] = toCell(row.fields?.[field]);
    } else {
      record.fields = JSON.stringify(row.fields ?? {});
    }
    return record;
  });
  return { columns, records };
}

/** Makes any value a table cell: scalars stay, dates become ISO text, the rest JSON text. */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Field name → column name, in order of first appearance. A field keeps its name unless a
 * result column (or an earlier renamed field) already has it; then it gets `field_`.
 */
function fieldColumnNames(rows: readonly ResultRow[], taken: Set<string>): Map<string, string> {
  const names = new Map<string, string>();
  for (const row of rows) {
    for (const field of Object.keys(row.fields ?? {})) {
      if (names.has(field)) continue;
      let column = taken.has(field) ? `field_${field}` : field;
      while (taken.has(column)) column = `field_${column}`;
      taken.add(column);
      names.set(field, column);
    }
  }
  return names;
}
