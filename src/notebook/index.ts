/** `batchlab/notebook`: results as dataframes and tables, and live run progress under tslab. */
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
