/** A Vertex AI batch prediction job as the emulator keeps it. */
import type { JobRecord } from "../google/job-record.js";

export interface VertexJob extends JobRecord {
  /** `projects/{p}/locations/{l}`. */
  parent: string;
  displayName: string;
  /** `publishers/google/models/gemini-2.5-flash`, as sent. */
  model: string;
  /** The request's `inputConfig` and `outputConfig`, echoed back as sent. */
  inputConfig: Record<string, unknown>;
  outputConfig: Record<string, unknown>;
  labels?: Record<string, string>;
  /** `gs://` input URIs (wildcards allowed), or the `bq://` table that fails the job. */
  source: { kind: "gcs"; uris: string[] } | { kind: "bigquery"; uri: string };
  /** `gs://bucket/prefix` the predictions go under (null for BigQuery output). */
  outputPrefix: string | null;
  /** `{outputPrefix}/prediction-model-<time>`, fixed when the job starts. */
  outputDirectory: string | null;
}

export function jobName(record: Pick<VertexJob, "parent" | "id">): string {
  return `${record.parent}/batchPredictionJobs/${record.id}`;
}
