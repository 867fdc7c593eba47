/**
 * The `echo` responder: answers deterministically from the request, so tests and demos
 * can predict every output. `Echo: <last user text> [system: …] [2 images]`; with n > 1
 * each choice is labelled `Echo[1]: …`, `Echo[2]: …`. Cut to `maxTokens` when set.
 */
import { countPartTokens, countTokens, truncateToTokens } from "../tokens.js";
import type { ChatChoice, ChatRequest, ChatResponse, Responder } from "./types.js";

/** How much of the system prompt the echo mentions. */
const SYSTEM_PREVIEW_CHARS = 40;

export const echoResponder: Responder = (request: ChatRequest): ChatResponse => {
  const body = echoBody(request);
  const choices: ChatChoice[] = [];
  let outputTokens = 0;
  for (let index = 0; index < request.n; index++) {
    const label = request.n > 1 ? `Echo[${index + 1}]` : "Echo";
    const full = `${label}: ${body}`;
    if (request.maxTokens === undefined) {
      choices.push({ text: full, finishReason: "stop" });
      outputTokens += countTokens(full);
      continue;
    }
    const cut = truncateToTokens(full, request.maxTokens);
    choices.push({ text: cut.text, finishReason: cut.truncated ? "length" : "stop" });
    outputTokens += cut.tokens;
  }
  return { choices, usage: { inputTokens: promptTokens(request), outputTokens } };
};

/** The echoed text: the last user message's text, plus brief notes on system prompt and images. */
function echoBody(request: ChatRequest): string {
  const lastUser = [...request.messages].reverse().find((message) => message.role === "user");
  const parts = lastUser?.parts ?? [];
  const text = parts.flatMap((part) => (part.type === "text" ? [part.text] : [])).join(" ");
  const images = parts.filter((part) => part.type === "image").length;
  const notes: string[] = [];
  if (request.system) notes.push(`[system: ${preview(request.system)}]`);
  if (images > 0) notes.push(`[${images} image${images === 1 ? "" : "s"}]`);
  return [text, ...notes].filter((piece) => piece !== "").join(" ");
}

function promptTokens(request: ChatRequest): number {
  const system = request.system ? countTokens(request.system) : 0;
  return request.messages.reduce((sum, message) => sum + countPartTokens(message.parts), system);
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= SYSTEM_PREVIEW_CHARS ? flat : `${flat.slice(0, SYSTEM_PREVIEW_CHARS)}…`;
}
