import { ConfigError } from "../errors.js";
import type { ProviderConnection } from "../providers/connection.js";
import { createAnthropicRealtime } from "./anthropic-realtime.js";
import { createGeminiRealtime, createVertexRealtime } from "./google-realtime.js";
import { createOpenAIRealtime } from "./openai-realtime.js";
import type { RealtimeClient } from "./realtime-client.js";

const FACTORIES: Record<string, (connection: ProviderConnection) => RealtimeClient> = {
  openai: createOpenAIRealtime,
  gemini: createGeminiRealtime,
  vertex: createVertexRealtime,
  anthropic: createAnthropicRealtime,
};

/** The single-request client for a provider. */
export function createRealtimeClient(name: string, connection: ProviderConnection): RealtimeClient {
  const factory = FACTORIES[name];
  if (!factory) throw new ConfigError(`realtime mode does not support provider "${name}"; choose one of: ${Object.keys(FACTORIES).join(", ")}`);
  return factory(connection);
}
