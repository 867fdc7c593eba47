import { resolveConnection } from "../providers/connection.js";
import { createProvider } from "../providers/registry.js";
import type { RemoteBatchSummary } from "../types.js";

/** The newest batches on the provider account (a batch viewer), with batchlab's tags. */
export async function listRemoteBatches(
  options: { provider?: string; limit?: number; emulatorUrl?: string; /** Vertex: { project_id, location } */ settings?: Record<string, unknown> } = {},
): Promise<RemoteBatchSummary[]> {
  const name = options.provider ?? "openai";
  const provider = createProvider(name, resolveConnection(name, { emulatorUrl: options.emulatorUrl, options: options.settings }));
  return provider.list(options.limit ?? 20);
}
