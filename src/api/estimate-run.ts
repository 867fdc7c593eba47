import { estimateCost, type CostEstimate } from "../cost/estimate.js";
import { loadPriceTable } from "../cost/price-table.js";
import type { RunOptions } from "../run/create-run.js";
import { previewRun } from "./preview-run.js";

/**
 * Rows, tokens and cost of a dataset as a batch and in realtime, before anything is sent.
 * Input tokens are counted with a real tokenizer; output is bounded by max_tokens.
 */
export async function estimateRun(options: RunOptions & { prices?: string }): Promise<CostEstimate> {
  const preview = await previewRun(options);
  return estimateCost(loadPriceTable(options.prices), preview.provider, preview.model, {
    rows: preview.rows,
    inputTokens: preview.estimatedInputTokens,
    maxOutputTokens: preview.maxOutputTokens,
  });
}
