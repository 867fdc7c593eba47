/**
 * Anthropic's rate-limit wire (spec §5.3): `anthropic-ratelimit-{requests|tokens}-{limit|
 * remaining|reset}` headers with RFC 3339 reset times, and the 429 `rate_limit_error` with
 * `retry-after` in whole seconds. The shared limiter has one token bucket (input + output),
 * so the separate input-tokens/output-tokens headers are not sent.
 */
import type { RateLimitDenial, RateLimitSnapshot } from "../rate-limits/types.js";
import type { Reply } from "../surface.js";
import { anthropicError } from "./errors.js";

const LIMITS_DOCS = "For details, refer to: https://docs.claude.com/en/api/rate-limits.";

/** Reset times are wall-clock (what a client compares them with), not the emulator clock. */
export function anthropicRateLimitHeaders(snapshot: RateLimitSnapshot, nowMs = Date.now()): Record<string, string> {
  return {
    "anthropic-ratelimit-requests-limit": String(snapshot.limitRequests),
    "anthropic-ratelimit-requests-remaining": String(snapshot.remainingRequests),
    "anthropic-ratelimit-requests-reset": new Date(nowMs + snapshot.resetRequestsMs).toISOString(),
    "anthropic-ratelimit-tokens-limit": String(snapshot.limitTokens),
    "anthropic-ratelimit-tokens-remaining": String(snapshot.remainingTokens),
    "anthropic-ratelimit-tokens-reset": new Date(nowMs + snapshot.resetTokensMs).toISOString(),
  };
}

/** The 429 of a request the configured limits refused. */
export function anthropicRateLimitReply(denial: RateLimitDenial, requestId: string): Reply {
  const unit = denial.limit === "requests" ? "requests" : "tokens";
  const headers: Record<string, string> = {
    ...anthropicRateLimitHeaders(denial.snapshot),
    "retry-after": String(Math.max(1, Math.ceil(denial.retryAfterMs / 1000))),
  };
  let message = `This request would exceed your organization's rate limit of ${denial.perMinute} ${unit} per minute (model: ${denial.model}). ${LIMITS_DOCS} You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.`;
  if (denial.tooLarge) {
    // Waiting never makes it fit, so tell the SDK not to retry.
    headers["x-should-retry"] = "false";
    message = `This request needs ${denial.requested} tokens, more than your organization's rate limit of ${denial.perMinute} tokens per minute (model: ${denial.model}). ${LIMITS_DOCS} Please reduce the prompt length or the maximum tokens requested.`;
  }
  return anthropicError(429, message, { requestId, headers });
}
