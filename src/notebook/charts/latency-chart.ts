/**
 * The distribution of per-row latencies: a histogram per model on shared bins, with the median
 * and 95th percentile in the legend. Shown in seconds when the median is a second or more.
 */
import { baseLayout, CHART_CONFIG, seriesColor } from "./chart-style.js";
import type { ChartOptions, PlotlyFigure, PlotlyTrace } from "./figure.js";

/** One model's (run's) latencies in milliseconds. */
export interface LatencySeries {
  label: string;
  latenciesMs: readonly number[];
}

/** Options of {@link latencyChart}. */
export interface LatencyChartOptions extends ChartOptions {
  /** Axis unit. Default: `s` when the overall median is at least 1000 ms, else `ms`. */
  unit?: "ms" | "s";
  /** Most bins per histogram. Default: Plotly's choice. */
  bins?: number;
}

/** True when there is at least one finite latency to draw. */
export function hasLatencies(input: readonly number[] | readonly LatencySeries[]): boolean {
  return toSeries(input).some((series) => series.latenciesMs.length > 0);
}

/** A latency histogram (one overlaid per series). Non-finite and negative values are left out. */
export function latencyChart(input: readonly number[] | readonly LatencySeries[], options: LatencyChartOptions = {}): PlotlyFigure {
  const series = toSeries(input);
  const all = series.flatMap((entry) => entry.latenciesMs);
  const unit = options.unit ?? (all.length > 0 && quantile(all, 0.5) >= 1000 ? "s" : "ms");
  const scale = unit === "s" ? 1 / 1000 : 1;
  const several = series.length > 1;
  // The same bins for every series, so overlaid bars line up.
  const xbins = sharedBins(all.map((value) => value * scale), options.bins);
  const data: PlotlyTrace[] = series.map((entry, index) => {
    const values = entry.latenciesMs.map((value) => value * scale);
    const stats = values.length > 0 ? `median ${format(quantile(values, 0.5), unit)}, p95 ${format(quantile(values, 0.95), unit)}` : "no data";
    return {
      type: "histogram",
      name: several || entry.label ? `${entry.label || "latency"} (${stats})` : stats,
      x: values,
      xbins,
      marker: { color: seriesColor(index), line: { color: "#ffffff", width: 1 } },
      opacity: series.length > 3 ? 0.55 : 0.9,
      hovertemplate: `%{x} ${unit}: %{y} rows<extra>${entry.label}</extra>`,
    };
  });
  const layout = baseLayout(options.title ?? "Latency per row", options.height, {
    // Side by side reads best for a few series; overlaid (translucent) beyond that.
    barmode: series.length > 3 ? "overlay" : "group",
    bargap: 0.08,
    xaxis: { title: `latency (${unit})`, rangemode: "tozero" },
    yaxis: { title: "rows", rangemode: "tozero" },
    showlegend: true,
  });
  if (all.length === 0) {
    layout.annotations = [{ text: "No latencies recorded", showarrow: false, xref: "paper", yref: "paper", x: 0.5, y: 0.5, font: { size: 14 } }];
  }
  return { data, layout, config: { ...CHART_CONFIG } };
}

function toSeries(input: readonly number[] | readonly LatencySeries[]): LatencySeries[] {
  const clean = (values: readonly number[]) => values.filter((value) => Number.isFinite(value) && value >= 0);
  if (input.length > 0 && typeof input[0] === "object") {
    return (input as readonly LatencySeries[]).map((entry) => ({ label: entry.label, latenciesMs: clean(entry.latenciesMs) }));
  }
  return [{ label: "", latenciesMs: clean(input as readonly number[]) }];
}

/** Bins over all values: about `count` of them (default √n, 10 to 40), on round edges. */
function sharedBins(values: readonly number[], count?: number): { start: number; end: number; size: number } | undefined {
  if (values.length === 0) return undefined;
  const low = Math.min(...values);
  const high = Math.max(...values);
  if (high === low) return { start: low - 0.5, end: high + 0.5, size: 1 };
  const wanted = count ?? Math.min(40, Math.max(10, Math.round(Math.sqrt(values.length))));
  const size = niceStep((high - low) / wanted);
  const start = Math.floor(low / size) * size;
  return { start, end: Math.ceil(high / size) * size + size, size };
}

/** 1, 2 or 5 times a power of ten, at least `step`. */
function niceStep(step: number): number {
  const power = 10 ** Math.floor(Math.log10(step));
  return ([1, 2, 5, 10].find((factor) => factor * power >= step) ?? 10) * power;
}

/** Linear-interpolated quantile (the same as numpy's default). */
function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

function format(value: number, unit: string): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}
