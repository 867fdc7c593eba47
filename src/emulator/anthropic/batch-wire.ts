/** The wire MessageBatch object (spec §5.2), computed from a record. */
import type { MessageBatchRecord } from "./batch-record.js";

/** A batch expires 24 h after creation. */
export const EXPIRY_MS = 24 * 60 * 60 * 1000;

/**
 * `origin` is `http://host:port` as the client reached the emulator, so the absolute
 * `results_url` points back at it (the SDK uses an absolute URL as-is).
 */
export function batchObject(record: MessageBatchRecord, origin: string, prefix: string): Record<string, unknown> {
  const counts = record.counts;
  return {
    id: record.id,
    type: "message_batch",
    processing_status: record.status,
    // Every request counts as processing until the whole batch has ended.
    request_counts: {
      processing: counts ? 0 : record.requests.total,
      succeeded: counts?.succeeded ?? 0,
      errored: counts?.errored ?? 0,
      canceled: counts?.canceled ?? 0,
      expired: counts?.expired ?? 0,
    },
    ended_at: timestamp(record.endedMs),
    created_at: timestamp(record.createdMs),
    expires_at: timestamp(record.createdMs + EXPIRY_MS),
    archived_at: null,
    cancel_initiated_at: timestamp(record.cancelInitiatedMs),
    results_url: record.status === "ended" ? `${origin}${prefix}/v1/messages/batches/${record.id}/results` : null,
  };
}

/** RFC 3339 in UTC, e.g. `2025-01-01T00:00:00.000Z`. */
function timestamp(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
