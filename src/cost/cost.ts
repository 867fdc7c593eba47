import { priceOf, type PriceTable } from "./price-table.js";

/** Tokens to price. */
export interface TokenCounts {
  input: number;
  cachedInput?: number;
  output: number;
}

/** A cost, with what it rests on. `usd` is undefined when the model has no price. */
export interface Cost {
  usd?: number;
  mode: "batch" | "realtime";
  priced: boolean;
  simulated?: boolean;
  pricesAsOf: string;
}

/**
 * What tokens cost on a provider's model: cached input at its own price, and the batch
 * discount when sent as a batch. A model missing from the table has no cost, never a guess.
 */
export function costOf(table: PriceTable, provider: string, model: string, tokens: TokenCounts, mode: "batch" | "realtime"): Cost {
  const price = priceOf(table, provider, model);
  if (!price) return { usd: undefined, mode, priced: false, pricesAsOf: table.as_of };
  const cached = Math.min(tokens.cachedInput ?? 0, tokens.input);
  const usd =
    ((tokens.input - cached) * price.input + cached * (price.cached_input ?? price.input) + tokens.output * price.output) / 1_000_000;
  const discount = mode === "batch" ? (table.batch_discount[provider] ?? 1) : 1;
  return { usd: round(usd * discount), mode, priced: true, simulated: price.simulated, pricesAsOf: table.as_of };
}

/** Dollars to 6 decimals: enough for one row of a cheap model, free of float noise. */
function round(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}

/** "$0.0123" (or "unpriced") for people. */
export function formatUsd(usd: number | undefined): string {
  if (usd === undefined) return "unpriced";
  return usd >= 1 ? `$${usd.toFixed(2)}` : `$${Number(usd.toPrecision(3))}`;
}
