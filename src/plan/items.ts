import { contentKey, keyOf } from "../data/keys.js";
import type { DatasetRow } from "../data/read-dataset.js";
import type { InputProblem } from "../errors.js";
import type { Item } from "../types.js";

/**
 * Give every row its key: the `dataKey` field when set, otherwise a stable content hash.
 * Explicit duplicate keys are problems; identical content rows get `~2`, `~3` suffixes
 * (the same prompt twice is a legitimate sample, and stays stable across reorders).
 */
export async function* keyedItems(
  rows: AsyncIterable<DatasetRow>,
  file: string,
  dataKey: string | undefined,
  report: (problem: InputProblem) => void,
): AsyncGenerator<Item> {
  const seen = new Map<string, number>();
  for await (const { row, fields } of rows) {
    let key: string;
    if (dataKey) {
      const value = keyOf(fields, dataKey);
      if (value === undefined) {
        report({ file, row, field: dataKey, message: "is missing or empty but it is the data_key; give every row a key" });
        continue;
      }
      const first = seen.get(value);
      if (first !== undefined) {
        report({ file, row, field: dataKey, message: `duplicate key "${value}" (first seen at row ${first}); keys must be unique` });
        continue;
      }
      key = value;
    } else {
      const hash = contentKey(fields);
      const count = seen.get(hash) ?? 0;
      key = count === 0 ? hash : `${hash}~${count + 1}`;
      seen.set(hash, count + 1);
      yield { key, row, fields };
      continue;
    }
    seen.set(key, row);
    yield { key, row, fields };
  }
}
