/**
 * The figure builders: plain Plotly figures from plain data, with numbers that can be
 * checked by hand (interval bars, shares, quantiles) and one look (system fonts, no URLs).
 */
import { describe, expect, it } from "vitest";
import {
  accuracyByCategoryChart,
  confusionMatrixChart,
  countStatuses,
  FONT_FAMILY,
  hasLatencies,
  latencyChart,
  modelComparisonChart,
  pairedDifferenceChart,
  statusChart,
  STATUS_COLORS,
  tokensAndCostChart,
  type PlotlyFigure,
} from "../../src/notebook/charts/index.js";

type Trace = Record<string, any>;
const trace = (figure: PlotlyFigure, index = 0) => figure.data[index] as Trace;
const layout = (figure: PlotlyFigure) => figure.layout as Record<string, any>;

const rows = [
  { label: "small", grouping: "all", group: "all", metric: "accuracy", value: 0.55, low: 0.45, high: 0.65, n: 100 },
  { label: "small", grouping: "category", group: "math", metric: "accuracy", value: 0.5, low: 0.3, high: 0.7, n: 20 },
  { label: "small", grouping: "category", group: "art", metric: "accuracy", value: 0.6, low: 0.4, high: 0.8, n: 20 },
  { label: "small", grouping: "category", group: "math", metric: "unparseable_rate", value: 0.1, low: 0, high: 0.2, n: 20 },
  { label: "large", grouping: "all", group: "all", metric: "accuracy", value: 0.85, low: 0.78, high: 0.92, n: 100 },
  { label: "large", grouping: "category", group: "math", metric: "accuracy", value: 0.9, low: 0.75, high: 1, n: 20 },
  { label: "large", grouping: "category", group: "art", metric: "accuracy", value: 0.8, low: 0.6, high: 0.95, n: 20 },
];

describe("accuracy by category", () => {
  it("draws one bar per group with asymmetric interval bars from an evaluation's per-group entries", () => {
    const figure = accuracyByCategoryChart([
      { group: "math", metrics: { accuracy: { value: 0.75, low: 0.5, high: 0.9, n: 8 } } },
      { group: "art", metrics: { accuracy: { value: 0.5, low: 0.25, high: 0.75, n: 4 } } },
    ]);
    expect(figure.data).toHaveLength(1);
    expect(trace(figure).type).toBe("bar");
    expect(trace(figure).y).toEqual([0.75, 0.5]);
    expect(trace(figure).error_y.array[0]).toBeCloseTo(0.15);
    expect(trace(figure).error_y.arrayminus[0]).toBeCloseTo(0.25);
    expect(trace(figure).x[0]).toMatch(/^math<br>.*n = 8/);
    expect(layout(figure).yaxis.tickformat).toBe(".0%");
    expect(layout(figure).title.text).toBe("Accuracy by category");
  });

  it("picks the accuracy rows of the first real grouping from tidy metric rows", () => {
    const figure = accuracyByCategoryChart(rows.filter((row) => row.label === "large"));
    expect(trace(figure).y).toEqual([0.9, 0.8]);
    expect(trace(figure).x.map((x: string) => x.split("<br>")[0])).toEqual(["math", "art"]);
    expect(layout(figure).title.text).toBe("Accuracy by category");
    const topics = accuracyByCategoryChart([{ grouping: "topic", group: "t1", metric: "accuracy", value: 1 }]);
    expect(layout(topics).title.text).toBe("Accuracy by topic");
    expect(layout(topics).xaxis.title.text).toBe("topic");
  });

  it("shows another metric when asked, and no percent axis for values above 1", () => {
    const unparseable = accuracyByCategoryChart(rows, { metric: "unparseable_rate" });
    expect(trace(unparseable).y).toEqual([0.1]);
    const counts = accuracyByCategoryChart([{ group: "a", value: 12.5, low: 10, high: 15 }], { metric: "tokens" });
    expect(layout(counts).yaxis.tickformat).toBeUndefined();
  });

  it("leaves out the interval bar where an end is unknown", () => {
    const figure = accuracyByCategoryChart([{ group: "a", value: 0.5, low: null, high: null, n: 3 }]);
    expect(trace(figure).error_y.array).toEqual([null]);
    expect(trace(figure).error_y.arrayminus).toEqual([null]);
  });
});

describe("model comparison", () => {
  it("draws grouped bars, one trace per model, categories on the x axis", () => {
    const figure = modelComparisonChart(rows);
    expect(figure.data.map((entry) => (entry as Trace).name)).toEqual(["small", "large"]);
    expect(trace(figure, 0).x).toEqual(["math", "art"]);
    expect(trace(figure, 1).y).toEqual([0.9, 0.8]);
    expect(trace(figure, 1).error_y.array[0]).toBeCloseTo(0.1);
    expect(layout(figure).barmode).toBe("group");
    expect(trace(figure, 0).marker.color).not.toBe(trace(figure, 1).marker.color);
  });

  it("draws one coloured bar per model for overall values", () => {
    const figure = modelComparisonChart(rows, { grouping: "all" });
    expect(figure.data).toHaveLength(1);
    expect(trace(figure).x).toEqual(["small", "large"]);
    expect(trace(figure).y).toEqual([0.55, 0.85]);
    expect(new Set(trace(figure).marker.color).size).toBe(2);
  });
});

describe("paired difference", () => {
  it("plots A − B with its interval and keeps zero in view", () => {
    const figure = pairedDifferenceChart({ a: "large", b: "small", difference: 0.3, low: 0.2, high: 0.4, n: 100, mcnemarP: 0.0004 });
    expect(trace(figure).x).toEqual([0.3]);
    expect(trace(figure).y).toEqual(["large − small"]);
    expect(trace(figure).error_x.array[0]).toBeCloseTo(0.1);
    expect(trace(figure).error_x.arrayminus[0]).toBeCloseTo(0.1);
    expect(trace(figure).customdata[0][3]).toBe("< 0.001");
    const [low, high] = layout(figure).xaxis.range;
    expect(low).toBeLessThan(0);
    expect(high).toBeGreaterThan(0.4);
    expect(layout(figure).shapes[0]).toMatchObject({ x0: 0, x1: 0 });
  });
});

describe("tokens and cost", () => {
  const summaries = [
    { model: "small", inputTokens: 1000, outputTokens: 200, cost: 0.01 },
    { model: "large", inputTokens: 1000, outputTokens: 300, cost: 0.05 },
  ];

  it("stacks input and output tokens per model and adds a cost panel", () => {
    const figure = tokensAndCostChart(summaries);
    expect(figure.data.map((entry) => (entry as Trace).name)).toEqual(["input tokens", "output tokens", "cost"]);
    expect(trace(figure, 0).x).toEqual(["small", "large"]);
    expect(trace(figure, 1).y).toEqual([200, 300]);
    expect(trace(figure, 2)).toMatchObject({ xaxis: "x2", yaxis: "y2", y: [0.01, 0.05], text: ["$0.0100", "$0.0500"] });
    expect(layout(figure).barmode).toBe("stack");
  });

  it("leaves the cost panel out when no model has a cost", () => {
    const figure = tokensAndCostChart(summaries.map(({ cost: _cost, ...rest }) => rest));
    expect(figure.data).toHaveLength(2);
    expect(layout(figure).xaxis2).toBeUndefined();
    expect(layout(figure).title.text).toBe("Tokens by model");
  });
});

describe("status breakdown", () => {
  it("stacks the four statuses per run in fixed colours, hiding zero labels", () => {
    const figure = statusChart([
      { runId: "r1", succeeded: 8, failed: 1, expired: 1, cancelled: 0 },
      { runId: "r2", succeeded: 10, failed: 0 },
    ]);
    expect(figure.data.map((entry) => (entry as Trace).name)).toEqual(["succeeded", "failed", "expired", "cancelled"]);
    expect(figure.data.map((entry) => (entry as Trace).marker.color)).toEqual(Object.values(STATUS_COLORS));
    expect(trace(figure, 0).x).toEqual([8, 10]);
    expect(trace(figure, 2).text).toEqual(["1", ""]);
    expect(trace(figure, 1).customdata[0]).toBeCloseTo(0.1);
    expect(trace(figure, 0).y).toEqual(["r1", "r2"]);
  });

  it("counts rows by status, unknown statuses as failed", () => {
    const counts = countStatuses([{ status: "succeeded" }, { status: "succeeded" }, { status: "expired" }, { status: "weird" }], "run");
    expect(counts).toEqual({ label: "run", succeeded: 2, failed: 1, expired: 1, cancelled: 0 });
  });
});

describe("latency distribution", () => {
  it("shows seconds, the median and 95th percentile, and the same bins for every series", () => {
    const figure = latencyChart([
      { label: "a", latenciesMs: [1000, 2000, 3000, 4000, 5000] },
      { label: "b", latenciesMs: [1500, 2500, Number.NaN, -3] },
    ]);
    expect(layout(figure).xaxis.title.text).toBe("latency (s)");
    expect(trace(figure, 0).x).toEqual([1, 2, 3, 4, 5]);
    expect(trace(figure, 1).x).toEqual([1.5, 2.5]);
    // p95 of 1..5 s with linear interpolation: 4 + 0.8 × 1 = 4.8.
    expect(trace(figure, 0).name).toBe("a (median 3.00 s, p95 4.80 s)");
    expect(trace(figure, 0).xbins).toEqual(trace(figure, 1).xbins);
    expect(trace(figure, 0).xbins.start).toBeLessThanOrEqual(1);
    expect(trace(figure, 0).xbins.end).toBeGreaterThan(5);
  });

  it("keeps milliseconds for short latencies and says when there are none", () => {
    expect(layout(latencyChart([120, 80, 95])).xaxis.title.text).toBe("latency (ms)");
    expect(hasLatencies([])).toBe(false);
    expect(hasLatencies([{ label: "a", latenciesMs: [Number.NaN] }])).toBe(false);
    expect(layout(latencyChart([])).annotations[0].text).toBe("No latencies recorded");
  });
});

describe("confusion matrix", () => {
  it("colours cells by their share of the expected row and the unparseable column apart", () => {
    const figure = confusionMatrixChart({ expected: ["A", "B"], predicted: ["A", "B", "unparseable"], counts: [[6, 2, 2], [0, 3, 1]] });
    const heatmap = trace(figure);
    expect(heatmap.type).toBe("heatmap");
    expect(heatmap.x).toEqual(["A", "B", "unparseable"]);
    expect(heatmap.text).toEqual([["6", "2", "2"], ["0", "3", "1"]]);
    expect(heatmap.z[0][0]).toBeCloseTo(0.6);
    expect(heatmap.z[0][2]).toBeCloseTo(-0.2);
    expect(heatmap.z[1][2]).toBeCloseTo(-0.25);
    expect(layout(figure).yaxis.autorange).toBe("reversed");
  });

  it("adds an empty unparseable column when the matrix has none", () => {
    const figure = confusionMatrixChart({ expected: ["yes", "no"], predicted: ["yes", "no"], counts: [[1, 0], [0, 1]] });
    expect(trace(figure).x).toEqual(["yes", "no", "unparseable"]);
    expect(trace(figure).text[0]).toEqual(["1", "0", "0"]);
  });
});

describe("every chart", () => {
  const figures = [
    accuracyByCategoryChart(rows),
    modelComparisonChart(rows),
    pairedDifferenceChart([{ a: "x", b: "y", difference: -0.1, low: -0.2, high: 0 }]),
    tokensAndCostChart([{ label: "m", inputTokens: 1, outputTokens: 1, cost: 1 }]),
    statusChart({ succeeded: 1, failed: 1 }),
    latencyChart([1, 2, 3]),
    confusionMatrixChart({ expected: ["A"], predicted: ["A"], counts: [[1]] }),
  ];

  it("is plain JSON with a title, system fonts and no URL to fetch", () => {
    for (const figure of figures) {
      const json = JSON.stringify(figure);
      expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(figure)));
      expect(layout(figure).title.text.length).toBeGreaterThan(0);
      expect(layout(figure).font.family).toBe(FONT_FAMILY);
      expect(json).not.toMatch(/https?:\/\//);
      expect(figure.config).toMatchObject({ responsive: true, displaylogo: false });
    }
  });
});
