/**
 * The realtime hook every surface calls instead of the responder: admit under the limits,
 * answer, wait the configured latency, settle the tokens. A surface then turns the outcome
 * into its own reply (headers from `snapshot`, or its 429 body from `denial`).
 *
 * Gemini `generateContent`, for example, replaces `await responder(request)` with
 *   const outcome = await runWithinLimits(context.rateLimits, { surface: "gemini", stats, request, responder });
 *   if (!outcome.ok) return googleRateLimitReply(outcome.denial);
 * and reads the answer from `outcome.response`.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { ChatRequest, ChatResponse, Responder } from "../responders/types.js";
import type { SurfaceStats } from "../surface.js";
import { chatPromptTokens } from "../tokens.js";
import type { RateLimiter } from "./limiter.js";
import type { RateLimitDenial, RateLimitSnapshot } from "./types.js";

export interface LimitedCall {
  /** Usage key, usually the surface name (`openai`, `anthropic`, `gemini`). */
  surface: string;
  /** The surface's stats; `rate_limited` counts the refusals. */
  stats: SurfaceStats;
  request: ChatRequest;
  responder: Responder;
}

export type LimitedOutcome =
  | { ok: true; response: ChatResponse; snapshot: RateLimitSnapshot; latencyMs: number }
  | { ok: false; denial: RateLimitDenial };

export async function runWithinLimits(limiter: RateLimiter, call: LimitedCall): Promise<LimitedOutcome> {
  const { request } = call;
  const admission = limiter.admit(call.surface, request.model, estimateTokens(request));
  if (!admission.ok) {
    call.stats.rate_limited = (call.stats.rate_limited ?? 0) + 1;
    return admission;
  }
  let response: ChatResponse;
  try {
    response = await call.responder(request);
  } catch (error) {
    admission.release();
    throw error;
  }
  const latencyMs = limiter.latencyMs();
  if (latencyMs > 0) await sleep(latencyMs);
  return { ok: true, response, snapshot: admission.settle(response.usage), latencyMs };
}

/**
 * Tokens charged at admission: the prompt (same tokenizer as the echo responder's usage)
 * plus `maxTokens × n` when a limit is sent (nothing for the completion otherwise).
 */
export function estimateTokens(request: ChatRequest): number {
  return chatPromptTokens(request) + (request.maxTokens ?? 0) * request.n;
}
