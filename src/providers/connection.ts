import { ConfigError } from "../errors.js";

/** How to reach a provider. Keys come from the environment or `${ENV}` in config only. */
export interface ProviderConnection {
  apiKey?: string;
  baseUrl?: string;
  /** SDK retries for idempotent calls (default 5). Batch creation never auto-retries. */
  maxRetries?: number;
  fetch?: typeof fetch;
  /** Set when the connection points at the batchlab emulator. */
  emulatorUrl?: string;
  /** Provider settings from the model's config (Vertex: project_id, location, batch_config...). */
  options?: Record<string, unknown>;
}

const KEY_VARIABLES: Record<string, string> = {
  openai: "OPENAI_API_KEY",
  anthropic: "ANTHROPIC_API_KEY",
  gemini: "GEMINI_API_KEY",
};
const BASE_URL_VARIABLES: Record<string, string> = { openai: "OPENAI_BASE_URL", anthropic: "ANTHROPIC_BASE_URL" };
const EMULATOR_PATHS: Record<string, string> = { openai: "/openai/v1", anthropic: "/anthropic", gemini: "/gemini", vertex: "/vertex" };
/** Providers that sign in with Google application default credentials, not an API key. */
const KEYLESS = new Set(["vertex"]);
/** The emulator checks that some key is sent; this one is obviously not a secret. */
export const EMULATOR_API_KEY = "batchlab-emulator";

/**
 * Resolve a provider's connection: an emulator URL (option, or BATCHLAB_EMULATOR_URL) wins;
 * otherwise the configured key/base URL, then the provider's usual environment variables.
 */
export function resolveConnection(
  provider: string,
  configured: { apiKey?: string; apiKeyVariable?: string; baseUrl?: string; emulatorUrl?: string; options?: Record<string, unknown> },
  env: NodeJS.ProcessEnv = process.env,
): ProviderConnection {
  const emulatorUrl = configured.emulatorUrl ?? env.BATCHLAB_EMULATOR_URL;
  const options = configured.options;
  if (emulatorUrl) {
    const base = emulatorUrl.replace(/\/+$/, "");
    return { apiKey: EMULATOR_API_KEY, baseUrl: `${base}${EMULATOR_PATHS[provider] ?? `/${provider}`}`, emulatorUrl: base, options };
  }
  if (KEYLESS.has(provider)) return { apiKey: configured.apiKey, baseUrl: configured.baseUrl, options };
  const variable = configured.apiKeyVariable ?? KEY_VARIABLES[provider];
  const apiKey = configured.apiKey ?? (variable ? env[variable] : undefined);
  if (!apiKey) {
    throw new ConfigError(
      `no API key for ${provider}: set ${variable ?? "the provider's key"} in the environment ` +
        `(or api_key: \${${variable ?? "ENV_VAR"}} in the config), or add --emulator to run on the built-in emulator`,
    );
  }
  const baseVariable = BASE_URL_VARIABLES[provider];
  return { apiKey, baseUrl: configured.baseUrl ?? (baseVariable ? env[baseVariable] : undefined), options };
}
