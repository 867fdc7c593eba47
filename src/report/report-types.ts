/** What a report is made of: plain data, so runs, evaluations and notebooks can all feed it. */
import type { PlotlyFigure } from "../notebook/charts/figure.js";
import type { TableInput } from "../notebook/table-render.js";

/** A run's (or evaluation's) headline facts. A run's `summary.json` fits as it is. */
export interface ReportSummary {
  /** Name in a table of several runs. Default: `model`, else `runId`. */
  label?: string;
  runId?: string;
  provider?: string;
  model?: string;
  step?: string;
  task?: string;
  dataset?: string;
  mode?: string;
  total?: number;
  succeeded?: number;
  failed?: number;
  expired?: number;
  cancelled?: number;
  inputTokens?: number;
  outputTokens?: number;
  /** Total cost; not shown when absent or null. */
  cost?: number | null;
  /** Currency symbol for `cost`. Default `$`. */
  currency?: string;
  /** From start to the last result, in milliseconds. */
  wallMs?: number;
  startedAt?: string;
  finishedAt?: string;
  /** More facts, shown as `name: value`. */
  details?: Record<string, string | number | boolean | null | undefined>;
}

/** How a table column's numbers are written. */
export type ColumnFormat = "number" | "integer" | "percent" | ((value: unknown) => string);

/** A table of metrics (or anything tabular). */
export interface ReportTable {
  title?: string;
  /** Plain objects (one per row) or a dataframe-like `{columns, values}`. */
  rows: TableInput;
  /** Columns to show, in order. Default: every column, in order of first appearance. */
  columns?: string[];
  /** Per column: how to write its values. Numbers default to `number` (3 decimals, or integers). */
  format?: Record<string, ColumnFormat>;
  /** A sentence under the table. */
  note?: string;
  /** Rows shown; the rest are counted. Default 200. */
  maxRows?: number;
}

/** A chart in the report, with an optional caption under it. */
export interface ReportChart {
  figure: PlotlyFigure;
  caption?: string;
}

/** One failed or wrong row. Every field is optional; columns appear when any row has them. */
export interface FailureRow {
  key?: string;
  row?: number;
  status?: string;
  outcome?: string;
  /** The prompt or the input fields. Objects are written as JSON. */
  input?: unknown;
  expected?: unknown;
  answer?: unknown;
  /** The model's output (`text` is read when `output` is absent, as in result rows). */
  output?: unknown;
  text?: unknown;
  /** Why it failed or was not parsed; `error` is read when absent (`{code, message}` or text). */
  reason?: unknown;
  error?: unknown;
}

/** Examples of failed or wrong rows. */
export interface ReportFailures {
  /** Default `Failure examples`. */
  title?: string;
  rows: readonly FailureRow[];
  /** Rows shown. Default 20. */
  limit?: number;
  /** Characters kept per cell; longer text is cut with a marker. Default 500. */
  maxChars?: number;
  note?: string;
}

/** Everything {@link writeReport} needs. Only `title` and `output` are required. */
export interface ReportOptions {
  title: string;
  /** A line under the title (dataset, task...). */
  subtitle?: string;
  /** One run, or several (shown as a table). */
  summary?: ReportSummary | readonly ReportSummary[];
  metricsTables?: readonly ReportTable[];
  charts?: readonly (PlotlyFigure | ReportChart)[];
  failures?: ReportFailures;
  /** Notices shown at the top, e.g. "Simulated models: ...". */
  notes?: readonly string[];
  /** The file to write (`.html`), or a folder to write `report.html` into. */
  output: string;
  /** When the report was made. Default now. */
  generatedAt?: Date;
}
