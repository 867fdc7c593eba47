/**
 * Google's 429s for the Gemini surfaces, ready to return from a route: a `RESOURCE_EXHAUSTED`
 * status with `QuotaFailure` and `RetryInfo` details. Google sends no rate-limit headers.
 */
import type { Reply } from "../surface.js";
import type { RateLimitDenial } from "./types.js";

const QUOTA_IDS = {
  requests: { metric: "generativelanguage.googleapis.com/generate_content_requests", id: "GenerateRequestsPerMinutePerProjectPerModel" },
  tokens: { metric: "generativelanguage.googleapis.com/generate_content_input_token_count", id: "GenerateContentInputTokensPerModelPerMinute" },
};

/** The 429 for a request the configured limits refused. */
export function googleRateLimitReply(denial: RateLimitDenial): Reply {
  const quota = QUOTA_IDS[denial.limit];
  const what = denial.limit === "requests" ? "requests" : "tokens";
  const message = denial.tooLarge
    ? `The request needs ${denial.requested} tokens but the limit is ${denial.perMinute} ${what} per minute for model ${denial.model}; send a smaller request. (batchlab emulator rate limit)`
    : `You exceeded your current quota: ${denial.perMinute} ${what} per minute for model ${denial.model}. Please retry in ${seconds(denial.retryAfterMs)}. (batchlab emulator rate limit)`;
  return {
    status: 429,
    json: {
      error: {
        code: 429,
        message,
        status: "RESOURCE_EXHAUSTED",
        details: [
          {
            "@type": "type.googleapis.com/google.rpc.QuotaFailure",
            violations: [{ quotaMetric: quota.metric, quotaId: quota.id, quotaDimensions: { location: "global", model: denial.model }, quotaValue: String(denial.perMinute) }],
          },
          { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: seconds(denial.retryAfterMs) },
        ],
      },
    },
  };
}

/** The 429 of the `quota` fault: billing quota used up, no RetryInfo (retrying does not help). */
export function googleQuotaReply(): Reply {
  return {
    status: 429,
    json: {
      error: {
        code: 429,
        message: "You exceeded your current quota, please check your plan and billing details. (fault injected by the batchlab emulator)",
        status: "RESOURCE_EXHAUSTED",
      },
    },
  };
}

/** A protobuf JSON Duration: `12s`, `0.25s`. */
function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}s`;
}
