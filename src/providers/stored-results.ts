import type { BatchProvider, ItemResult, RemoteBatch } from "../types.js";

/**
 * Results already in the form the journal stores them, a batch at a time, in output order.
 * Row `i` is what `results()` would give for that line: `texts` is `JSON.stringify(texts)`,
 * tokens are the usage's (0 without usage), error fields null without an error.
 */
export interface StoredResultBatch {
  /** The wire id each line carries (the item's key after the journal maps it back). */
  wireIds: string[];
  statuses: ItemResult["status"][];
  texts: string[];
  inputTokens: number[];
  outputTokens: number[];
  errorCodes: (string | null)[];
  errorMessages: (string | null)[];
}

/**
 * What a provider may offer besides `results()` (optional): the same results as stored rows,
 * which spares building an object per line and encoding its texts again; collecting a
 * million lines leans on it.
 */
export interface StoredResultSource {
  storedResults(batch: RemoteBatch, rawDir: string): AsyncIterable<StoredResultBatch>;
}

export function hasStoredResults(provider: BatchProvider): provider is BatchProvider & StoredResultSource {
  return typeof (provider as Partial<StoredResultSource>).storedResults === "function";
}

export function emptyStoredBatch(): StoredResultBatch {
  return { wireIds: [], statuses: [], texts: [], inputTokens: [], outputTokens: [], errorCodes: [], errorMessages: [] };
}

/** Add a result in stored form (what `Journal.putResult` writes for it). */
export function addStoredResult(batch: StoredResultBatch, result: ItemResult): void {
  batch.wireIds.push(result.key);
  batch.statuses.push(result.status);
  batch.texts.push(JSON.stringify(result.texts));
  batch.inputTokens.push(result.usage?.input_tokens ?? 0);
  batch.outputTokens.push(result.usage?.output_tokens ?? 0);
  batch.errorCodes.push(result.error?.code ?? null);
  batch.errorMessages.push(result.error?.message ?? null);
}
