/** OpenAI's error shape: `{"error":{"message","type","param","code"}}` plus its headers. */
import { deriveSeed } from "../random.js";
import type { Reply, RequestContext, StandardFailure } from "../surface.js";
import { rateLimitHeaders, EXHAUSTED_RATE_LIMITS } from "./rate-limit.js";

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function openaiError(
  status: number,
  message: string,
  options: { type?: string; param?: string | null; code?: string | null; headers?: Record<string, string> } = {},
): Reply {
  const body: OpenAIErrorBody = {
    error: { message, type: options.type ?? defaultType(status), param: options.param ?? null, code: options.code ?? null },
  };
  return { status, json: body, headers: options.headers };
}

/** Marks simulated failures so nobody mistakes them for real provider trouble. */
const SIMULATED = "(fault injected by the batchlab emulator)";

/** The failures the server produces on this surface's behalf. */
export function openaiFailure(kind: StandardFailure, context: RequestContext, detail?: string): Reply {
  switch (kind) {
    case "unauthorized":
      return openaiError(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). The batchlab emulator accepts any non-empty key.",
      );
    case "rate_limited": {
      // Short waits keep retrying tests fast; retry-after-ms is what the SDK reads first.
      const waitMs = 50 + (deriveSeed(context.requestId) % 151);
      return openaiError(
        429,
        `Rate limit reached for requests per min (RPM): Limit 10000, Used 10000, Requested 1. Please try again in ${waitMs}ms. ${SIMULATED}`,
        {
          type: "requests",
          code: "rate_limit_exceeded",
          headers: { "retry-after": String(Math.ceil(waitMs / 1000)), "retry-after-ms": String(waitMs), ...rateLimitHeaders(EXHAUSTED_RATE_LIMITS) },
        },
      );
    }
    case "server_error":
      return openaiError(500, `The server had an error while processing your request. Sorry about that! ${SIMULATED}`);
    case "overloaded":
      return openaiError(503, `The engine is currently overloaded, please try again later. ${SIMULATED}`);
    case "internal":
      return openaiError(500, `The batchlab emulator failed while handling this request: ${detail ?? "unknown error"}. This is an emulator bug; please report it.`);
  }
}

function defaultType(status: number): string {
  return status >= 500 ? "server_error" : "invalid_request_error";
}
