import { backoffMs } from "../util/sleep.js";

/** What to do after a failed call. */
export type RetryDecision = { retry: true; delayMs: number } | { retry: false; code: string; message: string };

/** Most attempts at one row (first call included) before it ends as failed. */
export const MAX_ATTEMPTS = 6;

interface CallError {
  status?: number;
  code?: string | null;
  type?: string;
  message?: string;
  headers?: Headers | Record<string, string>;
  error?: { error?: { type?: string; code?: string } };
}

/**
 * Retry 408, 409, 429 and 5xx and dropped connections, honouring `retry-after-ms` and
 * `retry-after`, with jittered exponential backoff; never retry what cannot succeed:
 * a 400-class error, `insufficient_quota`, or a response that says `x-should-retry: false`.
 */
export function decideRetry(error: unknown, attempt: number): RetryDecision {
  const failure = error as CallError;
  const status = failure.status;
  const code = String(failure.code ?? failure.error?.error?.type ?? failure.type ?? (status ? `http_${status}` : "network_error"));
  const message = String(failure.message ?? error).slice(0, 500);
  if (header(failure, "x-should-retry") === "false" || code === "insufficient_quota") return { retry: false, code, message };
  const retryable = status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
  if (!retryable || attempt + 1 >= MAX_ATTEMPTS) return { retry: false, code, message };
  return { retry: true, delayMs: retryAfterMs(failure) ?? backoffMs(attempt, 500, 8_000) };
}

/** The service's own wait, when it gave one (milliseconds). */
export function retryAfterMs(error: unknown): number | undefined {
  const failure = error as CallError;
  const ms = Number(header(failure, "retry-after-ms"));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const after = header(failure, "retry-after");
  if (!after) return googleRetryDelay(failure);
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(after);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

function header(error: CallError, name: string): string | undefined {
  const headers = error.headers;
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  return (headers as Record<string, string>)[name];
}

/** Google puts the wait in the error body: `details[].retryDelay: "27s"`. */
function googleRetryDelay(error: CallError): number | undefined {
  const match = /"retryDelay"\s*:\s*"(\d+(?:\.\d+)?)s"/.exec(String(error.message ?? ""));
  return match ? Number(match[1]) * 1000 : undefined;
}
