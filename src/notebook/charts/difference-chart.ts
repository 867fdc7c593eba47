/**
 * The paired difference between two models on the same rows (A − B) with its interval: a dot
 * and a bar per comparison around a zero line. An interval that crosses zero means the data
 * cannot tell the two apart.
 */
import { baseLayout, CHART_CONFIG, MUTED_COLOR, seriesColor } from "./chart-style.js";
import type { ChartOptions, PlotlyFigure } from "./figure.js";

/** One paired comparison, as the evaluation's comparison gives it. */
export interface PairedDifference {
  /** Labels of the two models (runs). */
  a: string;
  b: string;
  /** A − B; null when no row was scored by both. */
  difference: number | null;
  low?: number | null;
  high?: number | null;
  /** Rows compared. */
  n?: number;
  /** McNemar's exact p-value, shown on hover when present. */
  mcnemarP?: number | null;
}

/** Options of {@link pairedDifferenceChart}. */
export interface DifferenceChartOptions extends ChartOptions {
  /** Show differences as percentage points. Default true (accuracy differences). */
  percent?: boolean;
  /** What the interval is. Default `95% interval`. */
  intervalLabel?: string;
}

/** A chart of paired differences (A − B) with interval bars and a zero line. */
export function pairedDifferenceChart(
  comparisons: PairedDifference | readonly PairedDifference[],
  options: DifferenceChartOptions = {},
): PlotlyFigure {
  const list: readonly PairedDifference[] = Array.isArray(comparisons) ? comparisons : [comparisons as PairedDifference];
  const percent = options.percent ?? true;
  const format = percent ? "+.1%" : "+.3~g";
  const labels = list.map((comparison) => `${comparison.a} − ${comparison.b}`);
  const value = (comparison: PairedDifference) => finite(comparison.difference);
  const trace = {
    type: "scatter",
    mode: "markers",
    x: list.map(value),
    y: labels,
    marker: { size: 12, color: list.map((_, index) => seriesColor(index)) },
    error_x: {
      type: "data",
      symmetric: false,
      array: list.map((comparison) => spread(finite(comparison.high), value(comparison))),
      arrayminus: list.map((comparison) => spread(value(comparison), finite(comparison.low))),
      color: "#374151",
      thickness: 2,
      width: 8,
    },
    customdata: list.map((comparison) => [finite(comparison.low), finite(comparison.high), comparison.n ?? "?", pValue(comparison.mcnemarP)]),
    hovertemplate:
      `<b>%{y}</b><br>difference: %{x:${format}}` +
      `<br>${options.intervalLabel ?? "95% interval"}: %{customdata[0]:${format}} – %{customdata[1]:${format}}` +
      "<br>rows: %{customdata[2]}<br>McNemar p: %{customdata[3]}<extra></extra>",
    showlegend: false,
  };
  const ends = list.flatMap((comparison) => [finite(comparison.low), finite(comparison.high), value(comparison)]).filter((end): end is number => end !== null);
  const lowest = Math.min(0, ...ends);
  const highest = Math.max(0, ...ends);
  const span = highest - lowest || 0.1;
  // Zero always in view, with room left of it for the "B better" label.
  const range = [lowest - 0.2 * span, highest + 0.1 * span];
  const height = options.height ?? Math.max(260, 150 + 60 * list.length);
  return {
    data: [trace],
    layout: baseLayout(options.title ?? "Paired difference (A − B)", height, {
      xaxis: { title: percent ? "difference (percentage points)" : "difference", tickformat: percent ? "+.0%" : undefined, zeroline: false, range },
      yaxis: { type: "category", autorange: "reversed" },
      annotations: [
        { text: "◀ B better", x: 0, xref: "x", xanchor: "right", xshift: -8, y: 1, yref: "paper", yanchor: "bottom", showarrow: false, font: { size: 11, color: MUTED_COLOR } },
        { text: "A better ▶", x: 0, xref: "x", xanchor: "left", xshift: 8, y: 1, yref: "paper", yanchor: "bottom", showarrow: false, font: { size: 11, color: MUTED_COLOR } },
      ],
      shapes: [{ type: "line", xref: "x", x0: 0, x1: 0, yref: "paper", y0: 0, y1: 1, line: { color: MUTED_COLOR, width: 1.5, dash: "dash" } }],
      margin: { l: 72, r: 32, t: 80, b: 64 },
    }),
    config: { ...CHART_CONFIG },
  };
}

function spread(upper: number | null, lower: number | null): number | null {
  return upper !== null && lower !== null ? Math.max(0, upper - lower) : null;
}

function pValue(p: number | null | undefined): string {
  if (typeof p !== "number" || !Number.isFinite(p)) return "n/a";
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

function finite(value: number | null | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
