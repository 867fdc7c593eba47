/**
 * `batchlab/notebook`: results as dataframes and tables, live run progress, Plotly charts
 * (inline under tslab, offline) and the self-contained HTML report.
 */
export { resultsFrame } from "./frame.js";
export type { DataFrame, ResultsFrameOptions } from "./frame.js";
export { showTable } from "./display.js";
export type { ShowTableOptions } from "./display.js";
export { notebookProgress } from "./progress-display.js";
export type { NotebookProgress, NotebookProgressOptions } from "./progress-display.js";
export { resultRecords, RESULT_COLUMNS } from "./result-records.js";
export type { Cell, FlattenOptions, ResultRecords } from "./result-records.js";
export type { ResultRow } from "../run/result-row.js";
export { tableHtml, tableText, toTable, escapeHtml } from "./table-render.js";
export type { FrameLike, Table, TableInput, TableOptions } from "./table-render.js";
export { progressHtml, progressLine, formatDuration } from "./progress-render.js";
export type { ProgressRenderOptions } from "./progress-render.js";
export {
  accuracyByCategoryChart,
  modelComparisonChart,
  pairedDifferenceChart,
  tokensAndCostChart,
  statusChart,
  countStatuses,
  latencyChart,
  hasLatencies,
  confusionMatrixChart,
  showChart,
  chartHtml,
  chartPageHtml,
  plotlyScriptHtml,
  plotlyVersion,
  PLOTLY_MIME_TYPE,
  PALETTE,
  STATUS_COLORS,
} from "./charts/index.js";
export type {
  PlotlyFigure,
  PlotlyTrace,
  PlotlyLayout,
  ChartOptions,
  IntervalChartOptions,
  IntervalInput,
  IntervalRow,
  IntervalValue,
  GroupMetricsLike,
  PairedDifference,
  DifferenceChartOptions,
  UsageRow,
  UsageChartOptions,
  StatusCounts,
  LatencySeries,
  LatencyChartOptions,
  ConfusionMatrixLike,
  ConfusionChartOptions,
  ShowChartOptions,
  ChartHtmlOptions,
} from "./charts/index.js";
export { writeReport, reportHtml } from "../report/index.js";
export type { ReportOptions, ReportSummary, ReportTable, ReportChart, ReportFailures, FailureRow, ColumnFormat } from "../report/index.js";
export { reportRun } from "../api/report-run.js";
export { evaluateRun, type RunEvaluation } from "../api/evaluate-run.js";
