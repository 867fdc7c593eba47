import type { GoogleGenAI } from "@google/genai";
import type { ProviderConnection } from "../providers/connection.js";
import { resultFromResponse, type GenerateContentRequest } from "../providers/google-api.js";
import { NO_RETRY, geminiClient } from "../providers/google-client.js";
import { vertexClients } from "../providers/vertex-clients.js";
import { vertexSettings } from "../providers/vertex-settings.js";
import { estimateLineTokens, type RealtimeClient } from "./realtime-client.js";

/** Gemini API `generateContent`, one call per row (no rate-limit headers: 429s steer it). */
export function createGeminiRealtime(connection: ProviderConnection): RealtimeClient {
  return googleRealtime("gemini", geminiClient(connection));
}

/** Vertex AI `generateContent`, one call per row. */
export function createVertexRealtime(connection: ProviderConnection): RealtimeClient {
  return googleRealtime("vertex", vertexClients(connection, vertexSettings(connection.options)).ai);
}

function googleRealtime(name: string, ai: GoogleGenAI): RealtimeClient {
  return {
    name,
    estimateTokens: estimateLineTokens,
    async send(line, model, signal) {
      const { key, request } = JSON.parse(line) as { key: string; request: GenerateContentRequest };
      const { contents, systemInstruction, generationConfig } = request;
      const response = await ai.models.generateContent({
        model,
        contents,
        config: { ...(systemInstruction ? { systemInstruction } : {}), ...generationConfig, httpOptions: NO_RETRY, abortSignal: signal },
      });
      return { result: resultFromResponse(key, response as never) };
    },
  };
}
