/**
 * A Plotly figure as plain JSON: what the chart builders return, what `showChart` displays
 * and what the report embeds. Any figure Plotly accepts works; these types stay loose on
 * purpose so hand-made figures need no casts.
 */

/** One Plotly trace (`{type: "bar", x, y, ...}`). */
export type PlotlyTrace = { type?: string } & Record<string, unknown>;

/** Plotly's `layout` object. */
export type PlotlyLayout = Record<string, unknown>;

/** A figure: traces, layout, and optional Plotly `config` (modebar, responsiveness...). */
export interface PlotlyFigure {
  data: PlotlyTrace[];
  layout: PlotlyLayout;
  config?: Record<string, unknown>;
}

/** Options every chart builder takes. */
export interface ChartOptions {
  /** Chart title. Each builder has its own default. */
  title?: string;
  /** Height in pixels. Default 420 (the confusion matrix grows with its labels). */
  height?: number;
}

/** The figure's title text, or `fallback` when it has none. */
export function figureTitle(figure: PlotlyFigure, fallback = "chart"): string {
  const title = figure.layout?.title;
  if (typeof title === "string") return title;
  if (title && typeof title === "object" && typeof (title as { text?: unknown }).text === "string") {
    return (title as { text: string }).text;
  }
  return fallback;
}
