/**
 * Google's error shape, shared by the Gemini API and Vertex AI surfaces:
 * `{"error":{"code": <HTTP status>, "message", "status": "<google.rpc.Code name>", "details"?}}`.
 * Per-row errors inside batch output use `google.rpc.Status` instead, where `code` is the
 * numeric RPC code (3 = INVALID_ARGUMENT), not the HTTP status.
 */
import { RequestError } from "../http.js";
import { deriveSeed } from "../random.js";
import type { Reply, RequestContext, StandardFailure } from "../surface.js";

/** `google.rpc.Status`, as batch output rows and failed operations carry it. */
export interface RpcStatus {
  code: number;
  message: string;
  status?: string;
}

/** Numeric code of each `google.rpc.Code` name. */
export const RPC_CODES: Record<string, number> = {
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
};

/** The status name Google pairs with each HTTP status by default. */
const STATUS_BY_HTTP: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ALREADY_EXISTS",
  413: "INVALID_ARGUMENT",
  429: "RESOURCE_EXHAUSTED",
  499: "CANCELLED",
  500: "INTERNAL",
  501: "UNIMPLEMENTED",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

/** Marks simulated failures so nobody mistakes them for real provider trouble. */
export const SIMULATED = "(fault injected by the batchlab emulator)";

export function googleError(httpStatus: number, message: string, status?: string, details?: unknown[]): Reply {
  const error: Record<string, unknown> = { code: httpStatus, message, status: status ?? statusName(httpStatus) };
  if (details) error.details = details;
  return { status: httpStatus, json: { error } };
}

/** A `RequestError` thrown by a handler, in Google's shape; its `type` is the status name when set. */
export function fromRequestError(error: RequestError): Reply {
  return googleError(error.status, error.message, error.type);
}

/** A 400 `FAILED_PRECONDITION` request error (e.g. cancelling a finished job). */
export function failedPrecondition(message: string): RequestError {
  return new RequestError(400, message, null, null, "FAILED_PRECONDITION");
}

/** Google's "not found" wording, with the name that was asked for. */
export function notFound(what: string): RequestError {
  return new RequestError(404, `Requested entity was not found: ${what}.`);
}

export function statusName(httpStatus: number): string {
  return STATUS_BY_HTTP[httpStatus] ?? (httpStatus >= 500 ? "INTERNAL" : "INVALID_ARGUMENT");
}

/** The rpc status of a row error, e.g. `{code: 3, message, status: "INVALID_ARGUMENT"}`. */
export function rpcStatus(status: string, message: string): RpcStatus {
  return { code: RPC_CODES[status] ?? RPC_CODES.UNKNOWN, message, status };
}

/** The failures the server produces on a Google surface's behalf (auth is per surface). */
export function googleFailure(kind: Exclude<StandardFailure, "unauthorized">, context: RequestContext, detail?: string): Reply {
  switch (kind) {
    case "rate_limited": {
      // Short waits keep retrying tests fast; RetryInfo is where Google says how long.
      const waitMs = 50 + (deriveSeed(context.requestId) % 151);
      const retryDelay = `${(waitMs / 1000).toFixed(3)}s`;
      return googleError(429, `Resource has been exhausted (e.g. check quota). Please retry in ${retryDelay}. ${SIMULATED}`, "RESOURCE_EXHAUSTED", [
        { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay },
      ]);
    }
    case "server_error":
      return googleError(500, `An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting ${SIMULATED}`);
    case "overloaded":
      return googleError(503, `The model is overloaded. Please try again later. ${SIMULATED}`);
    case "internal":
      return googleError(500, `The batchlab emulator failed while handling this request: ${detail ?? "unknown error"}. This is an emulator bug; please report it.`);
  }
}
