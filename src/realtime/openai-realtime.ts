import { SDK, onFirstUse } from "../providers/lazy-sdk.js";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import type { ProviderConnection } from "../providers/connection.js";
import { resultFromCompletion, type ChatBody } from "../providers/openai-api.js";
import { estimateLineTokens, numberHeader, type RealtimeClient } from "./realtime-client.js";

/** Chat Completions on any OpenAI-compatible server (OpenAI, DeepSeek, vLLM, Ollama, llama.cpp). */
export function createOpenAIRealtime(connection: ProviderConnection): RealtimeClient {
  // Retries are the runner's, so every attempt goes through the rate limiter.
  const client = onFirstUse(() => new (SDK.openai())({ apiKey: connection.apiKey, baseURL: connection.baseUrl, maxRetries: 0 }));
  return {
    name: "openai",
    estimateTokens: estimateLineTokens,
    async send(line, _model, signal) {
      const { custom_id: key, body } = JSON.parse(line) as { custom_id: string; body: ChatCompletionCreateParamsNonStreaming };
      const { data, response } = await client.chat.completions.create(body, { signal }).withResponse();
      return {
        result: resultFromCompletion(key, data as ChatBody),
        snapshot: {
          remainingRequests: numberHeader(response.headers, "x-ratelimit-remaining-requests"),
          remainingTokens: numberHeader(response.headers, "x-ratelimit-remaining-tokens"),
        },
      };
    },
  };
}
