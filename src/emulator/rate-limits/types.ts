/** What the limiter reports to the surfaces, which turn it into their own headers and 429 bodies. */

/** The state of one model's buckets after a request: what rate-limit headers report. */
export interface RateLimitSnapshot {
  /** Requests per minute in force (a generous fixed number when not limited). */
  limitRequests: number;
  /** Tokens per minute in force (a generous fixed number when not limited). */
  limitTokens: number;
  remainingRequests: number;
  remainingTokens: number;
  /** Time until the request bucket is full again, in ms. */
  resetRequestsMs: number;
  /** Time until the token bucket is full again, in ms. */
  resetTokensMs: number;
}

/** Why a request was refused (a 429 from the limits, not an injected fault). */
export interface RateLimitDenial {
  /** Which limit refused: requests per minute or tokens per minute. */
  limit: "requests" | "tokens";
  surface: string;
  model: string;
  /** The per-minute limit that refused. */
  perMinute: number;
  /** How much of it is in use now (whole units). */
  used: number;
  /** What the request asked for: 1 request, or its estimated tokens. */
  requested: number;
  /** When both buckets will hold enough for this request, in ms. */
  retryAfterMs: number;
  /** The request alone exceeds the per-minute limit: waiting never helps (send it smaller). */
  tooLarge: boolean;
  snapshot: RateLimitSnapshot;
}

/** Headers and limits shown when a dimension is not limited (the emulator's old fixed numbers). */
export const GENEROUS_LIMITS = { requests: 10_000, tokens: 30_000_000 };
