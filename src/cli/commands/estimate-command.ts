import { estimateRun } from "../../api/estimate-run.js";
import { formatUsd } from "../../cost/cost.js";
import type { EstimatedCost } from "../../cost/estimate.js";
import { parseCommand, text } from "../args.js";

export const ESTIMATE_USAGE = "batchlab estimate <dataset> [--config F] [--step S] [--provider P] [--model M] [--prices FILE] [--json]";

/** Rows, tokens and cost for batch vs realtime; nothing is sent. */
export async function estimateCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    { config: { type: "string" }, step: { type: "string" }, provider: { type: "string" }, model: { type: "string" }, prices: { type: "string" }, json: { type: "boolean" } },
    ["dataset"],
  );
  const estimate = await estimateRun({
    dataset: positionals[0],
    config: text(values.config),
    step: text(values.step),
    provider: text(values.provider),
    model: text(values.model),
    prices: text(values.prices),
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(estimate, null, 2)}\n`);
    return 0;
  }
  const output = estimate.maxOutputTokens === undefined ? "unbounded (set max_tokens to bound it)" : `at most ${estimate.maxOutputTokens}`;
  process.stdout.write(
    [
      `${estimate.provider}/${estimate.model}: ${estimate.rows} rows`,
      `input tokens:  ${estimate.inputTokens} (counted with a tokenizer)`,
      `output tokens: ${output}`,
      `batch:    ${line(estimate.batch)}`,
      `realtime: ${line(estimate.realtime)}`,
      `prices as of ${estimate.pricesAsOf}; check them and override with --prices FILE`,
    ].join("\n") + "\n",
  );
  return 0;
}

function line(cost: EstimatedCost): string {
  if (!cost.input.priced) return "unpriced (the model is not in the price table; add it with --prices FILE)";
  if (cost.input.simulated) return "$0 (simulated model)";
  const most = cost.atMost === undefined ? "" : `, at most ${formatUsd(cost.atMost)} with all output`;
  return `${formatUsd(cost.input.usd)} input${most}`;
}
