/** How many rows of each run succeeded, failed, expired or were cancelled: stacked bars. */
import { baseLayout, CHART_CONFIG, STATUS_COLORS } from "./chart-style.js";
import type { ChartOptions, PlotlyFigure, PlotlyTrace } from "./figure.js";

/** Row counts by status; a run summary has these fields. */
export interface StatusCounts {
  /** Bar name. Default: `model`, else `runId`, else `run N`. */
  label?: string;
  model?: string;
  runId?: string;
  succeeded: number;
  failed: number;
  expired?: number;
  cancelled?: number;
}

const STATUSES = ["succeeded", "failed", "expired", "cancelled"] as const;

/** Counts rows by `status` (result rows, scored records...), for {@link statusChart}. */
export function countStatuses(rows: Iterable<{ status: string }>, label?: string): StatusCounts {
  const counts: StatusCounts = { label, succeeded: 0, failed: 0, expired: 0, cancelled: 0 };
  for (const row of rows) {
    const status = (STATUSES as readonly string[]).includes(row.status) ? (row.status as (typeof STATUSES)[number]) : "failed";
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

/** One horizontal bar per run, split by status, with fixed colours (green, red, amber, grey). */
export function statusChart(runs: StatusCounts | readonly StatusCounts[], options: ChartOptions = {}): PlotlyFigure {
  const list: readonly StatusCounts[] = Array.isArray(runs) ? runs : [runs as StatusCounts];
  const labels = list.map((run, index) => run.label ?? run.model ?? run.runId ?? `run ${index + 1}`);
  const totals = list.map((run) => STATUSES.reduce((sum, status) => sum + (run[status] ?? 0), 0));
  const data: PlotlyTrace[] = STATUSES.map((status) => {
    const counts = list.map((run) => run[status] ?? 0);
    return {
      type: "bar",
      orientation: "h",
      name: status,
      y: labels,
      x: counts,
      marker: { color: STATUS_COLORS[status] },
      // A count inside its segment, hidden when zero so empty statuses leave no stray "0".
      text: counts.map((count) => (count > 0 ? count.toLocaleString("en-US") : "")),
      textposition: "inside",
      insidetextanchor: "middle",
      textfont: { color: "#ffffff" },
      customdata: counts.map((count, index) => (totals[index] > 0 ? count / totals[index] : 0)),
      hovertemplate: `<b>%{y}</b><br>${status}: %{x:,} (%{customdata:.1%})<extra></extra>`,
    };
  });
  const height = options.height ?? Math.max(240, 170 + 48 * list.length);
  return {
    data,
    layout: baseLayout(options.title ?? "Rows by status", height, {
      barmode: "stack",
      xaxis: { title: "rows", rangemode: "tozero" },
      yaxis: { type: "category", autorange: "reversed" },
      legend: { orientation: "h", x: 1, xanchor: "right", y: 1.02, yanchor: "bottom", traceorder: "normal" },
    }),
    config: { ...CHART_CONFIG },
  };
}
