import type { GoogleGenAI } from "@google/genai";
import type { Storage } from "@google-cloud/storage";
import { SDK, onFirstUse } from "./lazy-sdk.js";
import type { ProviderConnection } from "./connection.js";
import { RETRY } from "./google-client.js";
import type { VertexSettings } from "./vertex-settings.js";

/**
 * Vertex AI and Cloud Storage clients. On the real service both use application default
 * credentials. On the emulator, Vertex gets a stand-in token client (never real
 * credentials) and Storage a custom endpoint, where it sends no credentials at all.
 */
export function vertexClients(connection: ProviderConnection, settings: VertexSettings): { ai: GoogleGenAI; storage: Storage } {
  const emulator = connection.emulatorUrl;
  const ai = onFirstUse(() => new (SDK.genai())({
    vertexai: true,
    project: settings.project,
    location: settings.location,
    ...(emulator ? { googleAuthOptions: { authClient: emulatorAuthClient() as never } } : {}),
    httpOptions: { ...(emulator ? { baseUrl: `${emulator}/vertex` } : connection.baseUrl ? { baseUrl: connection.baseUrl } : {}), ...RETRY },
  }));
  const storage = onFirstUse(() => {
    const Client = SDK.storage();
    return emulator
      ? new Client({ apiEndpoint: `${emulator}/gcs`, projectId: settings.project })
      : new Client({ projectId: settings.project, retryOptions: { autoRetry: true, maxRetries: 5 } });
  });
  return { ai, storage };
}

/** The duck-typed auth client the SDK accepts (wire-spec §3.1 a'). */
function emulatorAuthClient() {
  return {
    getRequestHeaders: async () => new Headers({ Authorization: "Bearer batchlab-emulator" }),
    getAccessToken: async () => ({ token: "batchlab-emulator" }),
  };
}
