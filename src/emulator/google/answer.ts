/** Answers one `GenerateContentRequest` with the responder, as a batch row or a realtime call. */
import { RequestError } from "../http.js";
import type { Responder } from "../responders/types.js";
import { rpcStatus, type RpcStatus } from "./errors.js";
import { toChatRequest, toGenerateContentResponse, type SizeLookup } from "./generate-wire.js";

export interface AnswerDependencies {
  responder: Responder;
  sizeOf?: SizeLookup;
  /** Errors of this class pass through instead of becoming an INTERNAL row error. */
  rethrow?: new (...args: never[]) => Error;
}

export type Answer =
  | { ok: true; response: Record<string, unknown>; usage: { inputTokens: number; outputTokens: number } }
  | { ok: false; error: RpcStatus };

/** A row the request converter rejects fails with INVALID_ARGUMENT; a responder crash with INTERNAL. */
export async function answer(body: unknown, model: string, deps: AnswerDependencies, nowMs: number): Promise<Answer> {
  let request;
  try {
    request = toChatRequest(body, model, deps.sizeOf);
  } catch (error) {
    if (!(error instanceof RequestError)) throw error;
    return { ok: false, error: rpcStatus("INVALID_ARGUMENT", error.message) };
  }
  try {
    const response = await deps.responder(request);
    return { ok: true, response: toGenerateContentResponse(response, model, nowMs), usage: response.usage };
  } catch (error) {
    if (deps.rethrow && error instanceof deps.rethrow) throw error;
    return { ok: false, error: rpcStatus("INTERNAL", `The responder failed: ${(error as Error).message}`) };
  }
}

/** The row error of a `partial` fault. */
export function injectedRowError(): RpcStatus {
  return rpcStatus("INTERNAL", "An internal error has occurred while processing this request. (fault injected by the batchlab emulator)");
}
