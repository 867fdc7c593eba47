/** The self-contained HTML report: summary, metrics tables, charts, failure examples. */
export { writeReport } from "./write-report.js";
export { reportHtml } from "./report-html.js";
export type {
  ReportOptions,
  ReportSummary,
  ReportTable,
  ReportChart,
  ReportFailures,
  FailureRow,
  ColumnFormat,
} from "./report-types.js";
