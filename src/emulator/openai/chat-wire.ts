/** Translates OpenAI chat bodies to the neutral `ChatRequest`, and responses back. */
import type { Part } from "../../types.js";
import { toSeconds } from "../clock.js";
import { RequestError } from "../http.js";
import { randomHex } from "../random.js";
import type { ChatMessage, ChatRequest, ChatResponse } from "../responders/types.js";

/** Checks and converts a `/v1/chat/completions` body. Throws a 400 `RequestError` naming the field. */
export function toChatRequest(body: unknown): ChatRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalid("The body must be a JSON object.", null);
  const fields = body as Record<string, unknown>;
  if (typeof fields.model !== "string" || fields.model === "") throw invalid("Missing required parameter: 'model'.", "model");
  if (fields.stream === true) throw invalid("stream: true is not supported by the batchlab emulator; send stream: false.", "stream");
  if (!Array.isArray(fields.messages) || fields.messages.length === 0) {
    throw invalid("Missing required parameter: 'messages' (a non-empty array).", "messages");
  }
  const system: string[] = [];
  const messages: ChatMessage[] = [];
  fields.messages.forEach((message, index) => {
    const param = `messages[${index}]`;
    if (typeof message !== "object" || message === null) throw invalid(`Invalid '${param}': expected an object with role and content.`, param);
    const { role, content } = message as { role?: unknown; content?: unknown };
    const parts = toParts(content, `${param}.content`);
    if (role === "system" || role === "developer") system.push(textOf(parts));
    else if (role === "user" || role === "tool" || role === "function") messages.push({ role: "user", parts });
    else if (role === "assistant") messages.push({ role: "assistant", parts });
    else throw invalid(`Invalid value for '${param}.role': ${JSON.stringify(role)}. Use system, developer, user, assistant or tool.`, `${param}.role`);
  });
  const request: ChatRequest = { model: fields.model, messages, n: integerField(fields, "n", 1, 128) ?? 1 };
  if (system.length > 0) request.system = system.join("\n");
  const maxTokens = integerField(fields, "max_completion_tokens", 1) ?? integerField(fields, "max_tokens", 1);
  if (maxTokens !== undefined) request.maxTokens = maxTokens;
  const temperature = numberField(fields, "temperature", 0, 2);
  if (temperature !== undefined) request.temperature = temperature;
  const topP = numberField(fields, "top_p", 0, 1);
  if (topP !== undefined) request.topP = topP;
  return request;
}

/** A `chat.completion` object as the real API returns it (spec §1.5). */
export function toChatCompletion(response: ChatResponse, model: string, nowMs: number): Record<string, unknown> {
  const { inputTokens, outputTokens } = response.usage;
  return {
    id: `chatcmpl-${randomHex(12)}`,
    object: "chat.completion",
    created: toSeconds(nowMs),
    model,
    choices: response.choices.map((choice, index) => ({
      index,
      message: { role: "assistant", content: choice.text, refusal: null },
      logprobs: null,
      finish_reason: choice.finishReason,
    })),
    usage: {
      prompt_tokens: inputTokens,
      completion_tokens: outputTokens,
      total_tokens: inputTokens + outputTokens,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    },
  };
}

function toParts(content: unknown, param: string): Part[] {
  if (content === null || content === undefined) return [];
  if (typeof content === "string") return [{ type: "text", text: content }];
  if (!Array.isArray(content)) throw invalid(`Invalid '${param}': expected a string or an array of content parts.`, param);
  return content.map((part, index): Part => {
    const where = `${param}[${index}]`;
    const { type, text, image_url: image } = (part ?? {}) as { type?: unknown; text?: unknown; image_url?: { url?: unknown } };
    if (type === "text" && typeof text === "string") return { type: "text", text };
    if (type === "image_url" && typeof image?.url === "string") return { type: "image", url: image.url };
    throw invalid(`Invalid '${where}': the emulator understands {type:"text", text} and {type:"image_url", image_url:{url}} parts.`, where);
  });
}

function textOf(parts: Part[]): string {
  return parts.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("\n");
}

function integerField(fields: Record<string, unknown>, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw invalid(`Invalid '${name}': ${JSON.stringify(value)}. Expected an integer from ${min} to ${max}.`, name);
  }
  return value as number;
}

function numberField(fields: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || value < min || value > max) {
    throw invalid(`Invalid '${name}': ${JSON.stringify(value)}. Expected a number from ${min} to ${max}.`, name);
  }
  return value;
}

function invalid(message: string, param: string | null): RequestError {
  return new RequestError(400, message, param, param === null ? null : "invalid_value");
}
