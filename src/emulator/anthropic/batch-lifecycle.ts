/**
 * A Message Batch's `processing_status`, driven by the emulator clock and computed lazily on
 * each read: in_progress until created + batchMs, then ended (results written); cancel →
 * canceling → ended a tenth of batchMs later with the unprocessed rows canceled; the
 * `expire` fault or the control API → ended with the unprocessed rows expired.
 */
import { RequestError } from "../http.js";
import type { Responder } from "../responders/types.js";
import type { SurfaceStats } from "../surface.js";
import { rowsDone, type MessageBatchRecord, type StopType } from "./batch-record.js";
import { writeBatchResults } from "./batch-results.js";

export interface LifecycleDependencies {
  responder: Responder;
  seed: number;
  stats: SurfaceStats;
  /** Where the results file of a batch goes. */
  resultsPathOf(id: string): string;
}

/** Brings the record up to time `now`. */
export async function advance(record: MessageBatchRecord, now: number, deps: LifecycleDependencies): Promise<void> {
  if (record.status === "ended") return;
  if (record.status === "canceling") {
    const endsAt = (record.cancelInitiatedMs ?? now) + record.cancelDelayMs;
    if (now >= endsAt) await finish(record, endsAt, deps);
    return;
  }
  if (now < record.endMs) return;
  if (record.expireFraction !== null) {
    // Doomed batches run out of time with part of the work done.
    deps.stats.faults_injected++;
    stop(record, record.endMs, "expired");
  }
  await finish(record, record.endMs, deps);
}

/** Starts canceling; the rows done so far keep their results. */
export async function cancel(record: MessageBatchRecord, now: number, deps: LifecycleDependencies): Promise<void> {
  await advance(record, now, deps);
  if (record.status === "canceling") return;
  if (record.status === "ended") {
    throw new RequestError(400, `Message batch ${record.id} has already ended; there is nothing to cancel.`);
  }
  stop(record, now, "canceled");
  record.status = "canceling";
  record.cancelInitiatedMs = now;
}

/** Ends the batch now (control API), with the unprocessed rows expired. */
export async function expireNow(record: MessageBatchRecord, now: number, deps: LifecycleDependencies): Promise<void> {
  await advance(record, now, deps);
  if (record.status !== "in_progress") {
    throw new RequestError(409, `Message batch ${record.id} is "${record.status}"; only in_progress batches can be expired.`);
  }
  stop(record, now, "expired");
  await finish(record, now, deps);
}

function stop(record: MessageBatchRecord, at: number, type: StopType): void {
  record.doneAtStop = rowsDone(record, at);
  record.stopType = type;
}

/** Writes the results file and enters `ended`. */
async function finish(record: MessageBatchRecord, atMs: number, deps: LifecycleDependencies): Promise<void> {
  const resultsPath = deps.resultsPathOf(record.id);
  const summary = await writeBatchResults({
    record,
    done: record.doneAtStop ?? record.requests.total,
    stopType: record.stopType,
    resultsPath,
    responder: deps.responder,
    seed: deps.seed,
  });
  deps.stats.faults_injected += summary.faults;
  record.counts = summary.counts;
  record.resultsPath = resultsPath;
  record.status = "ended";
  record.endedMs = atMs;
}
