/** The wire batch object (spec §1.3), computed from a record at a given time. */
import { toSeconds } from "../clock.js";
import { countDone, rowsDone, type BatchRecord } from "./batch-record.js";

/** The 24 h completion window, the only one OpenAI accepts. */
export const COMPLETION_WINDOW_MS = 24 * 60 * 60 * 1000;

export function batchObject(record: BatchRecord, nowMs: number): Record<string, unknown> {
  const seconds = (ms: number | undefined): number | null => (ms === undefined ? null : toSeconds(ms));
  const usage = record.result ?? { inputTokens: 0, outputTokens: 0 };
  return {
    id: record.id,
    object: "batch",
    endpoint: record.endpoint,
    model: record.model,
    errors: record.errors ? { object: "list", data: record.errors } : null,
    input_file_id: record.inputFileId,
    completion_window: "24h",
    status: record.status,
    output_file_id: record.outputFileId,
    error_file_id: record.errorFileId,
    created_at: toSeconds(record.createdMs),
    in_progress_at: seconds(record.times.in_progress),
    expires_at: toSeconds(record.createdMs + COMPLETION_WINDOW_MS),
    finalizing_at: seconds(record.times.finalizing),
    completed_at: seconds(record.times.completed),
    failed_at: seconds(record.times.failed),
    expired_at: seconds(record.times.expired),
    cancelling_at: seconds(record.times.cancelling),
    cancelled_at: seconds(record.times.cancelled),
    request_counts: requestCounts(record, nowMs),
    usage: {
      input_tokens: usage.inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: usage.outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: usage.inputTokens + usage.outputTokens,
    },
    metadata: record.metadata,
  };
}

function requestCounts(record: BatchRecord, nowMs: number): { total: number; completed: number; failed: number } {
  const { plan, result } = record;
  if (!plan) return { total: 0, completed: 0, failed: 0 };
  if (result) return { total: plan.total, completed: result.completed, failed: result.failed };
  const done = record.doneAtStop ?? rowsDone(record, nowMs);
  return { total: plan.total, ...countDone(plan, done) };
}
