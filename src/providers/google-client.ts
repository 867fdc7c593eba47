import { GoogleGenAI, type HttpOptions } from "@google/genai";
import type { ProviderConnection } from "./connection.js";

/** Retries for idempotent calls (get, list, download); batch creation passes `NO_RETRY`. */
export const RETRY: HttpOptions = { retryOptions: { attempts: 5, initialDelay: 0.5, maxDelay: 8 } };
export const NO_RETRY: HttpOptions = { retryOptions: { attempts: 1 } };

/** A Gemini Developer API client (API key). */
export function geminiClient(connection: ProviderConnection): GoogleGenAI {
  return new GoogleGenAI({
    apiKey: connection.apiKey,
    httpOptions: { ...(connection.baseUrl ? { baseUrl: connection.baseUrl } : {}), ...RETRY },
  });
}

/** Every remote batch name becomes a file-safe stem for raw downloads. */
export function fileStem(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "_");
}
