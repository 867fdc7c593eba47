/**
 * A confusion matrix heatmap for multiple choice: expected answers down, predicted answers
 * across, with unreadable answers in their own `unparseable` column (orange, so it is not
 * read as one more option). Cells are coloured by their share of the expected row, so the
 * diagonal stands out whatever the class sizes, and show their counts.
 */
import { baseLayout, CHART_CONFIG } from "./chart-style.js";
import type { ChartOptions, PlotlyFigure, PlotlyTrace } from "./figure.js";

/** `counts[i][j]`: rows expecting `expected[i]` that were answered `predicted[j]`. */
export interface ConfusionMatrixLike {
  expected: readonly string[];
  predicted: readonly string[];
  counts: readonly (readonly number[])[];
}

/** Options of {@link confusionMatrixChart}. */
export interface ConfusionChartOptions extends ChartOptions {
  /** The column of answers that could not be read. Default `unparseable`; added when missing. */
  unparseableLabel?: string;
}

/**
 * One diverging scale: answer cells get positive shares (white → blue), the unparseable column
 * negative ones (white → orange), so one trace draws both with no gaps between them.
 */
const COLORSCALE = [[0, "#a63603"], [0.25, "#fd8d3c"], [0.45, "#fee6ce"], [0.5, "#ffffff"], [0.55, "#deebf7"], [0.7, "#9ecae1"], [0.85, "#3182bd"], [1, "#08306b"]];

/** A heatmap of expected × predicted answers, with an `unparseable` column. */
export function confusionMatrixChart(matrix: ConfusionMatrixLike, options: ConfusionChartOptions = {}): PlotlyFigure {
  const unparseable = options.unparseableLabel ?? "unparseable";
  const expected = [...matrix.expected];
  const predicted = matrix.predicted.includes(unparseable) ? [...matrix.predicted] : [...matrix.predicted, unparseable];
  const counts = expected.map((_, row) => predicted.map((label) => {
    const column = matrix.predicted.indexOf(label);
    return column === -1 ? 0 : (matrix.counts[row]?.[column] ?? 0);
  }));
  const rowTotals = counts.map((row) => row.reduce((sum, count) => sum + count, 0));
  const share = counts.map((row, index) => row.map((count) => (rowTotals[index] > 0 ? count / rowTotals[index] : 0)));
  const unparseableColumn = predicted.indexOf(unparseable);
  const trace: PlotlyTrace = {
    type: "heatmap",
    x: predicted,
    y: expected,
    z: share.map((row) => row.map((value, column) => (column === unparseableColumn ? -value : value))),
    zmin: -1,
    zmax: 1,
    text: counts.map((row) => row.map(String)),
    texttemplate: "%{text}",
    textfont: { size: 13 },
    customdata: counts.map((row, index) => row.map((count, column) => [count, rowTotals[index], share[index][column]])),
    hovertemplate: "expected <b>%{y}</b>, predicted <b>%{x}</b><br>%{customdata[0]} of %{customdata[1]} rows (%{customdata[2]:.1%})<extra></extra>",
    colorscale: COLORSCALE,
    showscale: false,
    xgap: 2,
    ygap: 2,
  };
  const height = options.height ?? Math.max(380, 170 + 64 * expected.length);
  return {
    data: [trace],
    layout: baseLayout(options.title ?? "Confusion matrix (expected × predicted)", height, {
      // Square cells: the plot narrows to fit instead of stretching cells across the page.
      xaxis: { title: "predicted answer", type: "category", showgrid: false, zeroline: false, constrain: "domain" },
      yaxis: { title: "expected answer", type: "category", autorange: "reversed", showgrid: false, zeroline: false, scaleanchor: "x", constrain: "domain" },
      plot_bgcolor: "#ffffff",
      margin: { l: 96, r: 24, t: 80, b: 64 },
    }),
    config: { ...CHART_CONFIG },
  };
}
