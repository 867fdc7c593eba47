/** Read a dataset file into keyed items, as a task's `load` does. */
import { ValidationError, type InputProblem } from "../errors.js";
import { contentKey, keyOf } from "../data/keys.js";
import { readDataset } from "../data/read-dataset.js";
import type { Item } from "../types.js";

/** A dataset file and the field that keys its rows. */
export interface DatasetSource {
  /** A JSON, JSONL or CSV file. */
  file: string;
  /** The field holding each row's key (as a config step's `data_key`). Default: a content hash. */
  key?: string;
  /** A short name for reports and `metrics.json` (e.g. `mcq-mini`). Default: the file path. */
  name?: string;
}

/**
 * Every row of the file with its key. Bad rows, rows without a key and duplicate keys are
 * all collected and thrown together as one ValidationError naming file, row and field.
 */
export async function loadDatasetItems(source: DatasetSource): Promise<Item[]> {
  const { file, key } = source;
  const problems: InputProblem[] = [];
  const items: Item[] = [];
  const firstRow = new Map<string, number>();
  for await (const { row, fields } of readDataset(file, (problem) => problems.push(problem))) {
    const itemKey = key === undefined ? contentKey(fields) : keyOf(fields, key);
    if (itemKey === undefined) {
      problems.push({ file, row, field: key, message: `has no usable key — give every row a non-empty "${key}"` });
      continue;
    }
    const earlier = firstRow.get(itemKey);
    if (earlier !== undefined) {
      problems.push({ file, row, field: key, message: `key "${itemKey}" is already used by row ${earlier} — keys must be unique` });
      continue;
    }
    firstRow.set(itemKey, row);
    items.push({ key: itemKey, row, fields });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return items;
}
