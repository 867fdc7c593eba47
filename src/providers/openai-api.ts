import { framedEncoder } from "./line-frame.js";
import { inlineImageUrl } from "../requests/images.js";
import type { ItemResult, Request } from "../types.js";

/**
 * OpenAI Batch wire formats (wire-spec §1.4). Output lines are the hot path of collection
 * (a million lines must parse at 300k/s), so they are checked by hand rather than with zod.
 */

export const CHAT_ENDPOINT = "/v1/chat/completions";

/** Raw batch statuses and what they mean in the small union. */
export const OPENAI_STATES = {
  validating: "pending",
  in_progress: "running",
  finalizing: "running",
  cancelling: "running",
  completed: "succeeded",
  failed: "failed",
  expired: "expired",
  cancelled: "cancelled",
} as const;

/**
 * One input line: `{"custom_id","method":"POST","url","body":{chat completion request}}`.
 * Text-only rows are serialised from a frame of what a step's rows share (see line-frame.ts).
 */
export const encodeChatLine = framedEncoder(chatLine, textContent);

function chatLine(request: Request, customId: string): Record<string, unknown> {
  return { custom_id: customId, method: "POST", url: CHAT_ENDPOINT, body: chatBody(request) };
}

/** The user message's content when it is text only (the parts joined by newlines); undefined with images. */
function textContent(request: Request): string | undefined {
  let text: string | undefined;
  for (const part of request.parts) {
    if (part.type !== "text") return undefined;
    text = text === undefined ? part.text : `${text}\n${part.text}`;
  }
  return text ?? "";
}

export function chatBody(request: Request): Record<string, unknown> {
  const messages: unknown[] = [];
  if (request.system) messages.push({ role: "system", content: request.system });
  const text = textContent(request);
  const content =
    text !== undefined
      ? text
      : request.parts.map((part) =>
        part.type === "text" ? { type: "text", text: part.text } : { type: "image_url", image_url: { url: inlineImageUrl(part.url, part.mimeType) } },
      );
  messages.push({ role: "user", content });
  const body: Record<string, unknown> = { model: request.model, messages };
  const { temperature, top_p, max_tokens, n } = request.params;
  if (temperature !== undefined) body.temperature = temperature;
  if (top_p !== undefined) body.top_p = top_p;
  if (max_tokens !== undefined) body.max_tokens = max_tokens;
  if (n !== undefined && n !== 1) body.n = n;
  return body;
}

/**
 * One output or error line → a result keyed by custom_id. A line that is not JSON yields
 * `undefined` (the row then ends as `missing_output`, never silently succeeded).
 */
export function parseOutputLine(text: string): ItemResult | undefined {
  let line: OutputLine;
  try {
    line = JSON.parse(text) as OutputLine;
  } catch {
    return undefined;
  }
  if (!line || typeof line.custom_id !== "string") return undefined;
  const key = line.custom_id;
  if (line.error) {
    const code = String(line.error.code ?? "error");
    const status = code === "batch_expired" ? "expired" : code === "batch_cancelled" ? "cancelled" : "failed";
    return { key, status, texts: [], error: { code, message: String(line.error.message ?? "") } };
  }
  const response = line.response;
  if (!response) return { key, status: "failed", texts: [], error: { code: "empty_line", message: "the line has neither response nor error" } };
  if (response.status_code !== 200) {
    const error = response.body?.error;
    return {
      key,
      status: "failed",
      texts: [],
      error: { code: String(error?.code ?? error?.type ?? `http_${response.status_code}`), message: String(error?.message ?? "") },
    };
  }
  return resultFromCompletion(key, response.body ?? {});
}

/** A chat completion (batch line body or realtime response) → a succeeded result. */
export function resultFromCompletion(key: string, body: ChatBody): ItemResult {
  const usage = body.usage;
  return {
    key,
    status: "succeeded",
    texts: (body.choices ?? []).map((choice) => choice.message?.content ?? ""),
    usage: usage
      ? {
          input_tokens: usage.prompt_tokens ?? 0,
          output_tokens: usage.completion_tokens ?? 0,
          cached_input_tokens: usage.prompt_tokens_details?.cached_tokens ?? 0,
        }
      : undefined,
  };
}

interface OutputLine {
  custom_id: string;
  response: { status_code: number; body?: ChatBody } | null;
  error: { code?: string; message?: string } | null;
}

export interface ChatBody {
  choices?: { message?: { content?: string | null } }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } };
  error?: { code?: string; type?: string; message?: string };
}
