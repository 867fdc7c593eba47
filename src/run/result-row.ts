import type { ItemStatus } from "../types.js";

/**
 * One line of `results.jsonl`: exactly one per input row, in input order.
 * `text` is the first choice; `texts` holds all choices when n > 1.
 */
export interface ResultRow {
  key: string;
  /** 1-based row in the input file. */
  row: number;
  status: ItemStatus;
  text: string | null;
  texts?: string[];
  input_tokens: number;
  output_tokens: number;
  /** What this row cost (USD, from its usage and the dated price table); null if unpriced. */
  cost_usd?: number | null;
  error: { code: string; message: string } | null;
  /** The input row's fields, as loaded. */
  fields: Record<string, unknown>;
}
