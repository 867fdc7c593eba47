/**
 * A Gemini batch as the long-running Operation the API returns (spec §2.3): state and
 * output under `metadata` (what the SDK reads), the output mirrored in `response`,
 * `done: true` once terminal and `error` when it failed. Zero counts are left out, as
 * proto3 JSON does on the real service.
 */
import { timestamp } from "../google/time.js";
import { progress, TERMINAL_PHASES, type JobPhase } from "../google/job-record.js";
import type { GeminiBatch } from "./batch-record.js";

const STATES: Record<JobPhase, string> = {
  pending: "BATCH_STATE_PENDING",
  running: "BATCH_STATE_RUNNING",
  cancelling: "BATCH_STATE_RUNNING",
  succeeded: "BATCH_STATE_SUCCEEDED",
  failed: "BATCH_STATE_FAILED",
  cancelled: "BATCH_STATE_CANCELLED",
  expired: "BATCH_STATE_EXPIRED",
};

export function batchOperation(record: GeminiBatch, version: string, nowMs: number): Record<string, unknown> {
  const name = `batches/${record.id}`;
  const times = Object.values(record.times).filter((ms): ms is number => ms !== undefined);
  const metadata: Record<string, unknown> = {
    "@type": `type.googleapis.com/google.ai.generativelanguage.${version}.GenerateContentBatch`,
    model: record.model,
    name,
    displayName: record.displayName,
    state: STATES[record.phase],
    createTime: timestamp(record.createdMs),
    updateTime: timestamp(Math.max(...times)),
    batchStats: batchStats(record, nowMs),
  };
  if (record.input.kind === "file") metadata.inputConfig = { fileName: record.input.fileName };
  const terminal = TERMINAL_PHASES.has(record.phase);
  if (terminal) metadata.endTime = timestamp(record.times[record.phase] ?? nowMs);
  const output = outputOf(record);
  if (output) metadata.output = output;
  const operation: Record<string, unknown> = { name, metadata };
  if (terminal) operation.done = true;
  if (record.error) operation.error = record.error;
  if (output) operation.response = { "@type": `type.googleapis.com/google.ai.generativelanguage.${version}.GenerateContentBatchOutput`, ...output };
  return operation;
}

function outputOf(record: GeminiBatch): Record<string, unknown> | undefined {
  if (record.responsesFile) return { responsesFile: record.responsesFile };
  if (record.inlinedResponses) return { inlinedResponses: { inlinedResponses: record.inlinedResponses } };
  return undefined;
}

/** int64 counts as strings; zero counts omitted. */
function batchStats(record: GeminiBatch, nowMs: number): Record<string, string> {
  const counts = record.plan ? progress(record, nowMs) : { total: record.input.kind === "inline" ? record.input.count : 0, succeeded: 0, failed: 0, pending: 0 };
  const pending = record.plan ? counts.pending : counts.total;
  const stats: Record<string, string> = {};
  const put = (key: string, value: number): void => {
    if (value > 0) stats[key] = String(value);
  };
  put("requestCount", counts.total);
  put("successfulRequestCount", counts.succeeded);
  put("failedRequestCount", counts.failed);
  // Rows a cancel or expiry stopped are neither done nor pending any more.
  put("pendingRequestCount", TERMINAL_PHASES.has(record.phase) ? 0 : pending);
  return stats;
}
