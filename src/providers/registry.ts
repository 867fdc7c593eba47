import { ConfigError } from "../errors.js";
import type { BatchProvider } from "../types.js";
import type { ProviderConnection } from "./connection.js";
import { createOpenAIProvider } from "./openai.js";

type ProviderFactory = (connection: ProviderConnection) => BatchProvider;

const FACTORIES: Record<string, ProviderFactory> = {
  openai: createOpenAIProvider,
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
  return createProvider(name, { apiKey: "unused" }).limits;
}
