import { ConfigError } from "../errors.js";
import type { BatchProvider } from "../types.js";
import type { ProviderConnection } from "./connection.js";
import { createAnthropicProvider } from "./anthropic.js";
import { createGeminiProvider } from "./gemini.js";
import { createOpenAIProvider } from "./openai.js";
import { createVertexProvider } from "./vertex.js";

type ProviderFactory = (connection: ProviderConnection) => BatchProvider;

const FACTORIES: Record<string, ProviderFactory> = {
  openai: createOpenAIProvider,
  gemini: (connection) => createGeminiProvider(connection),
  vertex: createVertexProvider,
  anthropic: createAnthropicProvider,
};

export const PROVIDER_NAMES = Object.keys(FACTORIES);

/** Make a batch provider by name. */
export function createProvider(name: string, connection: ProviderConnection): BatchProvider {
  const factory = FACTORIES[name];
  if (!factory) throw new ConfigError(`unknown provider "${name}"; choose one of: ${PROVIDER_NAMES.join(", ")}`);
  return factory(connection);
}

/** The provider's limits without connecting (for planning and validation). */
export function providerLimits(name: string): BatchProvider["limits"] {
  return encoderFor(name).limits;
}

/**
 * A provider used only to encode lines and read limits: no credentials, no network.
 * (Vertex needs settings to construct; placeholders do, since nothing is sent.)
 */
export function encoderFor(name: string, options?: Record<string, unknown>): BatchProvider {
  return createProvider(name, { apiKey: "unused-for-encoding", options: options ?? { project_id: "unused", gcs_bucket: "unused" } });
}
