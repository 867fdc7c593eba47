/**
 * Rate-limit headers of the chat endpoint. For now the numbers are fixed and generous;
 * a real RPM/TPM limiter only has to produce a `RateLimitSnapshot` per request.
 */

/** What `x-ratelimit-*` headers report for one request. */
export interface RateLimitSnapshot {
  limitRequests: number;
  limitTokens: number;
  remainingRequests: number;
  remainingTokens: number;
  /** Time until the request budget is full again, in ms. */
  resetRequestsMs: number;
  /** Time until the token budget is full again, in ms. */
  resetTokensMs: number;
}

export const GENEROUS_LIMITS = { requests: 10_000, tokens: 30_000_000 };

/** The snapshot after a request that used `tokens`, under the fixed generous limits. */
export function generousRateLimits(tokens: number): RateLimitSnapshot {
  return {
    limitRequests: GENEROUS_LIMITS.requests,
    limitTokens: GENEROUS_LIMITS.tokens,
    remainingRequests: GENEROUS_LIMITS.requests - 1,
    remainingTokens: Math.max(0, GENEROUS_LIMITS.tokens - tokens),
    resetRequestsMs: 6,
    resetTokensMs: Math.ceil((tokens / GENEROUS_LIMITS.tokens) * 60_000),
  };
}

/** What a 429 reports: nothing left, back in a moment. */
export const EXHAUSTED_RATE_LIMITS: RateLimitSnapshot = {
  limitRequests: GENEROUS_LIMITS.requests,
  limitTokens: GENEROUS_LIMITS.tokens,
  remainingRequests: 0,
  remainingTokens: 0,
  resetRequestsMs: 200,
  resetTokensMs: 200,
};

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

/** OpenAI's duration strings: `120ms`, `1s`, `6m0s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}m${seconds % 60}s`;
}
