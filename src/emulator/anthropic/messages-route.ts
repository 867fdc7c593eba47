/**
 * `POST /v1/messages` (spec §5.3): the responder answers under the shared RPM/TPM limits
 * (429 `rate_limit_error` when over), after the configured latency, with
 * `anthropic-ratelimit-*` headers.
 */
import { readJsonObject, route, type Route } from "../http.js";
import type { RateLimiter } from "../rate-limits/limiter.js";
import { runWithinLimits } from "../rate-limits/run-within-limits.js";
import type { Responder } from "../responders/types.js";
import type { SurfaceStats } from "../surface.js";
import { toChatRequest, toMessage } from "./messages-wire.js";
import { anthropicRateLimitHeaders, anthropicRateLimitReply } from "./rate-limit.js";

export function messageRoutes(responder: Responder, stats: SurfaceStats, limiter: RateLimiter): Route[] {
  return [
    route("POST", "/v1/messages", async ({ req, requestId }) => {
      const request = toChatRequest(await readJsonObject(req));
      const outcome = await runWithinLimits(limiter, { surface: "anthropic", stats, request, responder });
      if (!outcome.ok) return anthropicRateLimitReply(outcome.denial, requestId);
      stats.messages++;
      return { status: 200, headers: anthropicRateLimitHeaders(outcome.snapshot), json: toMessage(outcome.response, request.model, "standard") };
    }),
  ];
}
