import { SDK, onFirstUse } from "../providers/lazy-sdk.js";
import type { MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages";
import { resultFromIndividual } from "../providers/anthropic-api.js";
import type { ProviderConnection } from "../providers/connection.js";
import { estimateLineTokens, numberHeader, type RealtimeClient } from "./realtime-client.js";

/** Anthropic Messages, one call per row. */
export function createAnthropicRealtime(connection: ProviderConnection): RealtimeClient {
  const client = onFirstUse(() => new (SDK.anthropic())({ apiKey: connection.apiKey, baseURL: connection.baseUrl, maxRetries: 0 }));
  return {
    name: "anthropic",
    estimateTokens: estimateLineTokens,
    async send(line, _model, signal) {
      const { custom_id: key, params } = JSON.parse(line) as { custom_id: string; params: MessageCreateParamsNonStreaming };
      const { data, response } = await client.messages.create(params, { signal }).withResponse();
      return {
        result: resultFromIndividual({ custom_id: key, result: { type: "succeeded", message: data as never } }),
        snapshot: {
          remainingRequests: numberHeader(response.headers, "anthropic-ratelimit-requests-remaining"),
          remainingTokens: numberHeader(response.headers, "anthropic-ratelimit-tokens-remaining"),
        },
      };
    },
  };
}
