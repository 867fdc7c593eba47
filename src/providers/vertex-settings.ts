import { ConfigError } from "../errors.js";

/** Where a Vertex AI batch lives: project, region, and the Cloud Storage bucket it reads and writes. */
export interface VertexSettings {
  project: string;
  location: string;
  /** Bucket for input files, outputs and uploaded images (name, without gs://). */
  bucket: string;
  /** Folder for input files (default `batchlab/input`): `gs://<bucket>/<prefix>/<run>/<chunk>.jsonl`. */
  inputPrefix: string;
  /** Folder for outputs (default `batchlab/output`): `gs://<bucket>/<prefix>/<run>/<chunk>/`. */
  outputPrefix: string;
  /** Folder for uploaded images (default `batchlab/images`), named by content hash. */
  imagePrefix: string;
  /** Upload local images (default true); false sends them inline. */
  uploadImages: boolean;
}

/**
 * Settings from the model's config (`project_id`, `location`, `batch_config.gcs_bucket`...)
 * and the environment (GOOGLE_CLOUD_PROJECT, GOOGLE_CLOUD_LOCATION, BATCHLAB_GCS_BUCKET).
 */
export function vertexSettings(
  options: Record<string, unknown> = {},
  env: NodeJS.ProcessEnv = process.env,
  need: { bucket: boolean } = { bucket: true },
): VertexSettings {
  const project = text(options.project_id) ?? text(options.project) ?? env.GOOGLE_CLOUD_PROJECT;
  const location = text(options.location) ?? env.GOOGLE_CLOUD_LOCATION ?? "us-central1";
  const bucket = (text(options.gcs_bucket) ?? text(options.bucket) ?? env.BATCHLAB_GCS_BUCKET)?.replace(/^gs:\/\//, "").replace(/\/.*$/, "");
  const missing: string[] = [];
  if (!project) missing.push("a project (project_id in the model's config, or GOOGLE_CLOUD_PROJECT)");
  if (!bucket && need.bucket) missing.push("a Cloud Storage bucket (batch_config.gcs_bucket in the model's config, or BATCHLAB_GCS_BUCKET)");
  if (missing.length > 0) throw new ConfigError(`Vertex AI batch needs ${missing.join(" and ")}`);
  return {
    project: project!,
    location,
    bucket: bucket ?? "",
    inputPrefix: trimSlashes(text(options.input_prefix) ?? "batchlab/input"),
    outputPrefix: trimSlashes(text(options.output_prefix) ?? "batchlab/output"),
    imagePrefix: trimSlashes(text(options.gcs_image_prefix) ?? "batchlab/images"),
    uploadImages: options.upload_images === undefined ? true : options.upload_images === true || options.upload_images === "true",
  };
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function trimSlashes(value: string): string {
  return value.replace(/^\/+|\/+$/g, "");
}
