/** Token counting with a real BPE tokenizer (o200k_base, the GPT-4o family's encoding). */
import { decode, encode } from "gpt-tokenizer";
import type { Part } from "../types.js";

/** Special-token strings in user text are plain text here, not control tokens. */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** Flat cost of one image, as OpenAI bills a low-detail image. */
export const IMAGE_TOKENS = 85;

export function countTokens(text: string): number {
  return text === "" ? 0 : encode(text, PLAIN_TEXT).length;
}

/** Cuts `text` to at most `maxTokens` tokens; `truncated` says whether anything was cut. */
export function truncateToTokens(text: string, maxTokens: number): { text: string; tokens: number; truncated: boolean } {
  const tokens = encode(text, PLAIN_TEXT);
  if (tokens.length <= maxTokens) return { text, tokens: tokens.length, truncated: false };
  return { text: decode(tokens.slice(0, maxTokens)), tokens: maxTokens, truncated: true };
}

/** Prompt tokens of some parts: text through the tokenizer, images at a flat rate. */
export function countPartTokens(parts: Part[]): number {
  return parts.reduce((sum, part) => sum + (part.type === "text" ? countTokens(part.text) : IMAGE_TOKENS), 0);
}

/** Chat framing the GPT-4o family bills: 3 tokens around each message, 3 to prime the reply. */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_REPLY = 3;

/** Prompt tokens of a chat request as the service bills them: text, images and framing. */
export function chatPromptTokens(request: { system?: string; messages: { parts: Part[] }[] }): number {
  const system = request.system ? countTokens(request.system) + TOKENS_PER_MESSAGE : 0;
  const messages = request.messages.reduce((sum, message) => sum + countPartTokens(message.parts) + TOKENS_PER_MESSAGE, 0);
  return system + messages + TOKENS_PER_REPLY;
}
