import { countTokens } from "gpt-tokenizer";
import type { Request } from "../types.js";

/** Tokens a chat request adds around each message (role markers): 3 for the GPT-4o family. */
const PER_MESSAGE = 3;
const PER_REQUEST = 3;
/** A rough figure for one image at low detail; real counts depend on size and provider. */
const PER_IMAGE = 85;

/** Estimated input tokens of one request (o200k tokenizer; close for OpenAI models). */
export function estimateInputTokens(request: Request): number {
  let tokens = PER_REQUEST;
  if (request.system) tokens += PER_MESSAGE + countTokens(request.system);
  tokens += PER_MESSAGE;
  for (const part of request.parts) tokens += part.type === "text" ? countTokens(part.text) : PER_IMAGE;
  return tokens;
}
