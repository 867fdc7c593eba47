/**
 * Vertex batch prediction jobs: `POST …/batchPredictionJobs` checks the body (model,
 * display name, a gs:// JSONL or bq:// source, a gs:// or bq:// destination) and records the
 * job; the shared lifecycle runs it on the emulator clock, reading and writing the emulated GCS.
 */
import { mkdir } from "node:fs/promises";
import { randomInt } from "node:crypto";
import { join } from "node:path";
import type { Clock } from "../clock.js";
import type { FaultController } from "../fault-controller.js";
import type { GcsStore } from "../gcs/store.js";
import type { AnswerDependencies } from "../google/answer.js";
import { newJob } from "../google/job-record.js";
import { JobTable } from "../google/job-table.js";
import { RequestError } from "../http.js";
import type { SurfaceStats } from "../surface.js";
import { prepareVertexInput } from "./job-input.js";
import { writePredictions } from "./job-output.js";
import type { VertexJob } from "./job-record.js";

export interface VertexJobDependencies extends AnswerDependencies {
  clock: Clock;
  faults: FaultController;
  gcs: GcsStore;
  batchMs: number;
  seed: number;
  stats: SurfaceStats;
  /** Folder for the jobs' private copies of their input. */
  directory: string;
}

export interface VertexJobs {
  table: JobTable<VertexJob>;
  create(parent: string, body: Record<string, unknown>): VertexJob;
}

export async function createVertexJobs(deps: VertexJobDependencies): Promise<VertexJobs> {
  await mkdir(deps.directory, { recursive: true });
  const table = new JobTable<VertexJob>(
    {
      hooks: {
        prepare: (record, atMs) => prepareVertexInput(record, atMs, deps.gcs),
        finish: (record, _phase, atMs, done) => writePredictions(record, atMs, done, deps),
      },
      seed: deps.seed,
      stats: deps.stats,
      surface: "vertex-job",
      cancelDelayed: true,
    },
    deps.clock,
    (id) => `batchPredictionJobs/${id}`,
  );

  function create(parent: string, body: Record<string, unknown>): VertexJob {
    const displayName = body.displayName;
    if (typeof displayName !== "string" || displayName === "") throw invalid("batch_prediction_job.display_name", "Required field is not set.");
    if (typeof body.model !== "string" || !body.model.includes("models/")) {
      throw invalid("batch_prediction_job.model", `Expected a model resource name like publishers/google/models/gemini-2.5-flash, got ${JSON.stringify(body.model)}.`);
    }
    const inputConfig = objectAt(body.inputConfig, "batch_prediction_job.input_config");
    const outputConfig = objectAt(body.outputConfig, "batch_prediction_job.output_config");
    const id = jobId();
    const record: VertexJob = {
      ...newJob(id, table.nextOrdinal(), deps.clock.now(), deps.batchMs, deps.faults.batchRates(), join(deps.directory, `${id}.input.jsonl`)),
      parent,
      displayName,
      model: body.model,
      inputConfig,
      outputConfig,
      source: sourceOf(inputConfig),
      outputPrefix: outputPrefixOf(outputConfig),
      outputDirectory: null,
    };
    if (body.labels !== undefined) record.labels = labelsOf(body.labels);
    table.add(record);
    deps.stats.batches_created++;
    return record;
  }

  return { table, create };
}

function sourceOf(config: Record<string, unknown>): VertexJob["source"] {
  const format = config.instancesFormat;
  if (format === "bigquery") {
    const uri = (config.bigquerySource as { inputUri?: unknown } | undefined)?.inputUri;
    if (typeof uri !== "string" || !uri.startsWith("bq://")) throw invalid("batch_prediction_job.input_config.bigquery_source.input_uri", "Expected bq://project.dataset.table.");
    return { kind: "bigquery", uri };
  }
  if (format !== "jsonl") throw invalid("batch_prediction_job.input_config.instances_format", `The batchlab emulator reads "jsonl" (from gcsSource) or "bigquery" (which fails the job), not ${JSON.stringify(format)}.`);
  const uris = (config.gcsSource as { uris?: unknown } | undefined)?.uris;
  if (!Array.isArray(uris) || uris.length === 0 || !uris.every((uri) => typeof uri === "string" && /^gs:\/\/[^/]+\/.+/.test(uri))) {
    throw invalid("batch_prediction_job.input_config.gcs_source.uris", "Give one or more gs://bucket/path/input.jsonl URIs.");
  }
  return { kind: "gcs", uris: uris as string[] };
}

function outputPrefixOf(config: Record<string, unknown>): string | null {
  if (config.predictionsFormat === "bigquery") return null;
  if (config.predictionsFormat !== "jsonl") throw invalid("batch_prediction_job.output_config.predictions_format", `Use "jsonl" (to gcsDestination), not ${JSON.stringify(config.predictionsFormat)}.`);
  const prefix = (config.gcsDestination as { outputUriPrefix?: unknown } | undefined)?.outputUriPrefix;
  if (typeof prefix !== "string" || !/^gs:\/\/[^/]+/.test(prefix)) throw invalid("batch_prediction_job.output_config.gcs_destination.output_uri_prefix", "Give a gs://bucket/prefix.");
  return prefix.replace(/\/+$/, "");
}

function labelsOf(value: unknown): Record<string, string> {
  const labels = objectAt(value, "batch_prediction_job.labels");
  for (const [key, label] of Object.entries(labels)) {
    if (typeof label !== "string") throw invalid(`batch_prediction_job.labels.${key}`, "Label values must be strings.");
  }
  return labels as Record<string, string>;
}

/** Numeric ids like the real ones (19 digits). */
function jobId(): string {
  return `${randomInt(1, 10)}${String(randomInt(0, 1e9)).padStart(9, "0")}${String(randomInt(0, 1e9)).padStart(9, "0")}`;
}

function objectAt(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalid(field, "Required field is not set.");
  return value as Record<string, unknown>;
}

function invalid(field: string, message: string): RequestError {
  return new RequestError(400, `List of found errors:\t1.Field: ${field}; Message: ${message}\t`);
}
