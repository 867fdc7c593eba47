import { readDataset } from "../data/read-dataset.js";
import { keyedItems } from "../plan/items.js";
import { AtomicFileWriter } from "../util/atomic-write.js";
import { csvLine } from "../util/csv-line.js";
import { Utf8Batch } from "../util/utf8-batch.js";
import { readLines } from "../util/jsonl.js";
import type { Item } from "../types.js";
import type { Journal, StoredResult } from "./journal.js";
import type { ResultRow } from "./result-row.js";

const FIXED_COLUMNS = ["key", "row", "status", "text", "input_tokens", "output_tokens", "cost_usd", "error_code", "error_message"];
/** Bytes of JSONL gathered before a write. */
const WRITE_BYTES = 1 << 20;

/**
 * Write `results.jsonl` and `results.csv` in input order, one line per input row, joined to
 * the journal's results by key. Both files are streamed and appear atomically.
 */
export async function writeResultFiles(options: {
  journal: Journal;
  inputFile: string;
  dataKey: string | undefined;
  jsonlPath: string;
  csvPath: string;
  /** Completions per prompt; above 1 the CSV gets a `texts` column. */
  choices: number;
  /** Prices a row's usage (undefined: unpriced). */
  price?: (stored: StoredResult) => number | undefined;
}): Promise<{ rows: number; costUsd: number; unpricedRows: number }> {
  const jsonl = new AtomicFileWriter(options.jsonlPath);
  const csv = new AtomicFileWriter(options.csvPath);
  let fieldColumns: string[] | undefined;
  let rows = 0;
  let costUsd = 0;
  let unpricedRows = 0;
  const jsonlBatch = new Utf8Batch();
  const csvBatch = new Utf8Batch();
  const flush = async () => {
    if (jsonlBatch.bytes > 0) await jsonl.write(jsonlBatch.take());
    if (csvBatch.bytes > 0) await csv.write(csvBatch.take());
  };
  let results: ResultsByRow | undefined;
  try {
    const ignore = () => {};
    results = new ResultsByRow(options.journal);
    for await (const item of keyedItems(readDataset(options.inputFile, ignore), options.inputFile, options.dataKey, ignore)) {
      const stored = results.of(item);
      if (!stored) continue; // not part of this run (a row that failed validation never is)
      const row = toResultRow(item, stored);
      const cost = options.price?.(stored);
      row.cost_usd = cost ?? null;
      if (cost === undefined) unpricedRows++;
      else costUsd += cost;
      if (!fieldColumns) {
        fieldColumns = Object.keys(item.fields).filter((name) => !FIXED_COLUMNS.includes(name));
        csvBatch.append(csvLine([...FIXED_COLUMNS, ...(options.choices > 1 ? ["texts"] : []), ...fieldColumns]));
      }
      jsonlBatch.append(JSON.stringify(row));
      jsonlBatch.append("\n");
      csvBatch.append(csvLine(csvRecord(row, fieldColumns, options.choices > 1)));
      rows++;
      if (jsonlBatch.bytes >= WRITE_BYTES) await flush();
    }
    await flush();
    await jsonl.commit();
    await csv.commit();
    return { rows, costUsd: Math.round(costUsd * 1e6) / 1e6, unpricedRows };
  } catch (error) {
    await jsonl.abort();
    await csv.abort();
    throw error;
  } finally {
    results?.close();
  }
}

/**
 * Each input row's stored result. The results are read in input order alongside the dataset,
 * and one is taken for a row only when both its row number and its key are that row's; any
 * other case (a row with no result, or results not in input order) is looked up by key, as
 * is every row after results are found out of order.
 */
class ResultsByRow {
  private readonly ordered: Generator<{ row: number; stored: StoredResult }>;
  private next: IteratorResult<{ row: number; stored: StoredResult }>;
  private inOrder = true;

  constructor(private readonly journal: Journal) {
    this.ordered = journal.resultsInItemOrder();
    this.next = this.ordered.next();
  }

  of(item: Item): StoredResult | undefined {
    if (this.inOrder && !this.next.done) {
      const { row, stored } = this.next.value;
      if (row === item.row && stored.key === item.key) {
        this.next = this.ordered.next();
        return stored;
      }
      // A result for a row not met yet is fine (this row has none); one for a row already
      // passed, or another key at this row, means the results are not in input order.
      if (row <= item.row) this.stopOrdered();
    }
    return this.journal.getResult(item.key);
  }

  /** Let go of the journal's cursor (also when rows are left: a journal read as it is). */
  close(): void {
    this.ordered.return(undefined);
  }

  private stopOrdered(): void {
    this.inOrder = false;
    this.close();
  }
}

export function toResultRow(item: Item, stored: StoredResult): ResultRow {
  const row: ResultRow = {
    key: item.key,
    row: item.row,
    status: stored.status,
    text: stored.status === "succeeded" ? (stored.texts[0] ?? "") : null,
    input_tokens: stored.usage?.input_tokens ?? 0,
    output_tokens: stored.usage?.output_tokens ?? 0,
    error: stored.error ?? null,
    fields: item.fields,
  };
  if (stored.texts.length > 1) row.texts = stored.texts;
  return row;
}

/** Read `results.jsonl` back (streamed line by line). */
export async function readResultFile(path: string): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  for await (const row of streamResultFile(path)) rows.push(row);
  return rows;
}

/** `results.jsonl` one row at a time, for callers that need not hold it all. */
export async function* streamResultFile(path: string): AsyncGenerator<ResultRow> {
  for await (const { text } of readLines(path)) yield JSON.parse(text) as ResultRow;
}

function csvRecord(row: ResultRow, fieldColumns: string[], withTexts: boolean): unknown[] {
  const record: unknown[] = [
    row.key,
    row.row,
    row.status,
    row.text ?? "",
    row.input_tokens,
    row.output_tokens,
    row.cost_usd ?? "",
    row.error?.code ?? "",
    row.error?.message ?? "",
  ];
  if (withTexts) record.push(JSON.stringify(row.texts ?? (row.text === null ? [] : [row.text])));
  for (const name of fieldColumns) {
    const value = row.fields[name];
    record.push(value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : value);
  }
  return record;
}
