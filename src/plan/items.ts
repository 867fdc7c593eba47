import { contentKey, keyOf } from "../data/keys.js";
import type { DatasetRow } from "../data/read-dataset.js";
import type { InputProblem } from "../errors.js";
import type { Item } from "../types.js";
import { ContentKeyCounts } from "./content-key-counts.js";

/**
 * The key a row asks for, before duplicates are seen: its `dataKey` value (undefined when
 * missing or empty) or, without a dataKey, its content hash. Pure, so worker threads can
 * compute it; {@link ItemKeys} then settles duplicates in input order.
 */
export function keyCandidate(fields: Record<string, unknown>, dataKey: string | undefined): string | undefined {
  return dataKey ? keyOf(fields, dataKey) : contentKey(fields);
}

/**
 * Gives rows their final keys, in input order. Explicit duplicate keys are problems;
 * identical content rows get `~2`, `~3` suffixes (the same prompt twice is a legitimate
 * sample, and stays stable across reorders).
 */
export class ItemKeys {
  /** dataKey: key → first row; content keys: hash → times seen (`counts` for 16-hex-digit hashes). */
  private readonly seen = new Map<string, number>();
  private readonly counts = new ContentKeyCounts();

  constructor(
    private readonly file: string,
    private readonly dataKey: string | undefined,
    private readonly report: (problem: InputProblem) => void,
  ) {}

  /** The row's key from its {@link keyCandidate}, or undefined (after reporting why) when the row cannot be used. */
  assign(row: number, candidate: string | undefined): string | undefined {
    const { dataKey, seen } = this;
    if (!dataKey) {
      const hash = candidate!;
      let count: number;
      if (ContentKeyCounts.fits(hash)) count = this.counts.increment(hash);
      else {
        count = seen.get(hash) ?? 0;
        seen.set(hash, count + 1);
      }
      return count === 0 ? hash : `${hash}~${count + 1}`;
    }
    if (candidate === undefined) {
      this.report({ file: this.file, row, field: dataKey, message: "is missing or empty but it is the data_key; give every row a key" });
      return undefined;
    }
    const first = seen.get(candidate);
    if (first !== undefined) {
      this.report({ file: this.file, row, field: dataKey, message: `duplicate key "${candidate}" (first seen at row ${first}); keys must be unique` });
      return undefined;
    }
    seen.set(candidate, row);
    return candidate;
  }
}

/** Give every row its key (see {@link ItemKeys}); rows that cannot be keyed are reported and skipped. */
export async function* keyedItems(
  rows: AsyncIterable<DatasetRow>,
  file: string,
  dataKey: string | undefined,
  report: (problem: InputProblem) => void,
): AsyncGenerator<Item> {
  const keys = new ItemKeys(file, dataKey, report);
  for await (const { row, fields } of rows) {
    const key = keys.assign(row, keyCandidate(fields, dataKey));
    if (key !== undefined) yield { key, row, fields };
  }
}
