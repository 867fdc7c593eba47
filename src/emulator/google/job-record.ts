/**
 * A Google batch job as the emulator keeps it (Gemini batches and Vertex batch prediction
 * jobs share it), and the progress arithmetic on it. States follow the emulator clock:
 * pending for the first 10% of batchMs, running until batchMs, then succeeded.
 */
import type { FileHandle } from "node:fs/promises";
import { open } from "node:fs/promises";
import type { BatchFaultKind } from "../faults.js";
import { readLineAt } from "../jsonl-lines.js";
import { createRandom, deriveSeed, permutation } from "../random.js";
import type { RpcStatus } from "./errors.js";

export type JobPhase = "pending" | "running" | "succeeded" | "failed" | "cancelling" | "cancelled" | "expired";
/** The phases that end with output written. */
export type FinishPhase = "succeeded" | "cancelled" | "expired";

export const TERMINAL_PHASES: ReadonlySet<JobPhase> = new Set(["succeeded", "failed", "cancelled", "expired"]);

/** What a fault does to one row when it is processed. */
export const Fate = { ok: 0, failed: 1, malformed: 2 } as const;

/** Where each request row sits in the job's input file, in input order. */
export interface RowIndex {
  offsets: number[];
  lengths: number[];
}

/** Fixed when the job starts. */
export interface JobPlan {
  total: number;
  offsets: Float64Array;
  lengths: Uint32Array;
  /** Processing order (row indexes); also the order of lines in shuffled output files. */
  order: Uint32Array;
  /** Fate per input row (see `Fate`). */
  fates: Uint8Array;
  /** When the job is doomed to expire: the share of rows done by then. */
  expireFraction: number | null;
}

export interface JobResult {
  succeeded: number;
  failed: number;
  inputTokens: number;
  outputTokens: number;
}

export interface JobRecord {
  id: string;
  ordinal: number;
  createdMs: number;
  /** When the job starts running and when it is done, in emulator-clock ms. */
  schedule: { startMs: number; finishMs: number; cancelDelayMs: number };
  /** Batch-level fault rates in force when the job was created. */
  rates: Record<BatchFaultKind, number>;
  phase: JobPhase;
  /** When each phase was entered (ms). */
  times: Partial<Record<JobPhase, number>>;
  /** The job's private copy of its requests, one JSON line each. */
  inputPath: string;
  plan: JobPlan | null;
  /** Rows done when the job was cancelled or expired. */
  doneAtStop: number | null;
  error: RpcStatus | null;
  result: JobResult | null;
}

/** The fields every new job starts with. */
export function newJob(id: string, ordinal: number, createdMs: number, batchMs: number, rates: Record<BatchFaultKind, number>, inputPath: string): JobRecord {
  return {
    id,
    ordinal,
    createdMs,
    schedule: { startMs: createdMs + 0.1 * batchMs, finishMs: createdMs + batchMs, cancelDelayMs: 0.1 * batchMs },
    rates,
    phase: "pending",
    times: { pending: createdMs },
    inputPath,
    plan: null,
    doneAtStop: null,
    error: null,
    result: null,
  };
}

/** Rolls the fault dice for every row and shuffles the processing order (seeded). */
export function makePlan(record: JobRecord, rows: RowIndex, seed: number, surface: string): JobPlan {
  const random = createRandom(deriveSeed(seed, surface, record.ordinal));
  const total = rows.offsets.length;
  const fates = new Uint8Array(total);
  for (let row = 0; row < total; row++) {
    if (random() < record.rates.partial) fates[row] = Fate.failed;
    else if (random() < record.rates.malformed) fates[row] = Fate.malformed;
  }
  const expireFraction = random() < record.rates.expire ? 0.3 + 0.6 * random() : null;
  return { total, offsets: Float64Array.from(rows.offsets), lengths: Uint32Array.from(rows.lengths), order: permutation(total, random), fates, expireFraction };
}

/** Rows processed by time `at`: progress through the running phase, scaled down for doomed jobs. */
export function rowsDone(record: JobRecord, at: number): number {
  const { plan, schedule } = record;
  if (!plan) return 0;
  const span = schedule.finishMs - schedule.startMs;
  const progress = span <= 0 ? 1 : Math.min(1, Math.max(0, (at - schedule.startMs) / span));
  return Math.floor(plan.total * progress * (plan.expireFraction ?? 1));
}

/** Rows done now (or at the stop), split by fate; the final result once there is one. */
export function progress(record: JobRecord, nowMs: number): { total: number; succeeded: number; failed: number; pending: number } {
  const { plan, result } = record;
  if (!plan) return { total: 0, succeeded: 0, failed: 0, pending: 0 };
  if (result) return { total: plan.total, succeeded: result.succeeded, failed: result.failed, pending: plan.total - result.succeeded - result.failed };
  const done = record.doneAtStop ?? rowsDone(record, nowMs);
  let failed = 0;
  for (let position = 0; position < done; position++) if (plan.fates[plan.order[position]] === Fate.failed) failed++;
  return { total: plan.total, succeeded: done - failed, failed, pending: plan.total - done };
}

/** Visits the first `done` rows in processing order, reading each line back from the input. */
export async function forEachDoneRow(record: JobRecord, done: number, visit: (row: number, text: string, fate: number) => Promise<void>): Promise<void> {
  const plan = record.plan;
  if (!plan || done === 0) return;
  let input: FileHandle | undefined;
  try {
    input = await open(record.inputPath, "r");
    for (let position = 0; position < done; position++) {
      const row = plan.order[position];
      await visit(row, await readLineAt(input, plan.offsets[row], plan.lengths[row]), plan.fates[row]);
    }
  } finally {
    await input?.close();
  }
}
