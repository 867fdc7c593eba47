/**
 * `POST /chat/completions` (spec §1.5): the responder answers under the shared RPM/TPM
 * limits (429 `requests`/`tokens` when over), after the configured latency, with
 * `x-ratelimit-*` headers.
 */
import type { Clock } from "../clock.js";
import { readJsonObject, route, type Route } from "../http.js";
import type { RateLimiter } from "../rate-limits/limiter.js";
import { runWithinLimits } from "../rate-limits/run-within-limits.js";
import type { Responder } from "../responders/types.js";
import type { SurfaceStats } from "../surface.js";
import { toChatCompletion, toChatRequest } from "./chat-wire.js";
import { openaiRateLimitReply, rateLimitHeaders } from "./rate-limit.js";

export function chatRoutes(responder: Responder, clock: Clock, stats: SurfaceStats, limiter: RateLimiter): Route[] {
  return [
    route("POST", "/chat/completions", async ({ req }) => {
      const started = Date.now();
      const request = toChatRequest(await readJsonObject(req));
      const outcome = await runWithinLimits(limiter, { surface: "openai", stats, request, responder });
      if (!outcome.ok) return openaiRateLimitReply(outcome.denial);
      stats.chat_completions++;
      return {
        status: 200,
        headers: { ...rateLimitHeaders(outcome.snapshot), "openai-processing-ms": String(Date.now() - started) },
        json: toChatCompletion(outcome.response, request.model, clock.now()),
      };
    }),
  ];
}
