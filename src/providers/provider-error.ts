import { ProviderError } from "../errors.js";

/** What to tell the user for an HTTP status, whatever the provider. */
const HINTS: Record<number, string> = {
  400: "the request was rejected; check the model name and parameters",
  401: "the API key was refused; check the key in the environment (never in the config file)",
  403: "the key has no access to this resource or model; check the project and permissions",
  404: "not found; check the id, model name and base URL",
  429: "rate limited or out of quota; wait and resume, or check the account's limits and billing",
};

/**
 * Turn any SDK error (stainless-style `status`, `error`, `requestID`; Google `ApiError`)
 * into a ProviderError naming the provider, operation and status, with what to do.
 */
export function toProviderError(provider: string, operation: string, error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const detail = error as { status?: number; message?: string; requestID?: string | null; code?: string | null };
  const status = typeof detail.status === "number" ? detail.status : undefined;
  const hint =
    status === undefined
      ? "could not reach the service; check the network and base URL, then resume the run"
      : (HINTS[status] ?? (status >= 500 ? "the service failed; resume the run later" : undefined));
  const request = detail.requestID ? ` (request id ${detail.requestID})` : "";
  const message = redactSecrets(String(detail.message ?? error)).replace(/^\d{3}\s+/, "");
  return new ProviderError(provider, operation, status, message + request, hint, { cause: error });
}

/** A transient failure: worth retrying after checking whether the action took effect. */
export function isTransient(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  if (error instanceof ProviderError) return error.status === undefined || error.status === 429 || error.status >= 500 || error.status === 408;
  return status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Keys never reach messages, even when a service echoes them back. */
export function redactSecrets(text: string): string {
  return text
    .replace(/\b(sk-(?:proj-|ant-)?)[A-Za-z0-9_-]{8,}/g, "$1***")
    .replace(/\bAIza[0-9A-Za-z_-]{20,}/g, "AIza***")
    .replace(/(Bearer\s+)[A-Za-z0-9._-]{8,}/gi, "$1***");
}

/** A provider's call wrapper: any error becomes a ProviderError naming the provider and the call. */
export function providerCaller(provider: string): <T>(operation: string, work: () => Promise<T>) => Promise<T> {
  return async (operation, work) => {
    try {
      return await work();
    } catch (error) {
      throw toProviderError(provider, operation, error);
    }
  };
}
