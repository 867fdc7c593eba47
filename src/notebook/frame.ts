/**
 * Results as a Danfo.js DataFrame. This is the only file that loads Danfo, so the
 * dataframe library can be swapped; it is loaded on first use, so the rest of
 * `batchlab/notebook` works where danfojs-node is not installed.
 */
import { createRequire } from "node:module";
import type { DataFrame } from "danfojs-node";
import { ConfigError } from "../errors.js";
import { resultRecords, RESULT_COLUMNS, type FlattenOptions } from "./result-records.js";
import type { ResultRow } from "../run/result-row.js";

export type { DataFrame } from "danfojs-node";

/** Options for {@link resultsFrame}. */
export interface ResultsFrameOptions extends FlattenOptions {}

type Danfo = typeof import("danfojs-node");

/**
 * One row per result. Columns: `key, status, text, input_tokens, output_tokens,
 * error_code, error_message` (plus `texts` as JSON when some row has several choices),
 * then the input fields (see {@link FlattenOptions.flattenFields}).
 */
export function resultsFrame(rows: readonly ResultRow[], options: ResultsFrameOptions = {}): DataFrame {
  const { DataFrame } = loadDanfo();
  const { columns, records } = resultRecords(rows, options);
  if (records.length === 0) return new DataFrame([], { columns });
  // Result columns get fixed types: Danfo would call an all-null text column float32.
  const dtypes = columns.map((column) => FIXED_DTYPES[column] ?? inferDtype(records, column));
  const values = records.map((record) =>
    columns.map((column, index) => coerce(record[column] ?? null, dtypes[index])),
  );
  return new DataFrame(values, { columns, dtypes });
}

const FIXED_DTYPES: Record<string, string> = Object.fromEntries(
  RESULT_COLUMNS.map((column) => [column, column.endsWith("_tokens") ? "int32" : "string"]),
);
FIXED_DTYPES.texts = "string";
FIXED_DTYPES.fields = "string";

let danfo: Danfo | undefined;

function loadDanfo(): Danfo {
  if (danfo) return danfo;
  try {
    danfo = createRequire(import.meta.url)("danfojs-node") as Danfo;
    return danfo;
  } catch (error) {
    throw new ConfigError(
      "resultsFrame needs danfojs-node: run `npm install danfojs-node` in your notebook's project, then restart the kernel.",
      { cause: error },
    );
  }
}

/** A field column's Danfo dtype: numbers, booleans, else text. Nulls do not decide. */
function inferDtype(records: Record<string, unknown>[], column: string): string {
  let kind: string | undefined;
  for (const record of records) {
    const value = record[column];
    if (value === null || value === undefined) continue;
    const next =
      typeof value === "number" ? (Number.isInteger(value) ? "int32" : "float32") : typeof value === "boolean" ? "boolean" : "string";
    if (kind === undefined) kind = next;
    else if (kind !== next) {
      if ((kind === "int32" && next === "float32") || (kind === "float32" && next === "int32")) kind = "float32";
      else return "string";
    }
  }
  // An all-empty column: Danfo's own choice for nulls.
  return kind ?? "float32";
}

/** A text column that mixes kinds (e.g. numbers and words) holds every value as text. */
function coerce(value: unknown, dtype: string): unknown {
  if (value === null || dtype !== "string" || typeof value === "string") return value;
  return String(value);
}
