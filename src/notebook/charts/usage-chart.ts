/**
 * Tokens and cost per model (run): input and output tokens stacked on the left, cost on the
 * right when any row has one.
 */
import { axis, baseLayout, CHART_CONFIG, seriesColor } from "./chart-style.js";
import type { ChartOptions, PlotlyFigure, PlotlyTrace } from "./figure.js";

/** One model's (run's) usage; a run summary has these fields. */
export interface UsageRow {
  /** Bar name. Default: `model`, else `runId`, else `run N`. */
  label?: string;
  model?: string;
  runId?: string;
  inputTokens: number;
  outputTokens: number;
  /** Total cost; rows without one show no cost bar. */
  cost?: number | null;
}

/** Options of {@link tokensAndCostChart}. */
export interface UsageChartOptions extends ChartOptions {
  /** Currency symbol for the cost axis. Default `$`. */
  currency?: string;
}

/** Stacked input/output token bars per model, and a cost panel when costs are known. */
export function tokensAndCostChart(rows: UsageRow | readonly UsageRow[], options: UsageChartOptions = {}): PlotlyFigure {
  const list: readonly UsageRow[] = Array.isArray(rows) ? rows : [rows as UsageRow];
  const labels = list.map((row, index) => row.label ?? row.model ?? row.runId ?? `run ${index + 1}`);
  const costs = list.map((row) => (typeof row.cost === "number" && Number.isFinite(row.cost) ? row.cost : null));
  const hasCost = costs.some((cost) => cost !== null);
  const tokenTrace = (name: string, values: number[], color: string): PlotlyTrace => ({
    type: "bar",
    name,
    x: labels,
    y: values,
    marker: { color },
    hovertemplate: `<b>%{x}</b><br>${name}: %{y:,}<extra></extra>`,
  });
  const data: PlotlyTrace[] = [
    tokenTrace("input tokens", list.map((row) => row.inputTokens), seriesColor(0)),
    tokenTrace("output tokens", list.map((row) => row.outputTokens), seriesColor(1)),
  ];
  const currency = options.currency ?? "$";
  const layout: Record<string, unknown> = {
    barmode: "stack",
    // Plotly lists stacked bars top-down; keep the order the traces were given in.
    legend: { orientation: "h", x: 1, xanchor: "right", y: 1.02, yanchor: "bottom", traceorder: "normal" },
    xaxis: { type: "category", domain: hasCost ? [0, 0.6] : [0, 1] },
    yaxis: { title: "tokens", tickformat: "~s", rangemode: "tozero" },
  };
  if (hasCost) {
    data.push({
      type: "bar",
      name: "cost",
      x: labels,
      y: costs,
      xaxis: "x2",
      yaxis: "y2",
      marker: { color: seriesColor(2) },
      text: costs.map((cost) => (cost === null ? "" : formatCost(cost, currency))),
      textposition: "outside",
      cliponaxis: false,
      hovertemplate: `<b>%{x}</b><br>cost: ${currency}%{y:,.4~f}<extra></extra>`,
    });
    layout.xaxis2 = axis({ type: "category", domain: [0.72, 1], anchor: "y2" });
    layout.yaxis2 = axis({ title: `cost (${currency})`, anchor: "x2", rangemode: "tozero", tickprefix: currency });
  }
  return {
    data,
    layout: baseLayout(options.title ?? (hasCost ? "Tokens and cost by model" : "Tokens by model"), options.height, layout),
    config: { ...CHART_CONFIG },
  };
}

function formatCost(cost: number, currency: string): string {
  const digits = cost >= 100 ? 0 : cost >= 1 ? 2 : 4;
  return `${currency}${cost.toFixed(digits)}`;
}
