/** Small fixed data shaped like an evaluation of two simulated models, for report tests. */
import {
  accuracyByCategoryChart,
  confusionMatrixChart,
  latencyChart,
  modelComparisonChart,
  pairedDifferenceChart,
  statusChart,
  tokensAndCostChart,
} from "../../src/notebook/charts/index.js";
import type { ReportOptions } from "../../src/report/index.js";

const categories = ["geography", "history", "math", "science", "literature"];

/** Tidy metric rows (label, grouping, group, metric, value, low, high, n) for two models. */
export const metricRows = [
  ...categorised("sim-small", [0.58, 0.5, 0.62, 0.47, 0.55]),
  ...categorised("sim-large", [0.9, 0.82, 0.88, 0.8, 0.85]),
  { label: "sim-small", grouping: "all", group: "all", metric: "accuracy", value: 0.545, low: 0.475, high: 0.615, n: 200 },
  { label: "sim-large", grouping: "all", group: "all", metric: "accuracy", value: 0.85, low: 0.8, high: 0.895, n: 200 },
];

export const runSummaries = [
  { runId: "run-small", model: "sim-small", provider: "openai (emulator)", total: 200, succeeded: 196, failed: 3, expired: 1, cancelled: 0, inputTokens: 24_310, outputTokens: 3_120, wallMs: 83_000, cost: 0.0123 },
  { runId: "run-large", model: "sim-large", provider: "openai (emulator)", total: 200, succeeded: 200, failed: 0, expired: 0, cancelled: 0, inputTokens: 24_310, outputTokens: 2_870, wallMs: 91_500, cost: 0.0411 },
];

export const confusion = {
  expected: ["A", "B", "C", "D"],
  predicted: ["A", "B", "C", "D", "unparseable"],
  counts: [
    [40, 3, 2, 1, 2],
    [2, 44, 3, 2, 1],
    [1, 2, 39, 4, 3],
    [3, 1, 2, 41, 0],
  ],
};

/** A report with every kind of chart, tables and failures (including hostile text). */
export function fixtureReport(output: string): ReportOptions {
  const latencies = (seed: number, base: number) => Array.from({ length: 120 }, (_, index) => base + ((index * 7919 + seed) % 97) * 37);
  return {
    title: "mcq-mini: sim-small vs sim-large",
    subtitle: "Multiple choice, 200 questions, 5 categories · batch mode through the emulator",
    notes: ["Simulated models: sim-small and sim-large are oracle responders with fixed accuracy, not real LLMs."],
    summary: runSummaries[1],
    metricsTables: [
      {
        title: "Accuracy (95% bootstrap interval, seed 42)",
        rows: metricRows.filter((row) => row.grouping === "all").map(({ label, value, low, high, n }) => ({ model: label, accuracy: value, low, high, n })),
        format: { accuracy: "percent", low: "percent", high: "percent" },
        note: "Unparseable answers count as wrong.",
      },
      { title: "By category", rows: metricRows.filter((row) => row.grouping === "category").map(({ label, group, value, n }) => ({ model: label, category: group, accuracy: value, n })) },
    ],
    charts: [
      { figure: accuracyByCategoryChart(metricRows.filter((row) => row.label === "sim-large"), { title: "sim-large: accuracy by category" }), caption: "Bars are 95% bootstrap intervals." },
      modelComparisonChart(metricRows),
      pairedDifferenceChart({ a: "sim-large", b: "sim-small", difference: 0.305, low: 0.235, high: 0.375, n: 196, mcnemarP: 0.0000012 }),
      tokensAndCostChart(runSummaries),
      statusChart(runSummaries),
      latencyChart([
        { label: "sim-small", latenciesMs: latencies(3, 400) },
        { label: "sim-large", latenciesMs: latencies(11, 900) },
      ]),
      confusionMatrixChart(confusion, { title: "sim-large: confusion matrix" }),
    ],
    failures: {
      rows: [
        { row: 7, key: "q7", status: "succeeded", outcome: "wrong", input: "Which planet is largest?\nA) Mars B) Jupiter C) Venus D) Earth", expected: "B", answer: "A", output: "The answer is A) Mars." },
        { row: 12, key: "q12", status: "succeeded", outcome: "unparseable", input: "Who wrote <Hamlet> & 'Macbeth'?", expected: "C", output: `<script>alert("x")</script> I think it is ${"very ".repeat(200)}hard to say.`, reason: "no option letter or option text found" },
        { row: 31, key: "q31", status: "failed", outcome: "failed", input: "What is 7 × 8?", expected: "D", error: { code: "server_error", message: "500 from provider" } },
      ],
    },
    output,
    generatedAt: new Date("2025-01-02T03:04:05Z"),
  };
}

function categorised(label: string, values: number[]) {
  return values.map((value, index) => ({
    label,
    grouping: "category",
    group: categories[index],
    metric: "accuracy",
    value,
    low: Math.max(0, value - 0.14),
    high: Math.min(1, value + 0.12),
    n: 40,
  }));
}
