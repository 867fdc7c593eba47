/**
 * OpenAI's rate-limit wire (spec §1.5): `x-ratelimit-*` headers with duration strings, the
 * 429 bodies of the shared limiter (`type` "requests" or "tokens"), and the non-retryable
 * `insufficient_quota` 429 of the `quota` fault.
 */
import { GENEROUS_LIMITS, type RateLimitDenial, type RateLimitSnapshot } from "../rate-limits/types.js";
import type { Reply } from "../surface.js";

export type { RateLimitSnapshot } from "../rate-limits/types.js";
export { GENEROUS_LIMITS } from "../rate-limits/types.js";

/** What an injected 429 fault reports: nothing left, back in a moment. */
export const EXHAUSTED_RATE_LIMITS: RateLimitSnapshot = {
  limitRequests: GENEROUS_LIMITS.requests,
  limitTokens: GENEROUS_LIMITS.tokens,
  remainingRequests: 0,
  remainingTokens: 0,
  resetRequestsMs: 200,
  resetTokensMs: 200,
};

const ORGANIZATION = "org-batchlab-emulator";
const LIMITS_DOCS = "Visit https://platform.openai.com/account/rate-limits to learn more.";

export function rateLimitHeaders(snapshot: RateLimitSnapshot): Record<string, string> {
  return {
    "x-ratelimit-limit-requests": String(snapshot.limitRequests),
    "x-ratelimit-limit-tokens": String(snapshot.limitTokens),
    "x-ratelimit-remaining-requests": String(snapshot.remainingRequests),
    "x-ratelimit-remaining-tokens": String(snapshot.remainingTokens),
    "x-ratelimit-reset-requests": formatDuration(snapshot.resetRequestsMs),
    "x-ratelimit-reset-tokens": formatDuration(snapshot.resetTokensMs),
  };
}

/** The 429 of a request the configured RPM/TPM limits refused, worded like the real one. */
export function openaiRateLimitReply(denial: RateLimitDenial): Reply {
  const per = denial.limit === "requests" ? "requests per min (RPM)" : "tokens per min (TPM)";
  const headers: Record<string, string> = {
    ...rateLimitHeaders(denial.snapshot),
    "retry-after": String(Math.max(1, Math.ceil(denial.retryAfterMs / 1000))),
    "retry-after-ms": String(denial.retryAfterMs),
  };
  if (denial.tooLarge) {
    // Waiting never makes it fit, so tell the SDK not to retry.
    headers["x-should-retry"] = "false";
    const message = `Request too large for ${denial.model} in organization ${ORGANIZATION} on ${per}: Limit ${denial.perMinute}, Requested ${denial.requested}. The input or output tokens must be reduced in order to run successfully. ${LIMITS_DOCS}`;
    return rateLimitError(429, message, { type: "tokens", code: "rate_limit_exceeded", headers });
  }
  const message = `Rate limit reached for ${denial.model} in organization ${ORGANIZATION} on ${per}: Limit ${denial.perMinute}, Used ${denial.used}, Requested ${denial.requested}. Please try again in ${formatDuration(denial.retryAfterMs)}. ${LIMITS_DOCS}`;
  return rateLimitError(429, message, { type: denial.limit, code: "rate_limit_exceeded", headers });
}

/** The `quota` fault: billing quota used up. `x-should-retry: false` stops the SDK's retries. */
export function openaiQuotaReply(): Reply {
  return rateLimitError(
    429,
    "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors. (fault injected by the batchlab emulator)",
    { type: "insufficient_quota", code: "insufficient_quota", headers: { "x-should-retry": "false" } },
  );
}

/** OpenAI's (Go-style) duration strings: `0s`, `120ms`, `1s`, `8.64s`, `6m0s`, `1m30.5s`. */
export function formatDuration(ms: number): string {
  const rounded = Math.max(0, Math.ceil(ms));
  if (rounded === 0) return "0s";
  if (rounded < 1000) return `${rounded}ms`;
  const hours = Math.floor(rounded / 3_600_000);
  const minutes = Math.floor((rounded % 3_600_000) / 60_000);
  const seconds = `${Number(((rounded % 60_000) / 1000).toFixed(3))}s`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}`;
  return minutes > 0 ? `${minutes}m${seconds}` : seconds;
}

/** Built here rather than with `openaiError`, which imports this file for its fault 429s. */
function rateLimitError(status: number, message: string, options: { type: string; code: string; headers: Record<string, string> }): Reply {
  return { status, headers: options.headers, json: { error: { message, type: options.type, param: null, code: options.code } } };
}
