/** Charts: figure builders (plain Plotly figures), inline display under tslab, HTML embedding. */
export type { PlotlyFigure, PlotlyTrace, PlotlyLayout, ChartOptions } from "./figure.js";
export { accuracyByCategoryChart, modelComparisonChart, type IntervalChartOptions } from "./interval-charts.js";
export type { IntervalInput, IntervalRow, IntervalValue, GroupMetricsLike, IntervalSelection } from "./interval-points.js";
export { pairedDifferenceChart, type PairedDifference, type DifferenceChartOptions } from "./difference-chart.js";
export { tokensAndCostChart, type UsageRow, type UsageChartOptions } from "./usage-chart.js";
export { statusChart, countStatuses, type StatusCounts } from "./status-chart.js";
export { latencyChart, hasLatencies, type LatencySeries, type LatencyChartOptions } from "./latency-chart.js";
export { confusionMatrixChart, type ConfusionMatrixLike, type ConfusionChartOptions } from "./confusion-chart.js";
export { showChart, PLOTLY_MIME_TYPE, type ShowChartOptions } from "./show-chart.js";
export { chartHtml, chartPageHtml, type ChartHtmlOptions } from "./chart-html.js";
export { plotlyScriptHtml, plotlyVersion } from "./plotly-source.js";
export { PALETTE, STATUS_COLORS, FONT_FAMILY } from "./chart-style.js";
