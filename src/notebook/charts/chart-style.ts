/**
 * One look for every chart: system fonts (no web fonts to download), a colour-blind-safe
 * palette, light grid lines, left-aligned titles and a legend above the plot.
 */
import type { PlotlyLayout } from "./figure.js";

/** Fonts every system has; Plotly never fetches fonts when given these. */
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Series colours (Tableau 10, readable for the common kinds of colour blindness). */
export const PALETTE = [
  "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
  "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
];

/** Fixed colours for row states, the same in every chart. */
export const STATUS_COLORS: Record<string, string> = {
  succeeded: "#59a14f",
  failed: "#e15759",
  expired: "#f28e2b",
  cancelled: "#9ca3af",
};

export const TEXT_COLOR = "#1f2937";
export const MUTED_COLOR = "#6b7280";
export const GRID_COLOR = "#e5e7eb";
export const DEFAULT_HEIGHT = 420;

/** Layout shared by every chart; `extra` is merged on top (axes merged key by key). */
export function baseLayout(title: string, height: number | undefined, extra: PlotlyLayout = {}): PlotlyLayout {
  const { xaxis, yaxis, ...rest } = extra;
  return {
    title: { text: title, x: 0, xref: "paper", xanchor: "left", font: { size: 16, color: TEXT_COLOR } },
    font: { family: FONT_FAMILY, size: 13, color: TEXT_COLOR },
    height: height ?? DEFAULT_HEIGHT,
    autosize: true,
    margin: { l: 72, r: 24, t: 80, b: 64 },
    paper_bgcolor: "#ffffff",
    plot_bgcolor: "#ffffff",
    colorway: PALETTE,
    hoverlabel: { font: { family: FONT_FAMILY } },
    legend: { orientation: "h", x: 1, xanchor: "right", y: 1.02, yanchor: "bottom", bgcolor: "rgba(0,0,0,0)" },
    xaxis: axis(xaxis as PlotlyLayout | undefined),
    yaxis: axis(yaxis as PlotlyLayout | undefined),
    ...rest,
  };
}

/** An axis with the shared look; `settings` wins. */
export function axis(settings: PlotlyLayout = {}): PlotlyLayout {
  return {
    gridcolor: GRID_COLOR,
    linecolor: "#9ca3af",
    zerolinecolor: "#d1d5db",
    automargin: true,
    tickfont: { size: 12 },
    ...settings,
    title: typeof settings.title === "string" ? { text: settings.title, font: { size: 13, color: MUTED_COLOR } } : settings.title,
  };
}

/** The colour of series `index`, cycling through the palette. */
export function seriesColor(index: number): string {
  return PALETTE[index % PALETTE.length];
}

/** Plotly config for every chart: fits its container, no Plotly logo, no cloud links. */
export const CHART_CONFIG = { responsive: true, displaylogo: false, showLink: false, showSendToCloud: false };
