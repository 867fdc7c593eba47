/**
 * The `echo` responder: answers deterministically from the request, so tests and demos
 * can predict every output. `Echo: <last user text> [system: …] [2 images]` (images with a
 * mimeType, as Google parts have: `[image image/png 1234 bytes]` each); with n > 1
 * each choice is labelled `Echo[1]: …`, `Echo[2]: …`. Cut to `maxTokens` when set.
 */
import { chatPromptTokens, countTokens, truncateToTokens } from "../tokens.js";
import type { Part } from "../../types.js";
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
  return { choices, usage: { inputTokens: chatPromptTokens(request), outputTokens } };
};

/** The echoed text: the last user message's text, plus brief notes on system prompt and images. */
function echoBody(request: ChatRequest): string {
  const lastUser = [...request.messages].reverse().find((message) => message.role === "user");
  const parts = lastUser?.parts ?? [];
  const text = parts.flatMap((part) => (part.type === "text" ? [part.text] : [])).join(" ");
  const notes: string[] = [];
  if (request.system) notes.push(`[system: ${preview(request.system)}]`);
  notes.push(...imageNotes(parts, request));
  return [text, ...notes].filter((piece) => piece !== "").join(" ");
}

/**
 * `[2 images]` when the parts carry no mimeType (OpenAI); otherwise one note per image with
 * its type and size, e.g. `[image image/png 1234 bytes]` (the url when the size is unknown).
 */
function imageNotes(parts: Part[], request: ChatRequest): string[] {
  const images = parts.filter((part): part is Extract<Part, { type: "image" }> => part.type === "image");
  if (images.length === 0) return [];
  if (images.every((image) => image.mimeType === undefined)) return [`[${images.length} image${images.length === 1 ? "" : "s"}]`];
  return images.map((image) => {
    const bytes = dataUrlBytes(image.url) ?? request.imageBytes?.[image.url];
    return `[image ${image.mimeType ?? "unknown"} ${bytes === undefined ? image.url : `${bytes} bytes`}]`;
  });
}

/** Decoded size of a base64 `data:` URL, without decoding it. */
function dataUrlBytes(url: string): number | undefined {
  const comma = url.indexOf(",");
  if (!url.startsWith("data:") || comma < 0 || !url.slice(0, comma).endsWith(";base64")) return undefined;
  return Buffer.byteLength(url.slice(comma + 1), "base64");
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= SYSTEM_PREVIEW_CHARS ? flat : `${flat.slice(0, SYSTEM_PREVIEW_CHARS)}…`;
}
