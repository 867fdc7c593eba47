/** The emulator's own record of one Message Batch, and the progress arithmetic on it. */
import type { BatchFaultKind } from "../faults.js";

/** The 3 values of `processing_status` (spec §5.2). */
export type ProcessingStatus = "in_progress" | "canceling" | "ended";

/** What happened to the rows not processed when a batch stopped early. */
export type StopType = "canceled" | "expired";

export interface ResultCounts {
  succeeded: number;
  errored: number;
  canceled: number;
  expired: number;
}

/** Where each request sits in the batch's private requests file (one `{custom_id, params}` per line). */
export interface RequestIndex {
  total: number;
  offsets: Float64Array;
  lengths: Uint32Array;
}

export interface MessageBatchRecord {
  id: string;
  ordinal: number;
  createdMs: number;
  /** When processing ends unless cancelled or expired first (created + batchMs). */
  endMs: number;
  /** Time from cancel to `ended`. */
  cancelDelayMs: number;
  /** `http://host:port` the batch was created through, for `results_url` without a request. */
  origin: string;
  requestsPath: string;
  requests: RequestIndex;
  /** Batch-level fault rates in force when the batch was created. */
  rates: Record<BatchFaultKind, number>;
  /** When the `expire` fault dooms the batch: the share of rows done by `endMs`. */
  expireFraction: number | null;
  status: ProcessingStatus;
  cancelInitiatedMs: number | null;
  endedMs: number | null;
  /** Rows processed when the batch was cancelled or expired, and what the rest become. */
  doneAtStop: number | null;
  stopType: StopType | null;
  counts: ResultCounts | null;
  resultsPath: string | null;
}

/** Rows processed by time `at`: linear from creation to `endMs`, scaled down for doomed batches. */
export function rowsDone(record: MessageBatchRecord, at: number): number {
  const span = record.endMs - record.createdMs;
  const progress = span <= 0 ? 1 : Math.min(1, Math.max(0, (at - record.createdMs) / span));
  return Math.floor(record.requests.total * progress * (record.expireFraction ?? 1));
}
