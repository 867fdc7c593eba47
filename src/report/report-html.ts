/**
 * The report page: one self-contained HTML document (CSS inline, Plotly inlined once, no
 * network) with the summary, metrics tables, charts and failure examples, in that order.
 */
import { chartHtml } from "../notebook/charts/chart-html.js";
import type { PlotlyFigure } from "../notebook/charts/figure.js";
import { plotlyScriptHtml, plotlyVersion } from "../notebook/charts/plotly-source.js";
import { escapeHtml } from "../notebook/table-render.js";
import { REPORT_CSS } from "./report-style.js";
import type { ReportChart, ReportOptions } from "./report-types.js";
import { summaryHtml } from "./summary-section.js";
import { failuresHtml, metricsTableHtml } from "./table-sections.js";

/** The report as an HTML string (what {@link writeReport} writes). `output` is not used. */
export function reportHtml(options: Omit<ReportOptions, "output"> & { output?: string }): string {
  const charts = (options.charts ?? []).map(toReportChart);
  const generatedAt = (options.generatedAt ?? new Date()).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
  const sections: string[] = [];
  if (options.summary && (!Array.isArray(options.summary) || options.summary.length > 0)) sections.push(summaryHtml(options.summary));
  if (options.metricsTables?.length) {
    const tables = options.metricsTables.map(metricsTableHtml).join("\n");
    sections.push(`<section class="panel" id="metrics">\n<h2>Metrics</h2>\n${tables}\n</section>`);
  }
  if (charts.length > 0) {
    const figures = charts.map((chart, index) =>
      `<div class="chart">${chartHtml(chart.figure, { id: `chart-${index + 1}` })}` +
      `${chart.caption ? `<p class="caption">${escapeHtml(chart.caption)}</p>` : ""}</div>`);
    sections.push(`<section class="panel" id="charts">\n<h2>Charts</h2>\n${figures.join("\n")}\n</section>`);
  }
  if (options.failures) sections.push(failuresHtml(options.failures));
  const notes = (options.notes ?? []).map((note) => `<p class="notice">${escapeHtml(note)}</p>`).join("\n");
  const footer = `Made by batchlab${charts.length > 0 ? ` · charts by plotly.js ${escapeHtml(plotlyVersion())}, inlined` : ""} · opens offline`;
  return (
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${escapeHtml(options.title)}</title>\n<style>${REPORT_CSS}</style>\n` +
    // Plotly is defined before any chart's script runs; a report without charts does not carry it.
    `${charts.length > 0 ? `${plotlyScriptHtml()}\n` : ""}</head>\n<body>\n<main>\n<header>\n` +
    `<h1>${escapeHtml(options.title)}</h1>\n` +
    `${options.subtitle ? `<p class="subtitle">${escapeHtml(options.subtitle)}</p>\n` : ""}` +
    `<p class="generated">Generated ${escapeHtml(generatedAt)}</p>\n${notes}\n</header>\n` +
    `${sections.join("\n")}\n<footer>${footer}</footer>\n</main>\n</body>\n</html>\n`
  );
}

function toReportChart(chart: PlotlyFigure | ReportChart): ReportChart {
  return "figure" in chart && chart.figure ? (chart as ReportChart) : { figure: chart as PlotlyFigure };
}
