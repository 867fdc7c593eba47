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

/**
 * What a provider may also offer (optional): its output files on disk and the name of a line
 * parser in THREAD_PARSERS, so collecting can read and parse them on a worker thread while
 * the journal is written on the main thread.
 */
export interface ThreadParsedResults {
  readonly lineParser: string;
  /** Download the batch's output files into `rawDir` (unless already there); their paths, in order. */
  outputFiles(batch: RemoteBatch, rawDir: string): Promise<string[]>;
}

export function hasThreadParsedResults(provider: BatchProvider): provider is BatchProvider & ThreadParsedResults {
  const candidate = provider as Partial<ThreadParsedResults>;
  return typeof candidate.lineParser === "string" && typeof candidate.outputFiles === "function";
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

/**
 * Where a thread parser puts each line's result, with no object or string per line beyond
 * the wire id: `begin`, then the texts as JSON (`JSON.stringify(texts)`) in pieces, then `end`.
 */
export interface ResultSink {
  /** Start a line's row; false: skip the rest of it (no row has that wire id). */
  begin(wireId: string, status: ItemResult["status"], inputTokens: unknown, outputTokens: unknown): boolean;
  /** `begin` with the wire id as its UTF-8 bytes `data[start, end)`, when the sink can look ids up that way (spares a string a line). */
  beginBytes?(data: Uint8Array, start: number, end: number, status: ItemResult["status"], inputTokens: unknown, outputTokens: unknown): boolean;
  appendByte(byte: number): void;
  appendBytes(data: Uint8Array, start: number, end: number): void;
  appendString(value: string): void;
  end(errorCode: string | null, errorMessage: string | null): void;
}

/** Put a result read the general way into a sink (the row `Journal.putResult` writes for it). */
export function sinkResult(sink: ResultSink, result: ItemResult): void {
  if (!sink.begin(result.key, result.status, result.usage?.input_tokens ?? 0, result.usage?.output_tokens ?? 0)) return;
  sink.appendString(JSON.stringify(result.texts));
  sink.end(result.error?.code ?? null, result.error?.message ?? null);
}
