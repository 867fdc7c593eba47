import { costOf, type Cost } from "./cost.js";
import type { PriceTable } from "./price-table.js";

/** What a run will cost, before anything is sent. */
export interface CostEstimate {
  provider: string;
  model: string;
  rows: number;
  inputTokens: number;
  /** The most output the run can produce: max_tokens × n × rows (undefined without max_tokens). */
  maxOutputTokens?: number;
  batch: EstimatedCost;
  realtime: EstimatedCost;
  pricesAsOf: string;
}

export interface EstimatedCost {
  input: Cost;
  /** Input plus the most output (undefined when the output is unbounded or unpriced). */
  atMost?: number;
}

export function estimateCost(
  table: PriceTable,
  provider: string,
  model: string,
  counts: { rows: number; inputTokens: number; maxOutputTokens?: number },
): CostEstimate {
  const estimateFor = (mode: "batch" | "realtime"): EstimatedCost => {
    const input = costOf(table, provider, model, { input: counts.inputTokens, output: 0 }, mode);
    if (counts.maxOutputTokens === undefined) return { input };
    const whole = costOf(table, provider, model, { input: counts.inputTokens, output: counts.maxOutputTokens }, mode);
    return { input, atMost: whole.usd };
  };
  return { provider, model, ...counts, batch: estimateFor("batch"), realtime: estimateFor("realtime"), pricesAsOf: table.as_of };
}

/** The figure a budget is checked against: the worst case when output is bounded, else input. */
export function budgetFigure(estimate: EstimatedCost): number | undefined {
  return estimate.atMost ?? estimate.input.usd;
}
