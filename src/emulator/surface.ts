/**
 * The contract every emulated provider surface implements. A surface is a module that
 * owns one URL prefix (e.g. `/openai/v1`), its own stats object and its own error shape;
 * the server does routing, auth gating, faults and the control API around it.
 */
import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import type { Clock } from "./clock.js";
import type { FaultController } from "./fault-controller.js";
import type { RateLimiter } from "./rate-limits/limiter.js";
import type { Responder } from "./responders/types.js";

/** What a handler returns; the server writes it (or drops it, for `drop_after`). */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON with `content-type: application/json`. */
  json?: unknown;
  /** Raw bytes or a stream (e.g. file content read from disk). */
  body?: string | Buffer | Readable;
}

/** One request as a surface sees it. */
export interface RequestContext {
  req: IncomingMessage;
  method: string;
  url: URL;
  /** The path below the surface prefix, e.g. `/files/file-abc` for `/openai/v1/files/file-abc`. */
  path: string;
  /** A fresh id for this request, echoed back in the surface's request-id header. */
  requestId: string;
}

/** Counters shown under the surface's key in `GET /_emulator/stats`. */
export interface SurfaceStats {
  /** HTTP requests the surface received (including faulted and rejected ones). */
  requests: number;
  /** Faults injected on this surface: request faults plus batch row/expiry faults. */
  faults_injected: number;
  [counter: string]: number;
}

/** The failures the server produces on a surface's behalf, in that surface's own error shape. */
export type StandardFailure = "unauthorized" | "rate_limited" | "server_error" | "overloaded" | "internal";

export interface Surface {
  /** Key in the stats object, e.g. `openai`. */
  readonly name: string;
  /** URL prefix without trailing slash, e.g. `/openai/v1`. */
  readonly prefix: string;
  readonly stats: SurfaceStats;
  /** True when the request carries the API key this provider expects (any non-empty value). */
  authenticate(req: IncomingMessage): boolean;
  handle(context: RequestContext): Promise<Reply>;
  /** Formats a server-side failure (401, 429, 500, 503, unexpected error) the way the provider does. */
  failure(kind: StandardFailure, context: RequestContext, detail?: string): Reply;
  /**
   * The `quota` fault: billing quota used up, in the provider's non-retryable shape (OpenAI:
   * 429 `insufficient_quota` with `x-should-retry: false`). Surfaces without it answer the
   * fault with their `rate_limited` failure.
   */
  quotaExhausted?(context: RequestContext): Reply;
  /** Control API: expire a running batch now. Undefined when the id is not one of this surface's. */
  expireBatch?(id: string): Promise<Reply | undefined>;
}

/** What the server hands each surface factory. */
export interface EmulatorContext {
  clock: Clock;
  faults: FaultController;
  /** The surface's own folder for uploaded and generated files. */
  dataDir: string;
  /** Time from create to completed for a batch, in ms. */
  batchMs: number;
  seed: number;
  responder: Responder;
  limits: { maxRequests: number; maxBytes: number };
  /** The emulator's data folder (each surface's `dataDir` is a sub-folder of it). */
  rootDir: string;
  /** Services surfaces share within one emulator, by name (e.g. the GCS store Vertex reads and writes). */
  shared: Map<string, unknown>;
  /** Cloud Storage buckets that exist from the start. */
  buckets: string[];
  /** The shared RPM/TPM limiter and latency of realtime endpoints (see `runWithinLimits`). */
  rateLimits: RateLimiter;
}

/** Makes a stats object with the common counters plus the surface's own, all zero. */
export function createStats(...counters: string[]): SurfaceStats {
  const stats: SurfaceStats = { requests: 0, faults_injected: 0 };
  for (const counter of counters) stats[counter] = 0;
  return stats;
}

export function resetStats(stats: SurfaceStats): void {
  for (const key of Object.keys(stats)) stats[key] = 0;
}
