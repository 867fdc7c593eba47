/**
 * The `BatchPredictionJob` resource (spec §3.2). `completionStats` appears once the job has
 * finished; int64 counts are strings and zero counts are left out, as proto3 JSON does.
 */
import { progress, TERMINAL_PHASES, type JobPhase } from "../google/job-record.js";
import { timestamp } from "../google/time.js";
import { randomHex } from "../random.js";
import { jobName, type VertexJob } from "./job-record.js";

export const JOB_STATES: Record<JobPhase, string> = {
  pending: "JOB_STATE_PENDING",
  running: "JOB_STATE_RUNNING",
  cancelling: "JOB_STATE_CANCELLING",
  succeeded: "JOB_STATE_SUCCEEDED",
  failed: "JOB_STATE_FAILED",
  cancelled: "JOB_STATE_CANCELLED",
  expired: "JOB_STATE_EXPIRED",
};

export function jobResource(record: VertexJob, nowMs: number): Record<string, unknown> {
  const times = Object.values(record.times).filter((ms): ms is number => ms !== undefined);
  const resource: Record<string, unknown> = {
    name: jobName(record),
    displayName: record.displayName,
    model: record.model,
    inputConfig: record.inputConfig,
    outputConfig: record.outputConfig,
    state: JOB_STATES[record.phase],
    createTime: timestamp(record.createdMs),
    updateTime: timestamp(Math.max(...times)),
  };
  if (record.times.running !== undefined) resource.startTime = timestamp(record.times.running);
  if (TERMINAL_PHASES.has(record.phase)) resource.endTime = timestamp(record.times[record.phase] ?? nowMs);
  if (record.outputDirectory) resource.outputInfo = { gcsOutputDirectory: record.outputDirectory };
  if (record.result && record.plan) {
    const counts = progress(record, nowMs);
    resource.completionStats = withoutZeros({ successfulCount: counts.succeeded, failedCount: counts.failed, incompleteCount: counts.pending });
  }
  if (record.error) resource.error = record.error;
  if (record.labels) resource.labels = record.labels;
  return resource;
}

/** The long-running Operation `DELETE` answers with. */
export function deleteOperation(record: VertexJob, version: string, nowMs: number): Record<string, unknown> {
  const time = timestamp(nowMs);
  return {
    name: `${record.parent}/operations/${BigInt(`0x${randomHex(7)}`).toString()}`,
    metadata: { "@type": `type.googleapis.com/google.cloud.aiplatform.${version}.DeleteOperationMetadata`, genericMetadata: { createTime: time, updateTime: time } },
    done: true,
    response: { "@type": "type.googleapis.com/google.protobuf.Empty" },
  };
}

function withoutZeros(counts: Record<string, number>): Record<string, string> {
  return Object.fromEntries(Object.entries(counts).filter(([, value]) => value > 0).map(([key, value]) => [key, String(value)]));
}
