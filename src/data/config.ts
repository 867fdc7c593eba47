import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { ConfigError, ValidationError } from "../errors.js";
import { canonicalHash } from "./canonical-json.js";
import { configSchema, PROVIDER_NAMES, type Config, type ProviderName } from "./config-schema.js";
import { ConfigProblems } from "./config-problems.js";
import { isEnvReference } from "./env.js";
import { compileTemplate } from "./template.js";

export type { Config, ModelConfig, OutputParser, ProviderName, RunMode, StepConfig, WhenCondition } from "./config-schema.js";
export { PROVIDER_NAMES, RUN_MODES } from "./config-schema.js";
export { expandEnv } from "./env.js";
export { resolveStep, type ResolvedStep } from "./resolve-step.js";

/** A validated config and what was worth a warning (e.g. a literal API key). */
export interface LoadedConfig {
  config: Config;
  /** The file it came from; undefined for configs built in code. */
  file?: string;
  /** Messages to show the user; none of them stops the run. */
  warnings: string[];
}

/** The model each provider gets in {@link defaultConfig} when none is named. */
const DEFAULT_MODELS: Record<ProviderName, string> = {
  openai: "gpt-4o-mini",
  gemini: "gemini-2.5-flash",
  vertex: "gemini-2.5-flash",
  anthropic: "claude-haiku-4-5",
};

/** The environment variable each provider's SDK reads its key from, for hints. */
const KEY_VARIABLES: Record<ProviderName, string> = {
  openai: "OPENAI_API_KEY",
  gemini: "GEMINI_API_KEY",
  vertex: "GOOGLE_API_KEY",
  anthropic: "ANTHROPIC_API_KEY",
};

/** Read and validate a YAML config file. Throws ConfigError when it cannot be read, ValidationError when it is wrong. */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? `not found (looked at ${resolve(file)})` : (error as Error).message;
    throw new ConfigError(`config file ${file}: ${reason} — check the path, or leave the config out to use the default`, {
      cause: error,
    });
  }
  return parseConfig(text, file);
}

/**
 * Parse and validate config YAML. Throws ValidationError listing every problem at once,
 * each with the YAML path as its field (`steps.answer.user`) and its line.
 */
export function parseConfig(text: string, file: string): LoadedConfig {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const problems = new ConfigProblems(file, document, lines);
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const { line, col } = lines.linePos(error.pos[0]);
      problems.problems.push({ file, row: line, column: col, message: `${error.message} — fix the YAML and run again` });
    }
    throw new ValidationError(problems.problems);
  }
  const value: unknown = document.toJS() ?? {};
  const loaded = checkConfig(value, problems);
  const warnings = [...loaded.warnings, ...document.warnings.map((warning) => warning.message)];
  return { config: loaded.config, file, warnings: warnings.map((warning) => `${file}: ${warning}`) };
}

/** Validate a config object built in code (same rules as a file). Throws ValidationError. */
export function validateConfig(value: unknown, file = "(config)"): LoadedConfig {
  return checkConfig(value, new ConfigProblems(file));
}

/**
 * One model `default` and one step `default` whose user template is `{prompt}`.
 * Default provider `openai`, model `gpt-4o-mini` (or the provider's small model).
 */
export function defaultConfig(options: { model?: string; provider?: string } = {}): Config {
  const provider = (options.provider ?? "openai") as ProviderName;
  if (!PROVIDER_NAMES.includes(provider)) {
    throw new ConfigError(`unknown provider "${options.provider}" — use one of ${PROVIDER_NAMES.join(", ")}`);
  }
  return {
    models: { default: { provider, model_name: options.model ?? DEFAULT_MODELS[provider] } },
    steps: { default: { model: "default", user: "{prompt}" } },
  };
}

/** sha256 (hex) of the config's canonical JSON (keys sorted), for the run manifest. */
export function configHash(config: Config): string {
  return canonicalHash(config);
}

function checkConfig(value: unknown, problems: ConfigProblems): LoadedConfig {
  const parsed = configSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    problems.addIssues(parsed.error);
    throw new ValidationError(problems.problems);
  }
  const config = parsed.data;
  const warnings: string[] = [];
  const modelNames = Object.keys(config.models);
  if (modelNames.length === 0) problems.add(["models"], "defines no model; add one (provider and model_name)");
  if (Object.keys(config.steps).length === 0) problems.add(["steps"], "defines no step; add one with a user template");
  for (const [name, model] of Object.entries(config.models)) {
    if (model.api_key !== undefined && !isEnvReference(model.api_key)) {
      const variable = KEY_VARIABLES[model.provider];
      warnings.push(
        `models.${name}.api_key holds a literal key; write api_key: \${${variable}} and set ${variable} in the environment, so the key stays out of files you share`,
      );
    }
  }
  for (const [name, step] of Object.entries(config.steps)) {
    if (step.model !== undefined && !modelNames.includes(step.model)) {
      problems.add(["steps", name, "model"], `names model "${step.model}", which is not defined; models: ${modelNames.join(", ") || "(none)"}`);
    }
    for (const which of ["system", "user"] as const) {
      const source = step[which];
      if (source === undefined) continue;
      try {
        compileTemplate(source);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        problems.add(["steps", name, which], error.message.replace(/^\[batchlab\] /, ""));
      }
    }
  }
  if (problems.problems.length > 0) throw new ValidationError(problems.problems);
  return { config, warnings };
}
