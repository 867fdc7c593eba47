/**
 * Shows a figure. Under tslab: one output carrying the Plotly MIME type (JupyterLab and
 * VS Code draw it natively), HTML that draws it with the inlined Plotly (classic Notebook,
 * nbconvert's HTML export, JupyterLab without the Plotly extension) and plain text. Plotly's
 * source goes into the first chart of the kernel session only; later charts are a div and
 * a few lines of script. In plain Node the chart is written to an HTML file.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { tslabModule, tryShowHtml } from "../tslab-host.js";
import { CHART_CONFIG } from "./chart-style.js";
import { chartHtml, chartPageHtml } from "./chart-html.js";
import { figureTitle, type PlotlyFigure } from "./figure.js";
import { sendMimeBundle } from "./kernel-display.js";

/** The Plotly MIME type JupyterLab, VS Code and nteract render. */
export const PLOTLY_MIME_TYPE = "application/vnd.plotly.v1+json";

/** Options of {@link showChart}. */
export interface ShowChartOptions {
  /**
   * Put Plotly's source in this chart's HTML. Default: only in the first chart of the kernel
   * session. Pass true to repeat it, e.g. after clearing the output of the first chart cell.
   */
  includePlotly?: boolean;
  /** Outside tslab: the folder for the HTML file. Default `<os temp>/batchlab-charts`. */
  outputDir?: string;
  /** Outside tslab: the file name. Default from the title and a unique suffix. */
  fileName?: string;
  /** Outside tslab: where the file's path is printed. Default `process.stdout`. */
  stream?: { write(text: string): unknown };
}

// Kept on globalThis so two copies of this module in one kernel still send Plotly once.
const PLOTLY_SENT = Symbol.for("batchlab.charts.plotlySent");

/**
 * Displays `figure` inline under tslab and returns undefined (so a cell ending with it shows
 * nothing more). Elsewhere writes a standalone HTML page and returns its path.
 */
export function showChart(figure: PlotlyFigure, options: ShowChartOptions = {}): string | undefined {
  const tslab = tslabModule();
  if (tslab) {
    const state = globalThis as { [PLOTLY_SENT]?: boolean };
    const includePlotly = options.includePlotly ?? !state[PLOTLY_SENT];
    const html = chartHtml(figure, { includePlotly });
    const bundle = {
      [PLOTLY_MIME_TYPE]: { data: figure.data, layout: figure.layout, config: { ...CHART_CONFIG, ...figure.config } },
      "text/html": html,
      "text/plain": `[chart] ${figureTitle(figure)}`,
    };
    // Without tslab's internals, the HTML alone still draws everywhere scripts run.
    if (sendMimeBundle(tslab, bundle) || tryShowHtml(tslab.display, html)) {
      if (includePlotly) state[PLOTLY_SENT] = true;
      return undefined;
    }
  }
  return writeChartFile(figure, options);
}

function writeChartFile(figure: PlotlyFigure, options: ShowChartOptions): string {
  const dir = options.outputDir ?? path.join(tmpdir(), "batchlab-charts");
  const name = options.fileName ?? `${slug(figureTitle(figure))}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}.html`;
  const file = path.resolve(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(temp, chartPageHtml([figure]));
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  (options.stream ?? process.stdout).write(`Chart written to ${file} (open it in a browser)\n`);
  return file;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "chart";
}
