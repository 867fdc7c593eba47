import { z } from "zod";
import type { ModelParams } from "../types.js";

/** Providers a model can use. Adding one is one entry here (and its adapter in src/providers). */
export const PROVIDER_NAMES = ["openai", "gemini", "vertex", "anthropic"] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** How a step's requests are sent: a batch job (half price), one by one, or batch unless the tail is small. */
export const RUN_MODES = ["batch", "realtime", "auto"] as const;
export type RunMode = (typeof RUN_MODES)[number];

/** A model that steps refer to by name (the key under `models:`). */
export interface ModelConfig extends ModelParams {
  provider: ProviderName;
  /** The provider's model id, e.g. `gpt-4o-mini`. */
  model_name: string;
  /** `${ENV_VAR}` only; a literal key works but warns. Default: the provider's usual variable. */
  api_key?: string;
  /** Another endpoint (a proxy, the emulator, a local OpenAI-compatible server). */
  base_url?: string;
  /** Default `batch`. */
  mode?: RunMode;
  /** Provider-specific settings, e.g. Vertex `project`, `location`, `bucket`. Strings may use `${ENV_VAR}`. */
  options?: Record<string, string | number | boolean>;
  /** Vertex AI: the Google Cloud project (default GOOGLE_CLOUD_PROJECT). */
  project_id?: string;
  /** Vertex AI: the region (default GOOGLE_CLOUD_LOCATION, else us-central1). */
  location?: string;
  /** Batch settings in the style of Vertex batch job configs. */
  batch_config?: BatchConfig;
}

/** How a batch job stages its files and waits (Vertex-style; the keys users already write). */
export interface BatchConfig {
  /** Bucket for inputs, outputs and images (name or gs:// URI). */
  gcs_bucket?: string;
  /** Upload local images to the bucket once each (default true). */
  upload_images?: boolean;
  /** Folder for uploaded images (default `batchlab/images`). */
  gcs_image_prefix?: string;
  /** Folder for outputs (default `batchlab/output`). */
  output_prefix?: string;
  /** Wait for the job to finish (default true); false returns once submitted. */
  wait_for_completion?: boolean;
  /** Seconds between status polls (default 10). */
  poll_interval?: number;
}

/** One prompt step: templates, the model to send them to, and parameter overrides. */
export interface StepConfig extends ModelParams {
  /** A key of `models`. Default: the first model. */
  model?: string;
  /** System message template. */
  system?: string;
  /** User message template, e.g. `Answer briefly: {prompt}`. */
  user: string;
  /** The column the answer goes into. Default `response`. */
  response_key?: string;
  /** The field that keys rows. Default: the dataset's own key field (`prompt_id`) or a content hash. */
  data_key?: string;
  /** The field holding an image path/URL (or a list of them) to send with the prompt. */
  images?: string;
  /** Attach the row's image (the `images` field, default `image`) to the prompt. */
  is_multimodal?: boolean;
  /** Pipelines: send only rows whose earlier outputs meet this condition. */
  when?: WhenCondition;
  /** How the output is read: plain text (default), JSON with a checked shape, or one label of a set. */
  parse?: OutputParser;
  /** Pipelines: ask this step N times, appending each round to the row's `dialog_history`. */
  rounds?: number;
}

/** A condition on a row's fields (earlier steps' outputs included). */
export interface WhenCondition {
  field: string;
  equals?: string | number | boolean;
  not_equals?: string | number | boolean;
  in?: (string | number | boolean)[];
  exists?: boolean;
  matches?: string;
}

/** How a step's output text becomes the value written into the row. */
export type OutputParser =
  | { type: "text" }
  | { type: "json"; schema?: Record<string, "string" | "number" | "boolean" | "string[]" | "number[]"> }
  | { type: "label"; labels: string[] };

/** A batchlab config file (`config.yaml`). */
export interface Config {
  models: Record<string, ModelConfig>;
  steps: Record<string, StepConfig>;
}

const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const nameSchema = z.string().regex(NAME, { error: "names use letters, digits, _, - and . only" });
const text = z.string().min(1, { error: "must not be empty" });

const paramShape = {
  temperature: z.number().min(0).max(2),
  top_p: z.number().min(0).max(1),
  max_tokens: z.int().positive(),
  n: z.int().positive(),
};
const optionalParams = {
  temperature: paramShape.temperature.optional(),
  top_p: paramShape.top_p.optional(),
  max_tokens: paramShape.max_tokens.optional(),
  n: paramShape.n.optional(),
};

export const batchConfigSchema = z.strictObject({
  gcs_bucket: text.optional(),
  upload_images: z.boolean().optional(),
  gcs_image_prefix: text.optional(),
  output_prefix: text.optional(),
  wait_for_completion: z.boolean().optional(),
  poll_interval: z.number().positive().optional(),
});

export const modelSchema = z.strictObject({
  provider: z.enum(PROVIDER_NAMES),
  model_name: text,
  api_key: text.optional(),
  base_url: text.optional(),
  mode: z.enum(RUN_MODES).optional(),
  options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  project_id: text.optional(),
  location: text.optional(),
  batch_config: batchConfigSchema.optional(),
  ...optionalParams,
});

const scalar = z.union([z.string(), z.number(), z.boolean()]);
export const whenSchema = z.strictObject({
  field: text,
  equals: scalar.optional(),
  not_equals: scalar.optional(),
  in: z.array(scalar).optional(),
  exists: z.boolean().optional(),
  matches: text.optional(),
});
export const parserSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("text") }),
  z.strictObject({ type: z.literal("json"), schema: z.record(z.string(), z.enum(["string", "number", "boolean", "string[]", "number[]"])).optional() }),
  z.strictObject({ type: z.literal("label"), labels: z.array(text).min(1) }),
]);

export const stepSchema = z.strictObject({
  model: text.optional(),
  system: z.string().optional(),
  user: text,
  response_key: text.optional(),
  data_key: text.optional(),
  images: text.optional(),
  is_multimodal: z.boolean().optional(),
  when: whenSchema.optional(),
  parse: parserSchema.optional(),
  rounds: z.int().positive().max(50).optional(),
  ...optionalParams,
});

export const configSchema = z.strictObject({
  models: z.record(nameSchema, modelSchema),
  steps: z.record(nameSchema, stepSchema),
});

/** The keys each level accepts, for "did you mean" hints on unknown keys. */
export const KNOWN_KEYS = {
  config: Object.keys(configSchema.shape),
  model: Object.keys(modelSchema.shape),
  step: Object.keys(stepSchema.shape),
  batch_config: Object.keys(batchConfigSchema.shape),
};

// Keep the hand-written types and the schema in step: this fails to compile if they drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const typesMatch: Same<z.output<typeof configSchema>, Config> = true;
void typesMatch;
