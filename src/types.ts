/**
 * Shared contracts. Every module speaks in these types; providers translate them to
 * and from their wire formats at the edge.
 */

/** One row of the dataset, after loading. */
export interface Item {
  /** The row's primary key: from `data_key`, or a stable content hash. Unique in a dataset. */
  key: string;
  /** 1-based row (or line) number in the source file, for error messages. */
  row: number;
  /** The row's fields as loaded (prompt text, ids, labels, image paths...). */
  fields: Record<string, unknown>;
}

/** A piece of the user message. Images are URLs: `data:`, `http(s):` or `gs://`. */
export type Part =
  | { type: "text"; text: string }
  | { type: "image"; url: string; mimeType?: string };

/** Sampling parameters a step may set. Unset means the provider's default. */
export interface ModelParams {
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  /** Completions per prompt (default 1). */
  n?: number;
}

/** A provider-neutral request, one per item. */
export interface Request {
  key: string;
  model: string;
  system?: string;
  parts: Part[];
  params: ModelParams;
}

/** Token usage of one item (summed over its `n` choices). */
export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens?: number;
}

/** What happened to one row. A failed row is data, not an exception. */
export type ItemStatus = "succeeded" | "failed" | "expired" | "cancelled";

export interface ItemError {
  code: string;
  message: string;
}

/** The outcome of one item, keyed. Providers yield these from `results()`. */
export interface ItemResult {
  key: string;
  status: ItemStatus;
  /** One text per choice (length `n` when n > 1). Empty unless succeeded. */
  texts: string[];
  usage?: Usage;
  error?: ItemError;
}

/** The small status union every provider maps its raw states onto. */
export type BatchState =
  | "pending"
  | "running"
  | "succeeded"
  | "partial"
  | "failed"
  | "expired"
  | "cancelled";

export const TERMINAL_STATES: ReadonlySet<BatchState> = new Set([
  "succeeded",
  "partial",
  "failed",
  "expired",
  "cancelled",
]);

export interface BatchStatus {
  state: BatchState;
  /** The provider's own state string, kept for display and debugging. */
  raw: string;
  counts?: { total: number; completed: number; failed: number };
  /** Batch-level error (e.g. the input file failed validation). */
  error?: ItemError;
}

/** A batch as the provider knows it. `id` is the provider's id. */
export interface RemoteBatch {
  id: string;
  provider: string;
  /** Provider-specific handles (input file id, output file id, ...). JSON-serialisable. */
  handles?: Record<string, string | undefined>;
  createdAt?: number;
}

/** Written into the remote batch's metadata so a crashed run can find its batches again. */
export interface RunTag {
  runId: string;
  chunkId: string;
  /**
   * The chunk file's sha256. `find` only adopts a batch whose recorded hash matches, so a
   * batch left by another run that reused this run id is never taken for this chunk's.
   */
  sha256?: string;
  /**
   * For providers whose batches carry no metadata (Anthropic): the chunk's row count and when
   * it entered `submitting` (epoch ms), so `find` can recognise the batch it made.
   */
  rows?: number;
  since?: number;
}

/** A chunk file on disk: one JSONL line per request, already encoded for the provider. */
export interface ChunkFile {
  id: string;
  path: string;
  rows: number;
  bytes: number;
  sha256: string;
  /** The model every request in the chunk uses (a batch holds one model). Set at submit. */
  model?: string;
}

/** A batch provider: a small contract, one implementation per provider. */
export interface BatchProvider {
  readonly name: string;
  readonly limits: { maxRequests: number; maxBytes: number };
  /** The id the provider will carry for this key (Anthropic: 1-64 of [a-zA-Z0-9_-]). */
  wireId(key: string): string;
  /** One JSONL line (no newline) for this request, using `wireId` as the request's id. */
  encode(request: Request, wireId: string): string;
  /**
   * How a prepare worker thread makes this same encoder, when `encode` is not one of the
   * plain encoders it knows (see plan/thread-encoders.ts); absent: the main thread encodes.
   */
  readonly threadEncoder?: { name: string; options?: Record<string, string> };
  /** Stage (upload) and create the batch. `tag` goes into the remote metadata. */
  submit(chunk: ChunkFile, tag: RunTag): Promise<RemoteBatch>;
  /** Find the batch created for `tag`, if any (reconciles a crash between create and record). */
  find(tag: RunTag): Promise<RemoteBatch | undefined>;
  status(batch: RemoteBatch): Promise<BatchStatus>;
  /**
   * Stream the batch's results. `rawDir` is where downloaded output files are kept.
   * Yields results keyed by wire id; the runner maps them back to item keys.
   */
  results(batch: RemoteBatch, rawDir: string): AsyncIterable<ItemResult>;
  cancel(batch: RemoteBatch): Promise<void>;
  /** The newest batches on the account, for `batchlab list --remote`. */
  list(limit: number): Promise<RemoteBatchSummary[]>;
  /** Checks that must pass before anything is sent (a bucket exists and is writable...). */
  preflight?(): Promise<void>;
  /**
   * Put the run's local images (`file://` URLs) where the batch can read them, before any
   * batch is created. Idempotent: images already there are skipped.
   */
  stageImages?(urls: string[]): Promise<{ uploaded: number; skipped: number }>;
}

export interface RemoteBatchSummary {
  id: string;
  state: BatchState;
  raw: string;
  createdAt: number;
  counts?: { total: number; completed: number; failed: number };
  tag?: RunTag;
}

/** Progress of a run, sent to CLI bars and notebook displays. */
export interface RunProgress {
  runId: string;
  phase: "preparing" | "submitting" | "waiting" | "collecting" | "done";
  chunks: ChunkProgress[];
  total: number;
  done: number;
  failed: number;
  elapsedMs: number;
}

export interface ChunkProgress {
  id: string;
  state: string;
  remoteId?: string;
  rows: number;
  done: number;
  failed: number;
}
