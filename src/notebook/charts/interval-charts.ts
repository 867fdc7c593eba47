/**
 * Bar charts of a metric with its confidence interval: one model by category, and several
 * models (runs) side by side.
 */
import { baseLayout, CHART_CONFIG, MUTED_COLOR, seriesColor } from "./chart-style.js";
import type { ChartOptions, PlotlyFigure, PlotlyTrace } from "./figure.js";
import {
  distinct,
  intervalErrors,
  intervalPoints,
  looksLikeRates,
  type IntervalInput,
  type IntervalPoint,
  type IntervalSelection,
} from "./interval-points.js";

/** Options of the interval bar charts. */
export interface IntervalChartOptions extends ChartOptions, IntervalSelection {
  /** Show values as percentages. Default: when every value lies in 0..1. */
  percent?: boolean;
  /** What the error bars are, for the hover text. Default `95% interval`. */
  intervalLabel?: string;
  /** X axis title. Default: the grouping (e.g. `category`), or `model` for overall values. */
  xTitle?: string;
}

/**
 * A metric per category for one model, with interval error bars and each category's row
 * count under its name. Takes per-group entries (`evaluation.groups.category`) or tidy rows
 * (`metricsTable(evaluation)`); with rows of several models use {@link modelComparisonChart}.
 */
export function accuracyByCategoryChart(input: IntervalInput, options: IntervalChartOptions = {}): PlotlyFigure {
  const { metric, grouping: selected, points } = intervalPoints(input, options);
  const percent = options.percent ?? looksLikeRates(points);
  const labels = points.map((point) => (point.n === null ? point.group : `${point.group}<br><span style="font-size:11px;color:${MUTED_COLOR}">n = ${point.n}</span>`));
  const trace = barTrace(points, labels, metric, percent, options.intervalLabel, seriesColor(0));
  trace.showlegend = false;
  // Per-group entries carry no grouping name; call it "category" then.
  const grouping = selected === "all" ? "category" : selected;
  return figure([trace], metric, percent, options.title ?? `${capitalize(metric)} by ${grouping}`, options.xTitle ?? grouping, options);
}

/**
 * A metric for several models (runs) side by side, with interval error bars: grouped bars per
 * category, or one bar per model when only overall values are given (`grouping: "all"`).
 * Takes tidy rows with a `label` per model, e.g. `metricsTable([evaluationA, evaluationB])`.
 */
export function modelComparisonChart(input: IntervalInput, options: IntervalChartOptions = {}): PlotlyFigure {
  const { metric, grouping, points } = intervalPoints(input, options);
  const percent = options.percent ?? looksLikeRates(points);
  const groups = distinct(points.map((point) => point.group));
  const series = distinct(points.map((point) => point.series || "model"));
  const title = options.title ?? `${capitalize(metric)} by model`;
  if (groups.length <= 1) {
    // Overall values: one coloured bar per model reads better than a lone group.
    const trace = barTrace(points, points.map((point) => point.series || "model"), metric, percent, options.intervalLabel, points.map((_, index) => seriesColor(index)));
    trace.showlegend = false;
    return figure([trace], metric, percent, title, options.xTitle ?? "model", options);
  }
  const traces = series.map((name, index) => {
    const own = groups.map((group) => points.find((point) => (point.series || "model") === name && point.group === group) ?? emptyPoint(name, group));
    return barTrace(own, groups, metric, percent, options.intervalLabel, seriesColor(index), name);
  });
  return figure(traces, metric, percent, title, options.xTitle ?? (grouping === "all" ? "category" : grouping), options, { barmode: "group", bargap: 0.25, bargroupgap: 0.08 });
}

function barTrace(
  points: readonly IntervalPoint[],
  x: readonly string[],
  metric: string,
  percent: boolean,
  intervalLabel = "95% interval",
  color: string | string[],
  name?: string,
): PlotlyTrace {
  const format = percent ? ".1%" : ".3~g";
  return {
    type: "bar",
    name: name ?? metric,
    x: [...x],
    y: points.map((point) => point.value),
    error_y: intervalErrors(points),
    marker: { color, line: { width: 0 } },
    customdata: points.map((point) => [point.low, point.high, point.n ?? "?", point.group]),
    hovertemplate:
      `<b>%{customdata[3]}</b><br>${metric}: %{y:${format}}` +
      `<br>${intervalLabel}: %{customdata[0]:${format}} – %{customdata[1]:${format}}` +
      `<br>rows: %{customdata[2]}<extra>${name ?? ""}</extra>`,
  };
}

function figure(
  data: PlotlyTrace[],
  metric: string,
  percent: boolean,
  title: string,
  xTitle: string,
  options: IntervalChartOptions,
  extra: Record<string, unknown> = {},
): PlotlyFigure {
  const yaxis = { title: metric, rangemode: "tozero", ...(percent ? { tickformat: ".0%", range: [0, 1.05] } : {}) };
  return {
    data,
    layout: baseLayout(title, options.height, { xaxis: { title: xTitle, type: "category" }, yaxis, ...extra }),
    config: { ...CHART_CONFIG },
  };
}

function emptyPoint(series: string, group: string): IntervalPoint {
  return { series, group, value: null, low: null, high: null, n: null };
}

function capitalize(text: string): string {
  const spaced = text.replace(/_/g, " ");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
