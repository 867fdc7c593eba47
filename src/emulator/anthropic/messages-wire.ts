/**
 * Translates Anthropic Messages params to the neutral `ChatRequest` (system, messages with
 * text and image blocks, max_tokens) and the `ChatResponse` back to a `message` object.
 */
import type { Part } from "../../types.js";
import { RequestError } from "../http.js";
import { randomHex } from "../random.js";
import type { ChatMessage, ChatRequest, ChatResponse } from "../responders/types.js";

/**
 * Checks and converts Messages params. `where` prefixes field names in errors (e.g.
 * `requests.3.params.` inside a batch). Throws a 400 `RequestError` naming the field.
 */
export function toChatRequest(params: unknown, where = ""): ChatRequest {
  if (typeof params !== "object" || params === null || Array.isArray(params)) throw invalid(`${where || "body"}: expected a JSON object.`);
  const fields = params as Record<string, unknown>;
  const missing = missingFields(fields);
  if (missing.length > 0) throw invalid(missing.map((name) => `${where}${name}: Field required`).join("; "));
  if (typeof fields.model !== "string" || fields.model === "") throw invalid(`${where}model: expected a non-empty string.`);
  if (!Number.isInteger(fields.max_tokens) || (fields.max_tokens as number) < 1) {
    throw invalid(`${where}max_tokens: expected an integer >= 1, got ${JSON.stringify(fields.max_tokens)}.`);
  }
  if (fields.stream === true) throw invalid(`${where}stream: true is not supported by the batchlab emulator; leave stream unset.`);
  if (!Array.isArray(fields.messages) || fields.messages.length === 0) throw invalid(`${where}messages: expected a non-empty array.`);
  const messages = fields.messages.map((message, index): ChatMessage => {
    const at = `${where}messages.${index}`;
    const { role, content } = (message ?? {}) as { role?: unknown; content?: unknown };
    if (role !== "user" && role !== "assistant") throw invalid(`${at}.role: expected "user" or "assistant", got ${JSON.stringify(role)}.`);
    return { role, parts: toParts(content, `${at}.content`) };
  });
  const request: ChatRequest = { model: fields.model, messages, maxTokens: fields.max_tokens as number, n: 1 };
  const system = systemText(fields.system, `${where}system`);
  if (system) request.system = system;
  const temperature = unitNumber(fields, "temperature", where);
  if (temperature !== undefined) request.temperature = temperature;
  const topP = unitNumber(fields, "top_p", where);
  if (topP !== undefined) request.topP = topP;
  return request;
}

/** Names of the required params that are absent (model, max_tokens, messages). */
export function missingFields(fields: Record<string, unknown>): string[] {
  return ["model", "max_tokens", "messages"].filter((name) => fields[name] === undefined || fields[name] === null);
}

/** A `message` object (spec §5.2): one text block, stop_reason from the finish reason. */
export function toMessage(response: ChatResponse, model: string, serviceTier: "standard" | "batch"): Record<string, unknown> {
  const choice = response.choices[0] ?? { text: "", finishReason: "stop" };
  return {
    id: `msg_${randomHex(12)}`,
    type: "message",
    role: "assistant",
    model,
    content: [{ type: "text", text: choice.text }],
    stop_reason: choice.finishReason === "length" ? "max_tokens" : "end_turn",
    stop_sequence: null,
    usage: {
      input_tokens: response.usage.inputTokens,
      output_tokens: response.usage.outputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      service_tier: serviceTier,
    },
  };
}

function toParts(content: unknown, at: string): Part[] {
  if (typeof content === "string") return [{ type: "text", text: content }];
  if (!Array.isArray(content)) throw invalid(`${at}: expected a string or an array of content blocks.`);
  return content.map((block, index): Part => {
    const where = `${at}.${index}`;
    const { type, text, source } = (block ?? {}) as { type?: unknown; text?: unknown; source?: Record<string, unknown> };
    if (type === "text" && typeof text === "string") return { type: "text", text };
    if (type === "image") return imagePart(source, `${where}.source`);
    throw invalid(`${where}: the batchlab emulator understands {type:"text", text} and {type:"image", source} blocks, got type ${JSON.stringify(type)}.`);
  });
}

function imagePart(source: Record<string, unknown> | undefined, at: string): Part {
  if (source?.type === "base64" && typeof source.media_type === "string" && typeof source.data === "string") {
    return { type: "image", url: `data:${source.media_type};base64,${source.data}`, mimeType: source.media_type };
  }
  if (source?.type === "url" && typeof source.url === "string") return { type: "image", url: source.url };
  throw invalid(`${at}: expected {type:"base64", media_type, data} or {type:"url", url}.`);
}

function systemText(system: unknown, at: string): string | undefined {
  if (system === undefined || system === null) return undefined;
  if (typeof system === "string") return system;
  if (!Array.isArray(system)) throw invalid(`${at}: expected a string or an array of text blocks.`);
  return system
    .map((block, index) => {
      const { type, text } = (block ?? {}) as { type?: unknown; text?: unknown };
      if (type !== "text" || typeof text !== "string") throw invalid(`${at}.${index}: expected {type:"text", text}.`);
      return text;
    })
    .join("\n");
}

function unitNumber(fields: Record<string, unknown>, name: string, where: string): number | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || value < 0 || value > 1) throw invalid(`${where}${name}: expected a number from 0 to 1, got ${JSON.stringify(value)}.`);
  return value;
}

function invalid(message: string): RequestError {
  return new RequestError(400, message);
}
