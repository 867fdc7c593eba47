/**
 * A figure as HTML that draws itself: a `<div>` and a small script calling `Plotly.newPlot`.
 * When Plotly is not on the page yet the chart waits in `window.__batchlabCharts`, and the
 * Plotly loader draws it once it runs. Until drawn, the div says why it is empty.
 */
import { randomUUID } from "node:crypto";
import { escapeHtml } from "../table-render.js";
import { CHART_CONFIG, DEFAULT_HEIGHT, FONT_FAMILY, MUTED_COLOR } from "./chart-style.js";
import { figureTitle, type PlotlyFigure } from "./figure.js";
import { plotlyScriptHtml } from "./plotly-source.js";

/** Options of {@link chartHtml}. */
export interface ChartHtmlOptions {
  /** Put the Plotly loader before the chart. Default false (a page needs it once). */
  includePlotly?: boolean;
  /** The div's id. Default a random one (ids must be unique on a notebook page). */
  id?: string;
}

/** The HTML of one chart: a div and the script that draws the figure into it. */
export function chartHtml(figure: PlotlyFigure, options: ChartHtmlOptions = {}): string {
  const id = options.id ?? `batchlab-chart-${randomUUID()}`;
  const height = typeof figure.layout?.height === "number" ? figure.layout.height : DEFAULT_HEIGHT;
  const spec = { data: figure.data, layout: figure.layout, config: { ...CHART_CONFIG, ...figure.config } };
  const note =
    `Chart “${escapeHtml(figureTitle(figure))}”: it draws with JavaScript and Plotly, which the first chart on the page carries. ` +
    `If it stays empty, run the notebook from the top (or trust it).`;
  const div =
    `<div class="batchlab-chart" id="${escapeHtml(id)}" style="width:100%;min-height:${height}px">` +
    `<p style="font:13px ${escapeHtml(FONT_FAMILY)};color:${MUTED_COLOR};margin:0;padding:12px 0">${note}</p></div>`;
  const script =
    `<script type="text/javascript">(function () {\n` +
    `  var figure = ${scriptJson(spec)};\n` +
    `  var draw = function () {\n` +
    `    var element = document.getElementById(${scriptJson(id)});\n` +
    `    if (!element) return;\n` +
    `    element.innerHTML = "";\n` +
    `    window.Plotly.newPlot(element, figure.data, figure.layout, figure.config);\n` +
    `  };\n` +
    `  if (typeof window.Plotly !== "undefined") draw();\n` +
    `  else (window.__batchlabCharts = window.__batchlabCharts || []).push(draw);\n` +
    `})();</script>`;
  return `${options.includePlotly ? plotlyScriptHtml() : ""}${div}\n${script}`;
}

/** A whole page with the given charts, for opening in a browser. */
export function chartPageHtml(figures: readonly PlotlyFigure[], title = figures.length === 1 ? figureTitle(figures[0]) : "charts"): string {
  const charts = figures.map((figure) => `<section>${chartHtml(figure)}</section>`).join("\n");
  return (
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<style>body{margin:24px auto;max-width:1100px;padding:0 16px;font-family:${FONT_FAMILY};background:#f9fafb}` +
    `section{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:12px;margin-bottom:16px}</style>\n` +
    `${plotlyScriptHtml()}\n</head>\n<body>\n${charts}\n</body>\n</html>\n`
  );
}

/** JSON that is safe inside a `<script>`: no `<`, `>`, `&` or line separators as raw text. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
