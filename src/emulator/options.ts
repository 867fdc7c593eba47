/** Options and handle of the emulator, with their defaults. */
import type { FaultSpec } from "./faults.js";
import type { RateLimitOptions, ResolvedRateLimits } from "./rate-limits/settings.js";
import type { UsageReport } from "./rate-limits/usage-log.js";
import type { Responder } from "./responders/types.js";
import type { SurfaceStats } from "./surface.js";

export interface EmulatorOptions {
  /** Port to listen on. Default 0 (a random free port). */
  port?: number;
  /** Interface to bind. Default "127.0.0.1"; the emulator never binds 0.0.0.0 unless told to. */
  host?: string;
  /** How long a batch takes from create to completed, in ms. Default 3000. */
  batchMs?: number;
  /** Fault spec (see `parseFaultSpec`), e.g. "429:0.1,slow:0.05@500". Default: no faults. */
  faults?: string;
  /** Seed of the fault dice and output shuffles. Default 1. */
  seed?: number;
  /** Folder for uploaded and generated files. Default: a fresh temp folder, removed on close. */
  dataDir?: string;
  /** OpenAI batch input limits. Default 50_000 requests and 200 MB. */
  limits?: { maxRequests?: number; maxBytes?: number };
  /** Produces the model answers. Default: the `echo` responder. */
  responder?: Responder;
  /**
   * RPM/TPM limits per model and latency of the realtime endpoints (chat completions,
   * Anthropic messages), as options or a spec like "rpm=600,tpm=60000,latency=200"
   * (see `parseRateLimitSpec`). Default: not limited, no added latency.
   */
  rateLimits?: RateLimitOptions | string;
  /** Cloud Storage buckets (under `/gcs`) that exist from the start. Default: none. */
  buckets?: string[];
}

/** Counters per surface, keyed by surface name (`openai`, later `gemini`, ...). */
export type EmulatorStats = Record<string, SurfaceStats>;

export interface EmulatorHandle {
  /** Base URL without trailing slash, e.g. "http://127.0.0.1:43121". */
  url: string;
  port: number;
  /** A snapshot of the same object as `GET /_emulator/stats`. */
  stats(): EmulatorStats;
  /** Replaces the fault settings (same grammar as `options.faults`). Throws on a bad spec. */
  setFaults(spec: string): void;
  /** Moves the emulator clock forward, like `POST /_emulator/clock`. */
  advanceClock(ms: number): void;
  /** Replaces the rate limits (buckets start full again), like `POST /_emulator/rate-limits`. Throws on bad settings. */
  setRateLimits(settings: RateLimitOptions | string): void;
  /** Served requests, tokens and 429s per surface and model, like `GET /_emulator/usage`. */
  usage(): UsageReport;
  /** Stops the server, closes open connections, removes the temp data folder. */
  close(): Promise<void>;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  batchMs: number;
  faults: FaultSpec;
  seed: number;
  limits: { maxRequests: number; maxBytes: number };
  buckets: string[];
  rateLimits: ResolvedRateLimits;
}

export const DEFAULT_BATCH_MS = 3000;
export const DEFAULT_LIMITS = { maxRequests: 50_000, maxBytes: 200 * 1024 * 1024 };
