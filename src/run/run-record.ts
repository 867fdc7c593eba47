import type { ResolvedStep } from "../data/config.js";
import type { Journal } from "./journal.js";
import type { RateLimits } from "../realtime/rate-limiter.js";

/**
 * What a run was asked to do, stored in the journal when it is created. It holds no secret:
 * the API key is looked up again (config `${ENV}` or the provider's variable) on resume.
 */
export interface RunRecord {
  runId: string;
  createdAt: string;
  provider: string;
  /** The step as resolved, without its API key. */
  step: Omit<ResolvedStep, "apiKey">;
  /** The variable the key came from, when the config named one (`${MY_KEY}`). */
  apiKeyVariable?: string;
  dataset: { path: string; inputFile: string; imageDir?: string; sha256: string; bytes: number; format: string; shape: string };
  dataKey?: string;
  configFile?: string;
  configHash: string;
  limits: { maxRequests: number; maxBytes: number };
  /** Set when the run talks to the emulator, so `resume` finds it again. */
  emulatorUrl?: string;
  /** How unfinished chunks are driven: as provider batches, or row by row (default batch). */
  mode?: "batch" | "realtime";
  /** Realtime limits (requests and tokens per minute, concurrency). */
  rateLimits?: RateLimits;
  /** Most USD a realtime run may spend before it stops sending. */
  budgetUsd?: number;
  /** Lifecycle: preparing → prepared → done. */
  state?: "preparing" | "prepared" | "done";
}

export function readRunRecord(journal: Journal): RunRecord | undefined {
  const text = journal.getMeta("run");
  return text ? (JSON.parse(text) as RunRecord) : undefined;
}

export function writeRunRecord(journal: Journal, record: RunRecord): void {
  journal.setMeta("run", JSON.stringify(record));
}
