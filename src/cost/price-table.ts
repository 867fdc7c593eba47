import { readFileSync } from "node:fs";
import { ConfigError } from "../errors.js";

/** Price of one model, USD per million tokens. */
export interface ModelPrice {
  input: number;
  cached_input?: number;
  output: number;
  /** A simulated emulator model: costs nothing, and says so. */
  simulated?: boolean;
}

export interface PriceTable {
  as_of: string;
  source?: string;
  batch_discount: Record<string, number>;
  models: Record<string, ModelPrice>;
}

let bundled: PriceTable | undefined;

/**
 * The price table: the dated one shipped with batchlab, with a user's file (`--prices`, or
 * BATCHLAB_PRICES) laid over it, model by model.
 */
export function loadPriceTable(overrideFile = process.env.BATCHLAB_PRICES): PriceTable {
  bundled ??= JSON.parse(readFileSync(new URL("./prices.json", import.meta.url), "utf8")) as PriceTable;
  if (!overrideFile) return bundled;
  let override: Partial<PriceTable>;
  try {
    override = JSON.parse(readFileSync(overrideFile, "utf8")) as Partial<PriceTable>;
  } catch (error) {
    throw new ConfigError(`the price file ${overrideFile} cannot be read as JSON (${(error as Error).message}); see src/cost/prices.json for the format`);
  }
  return {
    as_of: override.as_of ?? bundled.as_of,
    source: override.source ?? bundled.source,
    batch_discount: { ...bundled.batch_discount, ...override.batch_discount },
    models: { ...bundled.models, ...override.models },
  };
}

/** A model's price: `provider/model`, then a dated variant's base name, then `*\/model`. */
export function priceOf(table: PriceTable, provider: string, model: string): ModelPrice | undefined {
  const bare = model.replace(/^models\//, "").replace(/^publishers\/google\/models\//, "");
  return (
    table.models[`${provider}/${bare}`] ??
    table.models[`${provider}/${bare.replace(/-\d{4}-\d{2}-\d{2}$|-\d{8}$|@.*$/, "")}`] ??
    table.models[`*/${bare}`]
  );
}
