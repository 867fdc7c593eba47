import type { BatchJob, GoogleGenAI, HttpOptions } from "@google/genai";
import { SDK, onFirstUse } from "./lazy-sdk.js";
import type { ProviderConnection } from "./connection.js";

/** Retries for idempotent calls (get, list, download); batch creation passes `NO_RETRY`. */
export const RETRY: HttpOptions = { retryOptions: { attempts: 5, initialDelay: 0.5, maxDelay: 8 } };
export const NO_RETRY: HttpOptions = { retryOptions: { attempts: 1 } };

/** A Gemini Developer API client (API key). */
export function geminiClient(connection: ProviderConnection): GoogleGenAI {
  return onFirstUse(() => {
    const Client = SDK.genai();
    return new Client({ apiKey: connection.apiKey, httpOptions: { ...(connection.baseUrl ? { baseUrl: connection.baseUrl } : {}), ...RETRY } });
  });
}

/** Every remote batch name becomes a file-safe stem for raw downloads. */
export function fileStem(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "_");
}

/** How far back `find` looks for a job lost between create and record. */
const FIND_SCAN_LIMIT = 2_000;

/** The job whose display name carries this tag (Google jobs have no metadata), newest first. */
export async function findJobByDisplayName(ai: GoogleGenAI, displayName: string): Promise<BatchJob | undefined> {
  let scanned = 0;
  for await (const job of await ai.batches.list({ config: { pageSize: 100 } })) {
    if (job.displayName === displayName) return job;
    if (++scanned >= FIND_SCAN_LIMIT) break;
  }
  return undefined;
}

/** The newest `limit` jobs. */
export async function newestJobs(ai: GoogleGenAI, limit: number): Promise<BatchJob[]> {
  const jobs: BatchJob[] = [];
  for await (const job of await ai.batches.list({ config: { pageSize: Math.min(limit, 100) } })) {
    jobs.push(job);
    if (jobs.length >= limit) break;
  }
  return jobs;
}
