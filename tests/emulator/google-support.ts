/** Shared helpers for the Google surface tests: an emulator with real Google SDK clients. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Storage } from "@google-cloud/storage";
import { GoogleGenAI, type BatchJob } from "@google/genai";
import { afterEach } from "vitest";
import { OAuth2Client } from "google-auth-library";
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from "../../src/emulator/index.js";

export interface GoogleTestEmulator {
  emulator: EmulatorHandle;
  /** `@google-cloud/storage` against `${url}/gcs`. */
  storage: Storage;
  /** `@google/genai` in Gemini API mode against `${url}/gemini` (API version v1, the 3.x default). */
  gemini: GoogleGenAI;
  /** `@google/genai` in Vertex mode against `${url}/vertex`, with a fake OAuth token. */
  vertex: GoogleGenAI;
  dir: string;
  close(): Promise<void>;
}

export const PROJECT = "test-project";
export const LOCATION = "us-central1";

export async function startGoogleEmulator(options: EmulatorOptions = {}): Promise<GoogleTestEmulator> {
  const emulator = await startEmulator({ batchMs: 200, ...options });
  const dir = await mkdtemp(join(tmpdir(), "batchlab-google-test-"));
  return {
    emulator,
    storage: new Storage({ apiEndpoint: `${emulator.url}/gcs`, projectId: PROJECT }),
    gemini: geminiClient(emulator.url),
    vertex: vertexClient(emulator.url),
    dir,
    close: async () => {
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function geminiClient(url: string, apiVersion?: string): GoogleGenAI {
  return new GoogleGenAI({ apiKey: "local-key", httpOptions: { baseUrl: `${url}/gemini`, ...(apiVersion ? { apiVersion } : {}) } });
}

export function vertexClient(url: string): GoogleGenAI {
  const authClient = new OAuth2Client();
  authClient.setCredentials({ access_token: "fake-token", expiry_date: Date.now() + 3_600_000 });
  return new GoogleGenAI({
    vertexai: true,
    project: PROJECT,
    location: LOCATION,
    googleAuthOptions: { authClient: authClient as never },
    httpOptions: { baseUrl: `${url}/vertex` },
  });
}

/** Replaces the fault settings through the control API. */
export async function setFaultScript(emulator: EmulatorHandle, script: unknown[]): Promise<void> {
  const response = await fetch(`${emulator.url}/_emulator/faults`, { method: "POST", body: JSON.stringify({ script }) });
  if (response.status !== 200) throw new Error(`fault script refused: ${await response.text()}`);
}

/**
 * One emulator per test, closed after it: call at the top of a test file; the function it
 * returns starts the test's emulator (`defaults` and then `options` as its settings).
 */
export function useGoogleEmulator(defaults: EmulatorOptions = {}): (options?: EmulatorOptions) => Promise<GoogleTestEmulator> {
  let current: GoogleTestEmulator | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (options = {}) => (current = await startGoogleEmulator({ ...defaults, ...options }));
}

const FINISHED = new Set(["JOB_STATE_SUCCEEDED", "JOB_STATE_FAILED", "JOB_STATE_CANCELLED", "JOB_STATE_EXPIRED"]);

/** Poll a batch job until it ends: the job, and the states seen on the way. */
export async function waitForJob(ai: GoogleGenAI, name: string, timeoutMs = 10_000): Promise<{ job: BatchJob; seen: string[] }> {
  const seen: string[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await ai.batches.get({ name });
    if (seen[seen.length - 1] !== job.state) seen.push(String(job.state));
    if (FINISHED.has(String(job.state))) return { job, seen };
    if (Date.now() > deadline) throw new Error(`${name} still ${job.state} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
