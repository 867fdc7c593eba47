/**
 * A batch's status, driven by the emulator clock and computed lazily on each read:
 * validating (first 10% of batchMs) → in_progress (to 90%) → finalizing → completed,
 * or failed at validation, cancelling → cancelled, or expired (fault or control API).
 */
import { stat, rm } from "node:fs/promises";
import { RequestError } from "../http.js";
import { createRandom, deriveSeed, permutation } from "../random.js";
import type { Responder } from "../responders/types.js";
import type { SurfaceStats } from "../surface.js";
import { Fate, rowsDone, TERMINAL_STATUSES, type BatchPlan, type BatchRecord, type BatchStatus } from "./batch-record.js";
import { writeBatchOutput, type StopCode } from "./batch-output.js";
import { validateBatchInput } from "./batch-validation.js";
import { toChatRequest } from "./chat-wire.js";
import type { FileStore } from "./file-store.js";

export interface LifecycleDependencies {
  files: FileStore;
  responder: Responder;
  limits: { maxRequests: number; maxBytes: number };
  seed: number;
  stats: SurfaceStats;
}

/** Brings the record up to time `now`. */
export async function advance(record: BatchRecord, now: number, deps: LifecycleDependencies): Promise<void> {
  if (TERMINAL_STATUSES.has(record.status)) return;
  const { schedule } = record;
  if (record.status === "cancelling") {
    const cancelledAt = (record.times.cancelling ?? now) + schedule.cancelDelayMs;
    if (now >= cancelledAt) await finish(record, "cancelled", cancelledAt, deps);
    return;
  }
  if (now < schedule.validateMs) return;
  if (!record.plan && !(await validate(record, schedule.validateMs, deps))) return;
  if (record.plan?.expireFraction != null) {
    if (now < schedule.finishMs) return;
    // Doomed batches never finalize: they run out of time with part of the work done.
    record.doneAtStop = rowsDone(record, schedule.finishMs);
    deps.stats.faults_injected++;
    return finish(record, "expired", schedule.finishMs, deps);
  }
  if (now < schedule.finalizeMs) return;
  record.status = "finalizing";
  record.times.finalizing = schedule.finalizeMs;
  if (now < schedule.finishMs) return;
  return finish(record, "completed", schedule.finishMs, deps);
}

/** Starts cancelling; the rows done so far will be in the output. */
export async function cancel(record: BatchRecord, now: number, deps: LifecycleDependencies): Promise<void> {
  await advance(record, now, deps);
  if (record.status === "cancelling") return;
  if (TERMINAL_STATUSES.has(record.status)) {
    throw new RequestError(400, `Cannot cancel batch ${record.id}: its status is already "${record.status}".`, null, "batch_not_cancellable");
  }
  record.doneAtStop = rowsDone(record, now);
  record.status = "cancelling";
  record.times.cancelling = now;
}

/** Expires the batch now (control API), with the rows done so far in the output. */
export async function expireNow(record: BatchRecord, now: number, deps: LifecycleDependencies): Promise<void> {
  await advance(record, now, deps);
  if (TERMINAL_STATUSES.has(record.status) || record.status === "cancelling") {
    throw new RequestError(409, `Batch ${record.id} is "${record.status}"; only validating, in_progress or finalizing batches can be expired.`);
  }
  if (!record.plan && !(await validate(record, now, deps))) return;
  record.doneAtStop = rowsDone(record, now);
  await finish(record, "expired", now, deps);
}

/** Validates the input and fixes the plan; false when the batch failed validation. */
async function validate(record: BatchRecord, atMs: number, deps: LifecycleDependencies): Promise<boolean> {
  const outcome = await validateBatchInput({
    path: record.inputPath,
    bytes: (await stat(record.inputPath)).size,
    endpoint: record.endpoint,
    limits: deps.limits,
    accepts: (body) => accepts(body),
  });
  record.model = outcome.model;
  if (outcome.errors.length > 0) {
    record.errors = outcome.errors;
    record.status = "failed";
    record.times.failed = atMs;
    return false;
  }
  record.plan = makePlan(record, outcome.rows, deps.seed);
  record.status = "in_progress";
  record.times.in_progress = atMs;
  return true;
}

function makePlan(record: BatchRecord, rows: { offsets: number[]; lengths: number[]; rejected: boolean[] }, seed: number): BatchPlan {
  const random = createRandom(deriveSeed(seed, "openai-batch", record.ordinal));
  const total = rows.offsets.length;
  const fates = new Uint8Array(total);
  for (let row = 0; row < total; row++) {
    if (rows.rejected[row]) fates[row] = Fate.rejected;
    else if (random() < record.rates.partial) fates[row] = Fate.failed;
    else if (random() < record.rates.malformed) fates[row] = Fate.malformed;
  }
  const expireFraction = random() < record.rates.expire ? 0.3 + 0.6 * random() : null;
  return {
    total,
    offsets: Float64Array.from(rows.offsets),
    lengths: Uint32Array.from(rows.lengths),
    order: permutation(total, random),
    fates,
    expireFraction,
  };
}

/** Writes the output/error files (when the batch ran at all) and enters a terminal status. */
async function finish(record: BatchRecord, status: Extract<BatchStatus, "completed" | "expired" | "cancelled">, atMs: number, deps: LifecycleDependencies): Promise<void> {
  const plan = record.plan;
  if (plan) {
    const output = deps.files.reserve();
    const errors = deps.files.reserve();
    const stopCode: StopCode | undefined = status === "expired" ? "batch_expired" : status === "cancelled" ? "batch_cancelled" : undefined;
    const summary = await writeBatchOutput({
      inputPath: record.inputPath,
      plan,
      done: status === "completed" ? plan.total : (record.doneAtStop ?? 0),
      stopCode,
      outputPath: output.path,
      errorPath: errors.path,
      responder: deps.responder,
      nowMs: atMs,
    });
    const common = { purpose: "batch_output", expiresAfterSeconds: record.outputExpiresAfterSeconds };
    await deps.files.add({ ...common, ...output, bytes: summary.outputBytes, filename: `${record.id}_output.jsonl` });
    record.outputFileId = output.id;
    if (summary.errorLines > 0) {
      await deps.files.add({ ...common, ...errors, bytes: summary.errorBytes, filename: `${record.id}_error.jsonl` });
      record.errorFileId = errors.id;
    } else {
      await rm(errors.path, { force: true });
    }
    record.result = { completed: summary.completed, failed: summary.failed, inputTokens: summary.inputTokens, outputTokens: summary.outputTokens };
    deps.stats.faults_injected += summary.faults;
  }
  record.status = status;
  record.times[status] = atMs;
}

function accepts(body: unknown): boolean {
  try {
    toChatRequest(body);
    return true;
  } catch {
    return false;
  }
}
