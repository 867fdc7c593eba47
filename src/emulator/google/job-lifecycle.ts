/**
 * Moves a Google batch job through its phases, lazily on each read: pending → running
 * (input read and checked) → succeeded, or failed when the input is unusable, cancelled
 * (at once, or after a cancelling phase), or expired (fault or control API) with the rows
 * done so far in the output.
 */
import { RequestError } from "../http.js";
import type { SurfaceStats } from "../surface.js";
import { failedPrecondition, type RpcStatus } from "./errors.js";
import { makePlan, rowsDone, TERMINAL_PHASES, type FinishPhase, type JobRecord, type JobResult, type RowIndex } from "./job-record.js";

/** The surface-specific parts of a job. */
export interface JobHooks<Record extends JobRecord> {
  /** Reads and checks the input when the job starts; an `RpcStatus` fails the job with it. */
  prepare(record: Record, atMs: number): Promise<RowIndex | RpcStatus>;
  /** Writes the output of the first `done` rows in processing order. */
  finish(record: Record, phase: FinishPhase, atMs: number, done: number): Promise<JobResult & { faults: number }>;
}

export interface LifecycleDependencies<Record extends JobRecord> {
  hooks: JobHooks<Record>;
  seed: number;
  stats: SurfaceStats;
  /** Surface name, mixed into the seed so Gemini and Vertex jobs shuffle differently. */
  surface: string;
  /** True for Vertex (JOB_STATE_CANCELLING first); false cancels at once (Gemini). */
  cancelDelayed: boolean;
}

/** Brings the record up to time `now`. */
export async function advanceJob<Record extends JobRecord>(record: Record, now: number, deps: LifecycleDependencies<Record>): Promise<void> {
  if (TERMINAL_PHASES.has(record.phase)) return;
  const { schedule } = record;
  if (record.phase === "cancelling") {
    const cancelledAt = (record.times.cancelling ?? now) + schedule.cancelDelayMs;
    if (now >= cancelledAt) await finish(record, "cancelled", cancelledAt, deps);
    return;
  }
  if (now < schedule.startMs) return;
  if (!record.plan && !(await start(record, schedule.startMs, deps))) return;
  if (now < schedule.finishMs) return;
  if (record.plan?.expireFraction != null) {
    // Doomed jobs run out of time with part of the work done.
    record.doneAtStop = rowsDone(record, schedule.finishMs);
    deps.stats.faults_injected++;
    return finish(record, "expired", schedule.finishMs, deps);
  }
  return finish(record, "succeeded", schedule.finishMs, deps);
}

/** Cancels the job; rows done so far stay in the output. Finished jobs cannot be cancelled. */
export async function cancelJob<Record extends JobRecord>(record: Record, now: number, deps: LifecycleDependencies<Record>, name: string): Promise<void> {
  await advanceJob(record, now, deps);
  if (record.phase === "cancelling") return;
  if (TERMINAL_PHASES.has(record.phase)) {
    throw failedPrecondition(`Cannot cancel ${name}: it has already finished in state ${record.phase.toUpperCase()}.`);
  }
  record.doneAtStop = rowsDone(record, now);
  if (!deps.cancelDelayed) return finish(record, "cancelled", now, deps);
  record.phase = "cancelling";
  record.times.cancelling = now;
}

/** Expires the job now (control API), with the rows done so far in the output. */
export async function expireJob<Record extends JobRecord>(record: Record, now: number, deps: LifecycleDependencies<Record>, name: string): Promise<void> {
  await advanceJob(record, now, deps);
  if (TERMINAL_PHASES.has(record.phase) || record.phase === "cancelling") {
    throw new RequestError(409, `${name} is ${record.phase}; only pending or running jobs can be expired.`);
  }
  if (!record.plan && !(await start(record, now, deps))) return;
  record.doneAtStop = rowsDone(record, now);
  await finish(record, "expired", now, deps);
}

/** Reads the input and fixes the plan; false when the job failed instead. */
async function start<Record extends JobRecord>(record: Record, atMs: number, deps: LifecycleDependencies<Record>): Promise<boolean> {
  const outcome = await deps.hooks.prepare(record, atMs);
  if ("code" in outcome) {
    record.error = outcome;
    record.phase = "failed";
    record.times.failed = atMs;
    return false;
  }
  record.plan = makePlan(record, outcome, deps.seed, deps.surface);
  record.phase = "running";
  record.times.running = atMs;
  return true;
}

async function finish<Record extends JobRecord>(record: Record, phase: FinishPhase, atMs: number, deps: LifecycleDependencies<Record>): Promise<void> {
  if (record.plan) {
    const done = phase === "succeeded" ? record.plan.total : (record.doneAtStop ?? 0);
    const { faults, ...result } = await deps.hooks.finish(record, phase, atMs, done);
    record.result = result;
    deps.stats.faults_injected += faults;
  }
  record.phase = phase;
  record.times[phase] = atMs;
}
