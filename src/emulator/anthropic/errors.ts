/** Anthropic's error shape: `{"type":"error","error":{"type","message"},"request_id"}`. */
import { deriveSeed } from "../random.js";
import type { Reply, RequestContext, StandardFailure } from "../surface.js";

/** Error `type` per HTTP status, as the Messages API uses them. */
const TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  402: "billing_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

/** Marks simulated failures so nobody mistakes them for real provider trouble. */
const SIMULATED = "(fault injected by the batchlab emulator)";

/** The error object inside a body or a batch result: `{"type":"error","error":{type,message}}`. */
export function errorObject(type: string, message: string): { type: "error"; error: { type: string; message: string } } {
  return { type: "error", error: { type, message } };
}

export function anthropicError(
  status: number,
  message: string,
  options: { type?: string; requestId?: string; headers?: Record<string, string> } = {},
): Reply {
  const type = options.type ?? TYPES[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
  return { status, headers: options.headers, json: { ...errorObject(type, message), request_id: options.requestId ?? null } };
}

/** The failures the server produces on this surface's behalf. */
export function anthropicFailure(kind: StandardFailure, context: RequestContext, detail?: string): Reply {
  const requestId = context.requestId;
  switch (kind) {
    case "unauthorized":
      return anthropicError(401, "x-api-key header is required. Send your key as x-api-key or Authorization: Bearer; the batchlab emulator accepts any non-empty key.", { requestId });
    case "rate_limited": {
      // Short waits keep retrying tests fast; the SDK reads retry-after-ms before retry-after.
      const waitMs = 50 + (deriveSeed(context.requestId) % 151);
      const headers = { "retry-after": String(Math.ceil(waitMs / 1000)), "retry-after-ms": String(waitMs) };
      return anthropicError(429, `This request would exceed the rate limit for your organization. ${SIMULATED}`, { requestId, headers });
    }
    case "server_error":
      return anthropicError(500, `Internal server error ${SIMULATED}`, { requestId });
    case "overloaded":
      // Anthropic reports overload as 529, not 503.
      return anthropicError(529, `Overloaded ${SIMULATED}`, { requestId });
    case "internal":
      return anthropicError(500, `The batchlab emulator failed while handling this request: ${detail ?? "unknown error"}. This is an emulator bug; please report it.`, { requestId });
  }
}

/** The `quota` fault: out of credit. 402 `billing_error`, never retried. */
export function anthropicQuotaReply(context: RequestContext): Reply {
  return anthropicError(402, `Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits. ${SIMULATED}`, {
    requestId: context.requestId,
    headers: { "x-should-retry": "false" },
  });
}
