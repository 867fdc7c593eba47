import { inlineImageUrl } from "../requests/images.js";
import { framedEncoder, soleText } from "./line-frame.js";
import type { ItemResult, Request } from "../types.js";

/** Anthropic requires max_tokens; this is used when a step does not set it. */
export const DEFAULT_MAX_TOKENS = 1024;

/** A Message Batches input line: `{"custom_id","params"}` (text-only rows from a frame: see line-frame.ts). */
export const encodeAnthropicLine = framedEncoder((request, wireId) => ({ custom_id: wireId, params: messageParams(request) }), soleText);

/** A Messages API request body (wire-spec §5) from a provider-neutral request. */
export function messageParams(request: Request): Record<string, unknown> {
  const content = request.parts.map((part) => {
    if (part.type === "text") return { type: "text", text: part.text };
    const url = inlineImageUrl(part.url, part.mimeType);
    const data = /^data:([^;,]+);base64,(.*)$/s.exec(url);
    return data
      ? { type: "image", source: { type: "base64", media_type: data[1], data: data[2] } }
      : { type: "image", source: { type: "url", url } };
  });
  const params: Record<string, unknown> = {
    model: request.model,
    max_tokens: request.params.max_tokens ?? DEFAULT_MAX_TOKENS,
    messages: [{ role: "user", content }],
  };
  if (request.system) params.system = request.system;
  if (request.params.temperature !== undefined) params.temperature = request.params.temperature;
  if (request.params.top_p !== undefined) params.top_p = request.params.top_p;
  return params;
}

interface IndividualResponse {
  custom_id: string;
  result:
    | { type: "succeeded"; message: { content: { type: string; text?: string }[]; usage?: { input_tokens?: number; output_tokens?: number; cache_read_input_tokens?: number | null } } }
    | { type: "errored"; error: { error?: { type?: string; message?: string }; type?: string; message?: string } }
    | { type: "canceled" }
    | { type: "expired" };
}

/** One results line → a keyed result. */
export function resultFromIndividual(entry: IndividualResponse): ItemResult {
  const key = entry.custom_id;
  const result = entry.result;
  switch (result.type) {
    case "succeeded": {
      const usage = result.message.usage;
      return {
        key,
        status: "succeeded",
        texts: [result.message.content.filter((block) => block.type === "text").map((block) => block.text ?? "").join("")],
        usage: { input_tokens: usage?.input_tokens ?? 0, output_tokens: usage?.output_tokens ?? 0, cached_input_tokens: usage?.cache_read_input_tokens ?? 0 },
      };
    }
    case "errored": {
      const inner = result.error.error ?? result.error;
      return { key, status: "failed", texts: [], error: { code: String(inner.type ?? "error"), message: String(inner.message ?? "") } };
    }
    case "canceled":
      return { key, status: "cancelled", texts: [], error: { code: "batch_cancelled", message: "the batch was cancelled before this row ran" } };
    case "expired":
      return { key, status: "expired", texts: [], error: { code: "batch_expired", message: "the batch expired before this row ran; retry it" } };
    default:
      return { key, status: "failed", texts: [], error: { code: "unknown_result", message: `unknown result type ${(result as { type: string }).type}` } };
  }
}
