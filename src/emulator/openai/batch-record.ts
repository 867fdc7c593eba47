/** The emulator's own record of one OpenAI batch, and the progress arithmetic on it. */
import type { BatchFaultKind } from "../faults.js";
import type { BatchValidationError } from "./batch-validation.js";

/** The 8 statuses of spec §1.3. */
export type BatchStatus = "validating" | "failed" | "in_progress" | "finalizing" | "completed" | "expired" | "cancelling" | "cancelled";

export const TERMINAL_STATUSES: ReadonlySet<BatchStatus> = new Set(["failed", "completed", "expired", "cancelled"]);

/** What happens to one row when it is processed. */
export const Fate = { ok: 0, failed: 1, malformed: 2, rejected: 3 } as const;

/** Decided when validation passes; fixed for the life of the batch. */
export interface BatchPlan {
  total: number;
  /** Byte offset and length of each row in the input file, in input order. */
  offsets: Float64Array;
  lengths: Uint32Array;
  /** Processing order (row indexes); also the order of lines in the output files. */
  order: Uint32Array;
  /** Fate per input row (see `Fate`). */
  fates: Uint8Array;
  /** When the batch is doomed to expire: the share of rows done by then. */
  expireFraction: number | null;
}

/** When each phase starts, in emulator-clock ms. */
export interface BatchSchedule {
  validateMs: number;
  finalizeMs: number;
  finishMs: number;
  cancelDelayMs: number;
}

export interface BatchResult {
  completed: number;
  failed: number;
  inputTokens: number;
  outputTokens: number;
}

export interface BatchRecord {
  id: string;
  ordinal: number;
  endpoint: string;
  inputFileId: string;
  /** A private hard link to the input, so deleting the file does not break a running batch. */
  inputPath: string;
  metadata: Record<string, string> | null;
  createdMs: number;
  schedule: BatchSchedule;
  /** Batch-level fault rates in force when the batch was created. */
  rates: Record<BatchFaultKind, number>;
  status: BatchStatus;
  model: string | null;
  errors: BatchValidationError[] | null;
  plan: BatchPlan | null;
  /** When each status was entered (ms). */
  times: Partial<Record<Exclude<BatchStatus, "validating">, number>>;
  /** Rows done when the batch was cancelled or expired. */
  doneAtStop: number | null;
  result: BatchResult | null;
  outputFileId: string | null;
  errorFileId: string | null;
  /** From `output_expires_after.seconds`. */
  outputExpiresAfterSeconds?: number;
}

/** Rows processed by time `at`: progress through in_progress, scaled down for doomed batches. */
export function rowsDone(record: BatchRecord, at: number): number {
  const { plan, schedule } = record;
  if (!plan || at < schedule.validateMs) return 0;
  const span = schedule.finalizeMs - schedule.validateMs;
  const progress = span <= 0 ? 1 : Math.min(1, Math.max(0, (at - schedule.validateMs) / span));
  return Math.floor(plan.total * progress * (plan.expireFraction ?? 1));
}

/** Completed and failed counts among the first `done` rows in processing order. */
export function countDone(plan: BatchPlan, done: number): { completed: number; failed: number } {
  let failed = 0;
  for (let position = 0; position < done; position++) {
    const fate = plan.fates[plan.order[position]];
    if (fate === Fate.failed || fate === Fate.rejected) failed++;
  }
  return { completed: done - failed, failed };
}
