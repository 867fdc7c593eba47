import { ConfigError } from "../errors.js";
import type { ModelParams } from "../types.js";
import type { Config, ModelConfig, OutputParser, ProviderName, RunMode, WhenCondition } from "./config-schema.js";
import { expandEnv, isEnvReference } from "./env.js";

/** A step with its model merged in: everything needed to build and send its requests. */
export interface ResolvedStep {
  /** The step's name (its key under `steps:`). */
  name: string;
  /** The model's name in the config (its key under `models:`). */
  modelKey: string;
  provider: ProviderName;
  /** The provider's model id, e.g. `gpt-4o-mini`. */
  model: string;
  system?: string;
  user: string;
  /** Default `response`. */
  responseKey: string;
  dataKey?: string;
  images?: string;
  /** The model's parameters with the step's overrides on top. */
  params: ModelParams;
  /** Expanded from `${ENV_VAR}`; undefined while that variable is unset. Never log it. */
  apiKey?: string;
  /** The variable `api_key: ${NAME}` names, so a missing key can be reported by name. */
  apiKeyVariable?: string;
  baseUrl?: string;
  /** Default `batch`. */
  mode: RunMode;
  /** Provider-specific settings, with `${ENV_VAR}` expanded. */
  options?: Record<string, string | number | boolean>;
  /** Pipelines: the condition a row must meet to be sent. */
  when?: WhenCondition;
  /** How the output text is read. Default plain text. */
  parse?: OutputParser;
  /** Pipelines: how many dialogue rounds (default 1). */
  rounds?: number;
}

const PARAM_NAMES = ["temperature", "top_p", "max_tokens", "n"] as const;

/**
 * Merge a step with its model. Without `stepName`, the first step. `${ENV_VAR}` in
 * api_key, base_url, model_name and options is expanded here; an unset variable is a
 * ConfigError naming it and the field. Templates are not expanded (`$` is prompt text).
 */
export function resolveStep(config: Config, stepName?: string, env: NodeJS.ProcessEnv = process.env): ResolvedStep {
  const stepNames = Object.keys(config.steps);
  const name = stepName ?? stepNames[0];
  const step = name === undefined ? undefined : config.steps[name];
  if (!step || !Object.hasOwn(config.steps, name)) {
    throw new ConfigError(
      stepName === undefined
        ? "the config has no steps — add one under steps: with a user template"
        : `no step "${stepName}" in the config; steps: ${stepNames.join(", ") || "(none)"}`,
    );
  }
  const modelNames = Object.keys(config.models);
  const modelKey = step.model ?? modelNames[0];
  const model: ModelConfig | undefined = modelKey === undefined ? undefined : config.models[modelKey];
  if (!model || !Object.hasOwn(config.models, modelKey)) {
    throw new ConfigError(
      `step "${name}" uses model "${modelKey ?? ""}", which is not defined; models: ${modelNames.join(", ") || "(none)"}`,
    );
  }
  const where = `models.${modelKey}`;
  const resolved: ResolvedStep = {
    name,
    modelKey,
    provider: model.provider,
    model: expandEnv(model.model_name, env, `${where}.model_name`),
    user: step.user,
    responseKey: step.response_key ?? "response",
    params: { ...pickParams(model), ...pickParams(step) },
    mode: model.mode ?? "batch",
  };
  if (step.system !== undefined) resolved.system = step.system;
  if (step.data_key !== undefined) resolved.dataKey = step.data_key;
  if (step.images !== undefined) resolved.images = step.images;
  else if (step.is_multimodal) resolved.images = "image";
  if (step.is_multimodal === false) delete resolved.images;
  if (step.when !== undefined) resolved.when = step.when;
  if (step.parse !== undefined) resolved.parse = step.parse;
  if (step.rounds !== undefined) resolved.rounds = step.rounds;
  if (model.api_key !== undefined) resolveApiKey(resolved, model.api_key, env, `${where}.api_key`);
  if (model.base_url !== undefined) resolved.baseUrl = expandEnv(model.base_url, env, `${where}.base_url`);
  const providerOptions = { ...model.options, ...vertexStyleOptions(model) };
  if (Object.keys(providerOptions).length > 0) resolved.options = expandOptions(providerOptions, env, `${where}.options`);
  return resolved;
}

/**
 * A key is only needed when a provider is called (not for previews or the emulator), so an
 * unset `${VAR}` is not an error here: the connection reports it, by name, when it is needed.
 */
function resolveApiKey(resolved: ResolvedStep, value: string, env: NodeJS.ProcessEnv, field: string): void {
  if (isEnvReference(value)) {
    resolved.apiKeyVariable = value.slice(2, -1);
    const found = env[resolved.apiKeyVariable];
    if (found) resolved.apiKey = found;
  } else {
    resolved.apiKey = expandEnv(value, env, field);
  }
}

/** `project_id`, `location` and `batch_config.*` flattened into the provider's options. */
function vertexStyleOptions(model: ModelConfig): Record<string, string | number | boolean> {
  const options: Record<string, string | number | boolean> = {};
  if (model.project_id !== undefined) options.project_id = model.project_id;
  if (model.location !== undefined) options.location = model.location;
  for (const [key, value] of Object.entries(model.batch_config ?? {})) if (value !== undefined) options[key] = value;
  return options;
}

function pickParams(source: ModelParams): ModelParams {
  const params: ModelParams = {};
  for (const key of PARAM_NAMES) if (source[key] !== undefined) params[key] = source[key];
  return params;
}

function expandOptions(
  options: Record<string, string | number | boolean>,
  env: NodeJS.ProcessEnv,
  where: string,
): Record<string, string | number | boolean> {
  const expanded: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(options)) {
    expanded[key] = typeof value === "string" ? expandEnv(value, env, `${where}.${key}`) : value;
  }
  return expanded;
}
