/**
 * Showing tables in a notebook: HTML under tslab, aligned text in plain Node.
 * (The live run progress display is in progress-display.ts.)
 */
import { tableHtml, tableText, toTable, type TableInput, type TableOptions } from "./table-render.js";
import { tslabModule, tryShowHtml } from "./tslab-host.js";

export type { TableInput, TableOptions } from "./table-render.js";

/** Options for {@link showTable}. */
export interface ShowTableOptions extends TableOptions {
  /** Where text goes outside tslab. Default `process.stdout`. */
  stream?: { write(text: string): unknown };
}

/**
 * Shows rows (result rows, records, or a DataFrame) as a table: an HTML table in a tslab
 * notebook, a plain-text table elsewhere. Shows at most `maxRows` rows (default 20).
 */
export function showTable(input: TableInput, options: ShowTableOptions = {}): void {
  const table = toTable(input, options.maxRows);
  const tslab = tslabModule();
  if (tslab && tryShowHtml(tslab.display, tableHtml(table, options))) return;
  (options.stream ?? process.stdout).write(tableText(table, options));
}

export { notebookProgress } from "./progress-display.js";
export type { NotebookProgress, NotebookProgressOptions } from "./progress-display.js";
