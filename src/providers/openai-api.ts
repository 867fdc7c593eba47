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

/** One input line: `{"custom_id","method":"POST","url","body":{chat completion request}}`. */
export function encodeChatLine(request: Request, customId: string): string {
  const text = textContent(request);
  if (text === undefined) return JSON.stringify(chatLine(request, customId));
  // Byte for byte the line above: what is the same from row to row (model, system, params)
  // is serialised once, and only the id and the prompt each time (half the cost a row).
  const frame = lineFrame(request);
  return frame.head + JSON.stringify(customId) + frame.middle + JSON.stringify(text) + frame.tail;
}

function chatLine(request: Request, customId: string): Record<string, unknown> {
  return { custom_id: customId, method: "POST", url: CHAT_ENDPOINT, body: chatBody(request) };
}

/** A line cut around its custom_id and its user text, for the model, system and params it was made for. */
interface LineFrame {
  model: string;
  system: string | undefined;
  params: Request["params"];
  head: string;
  middle: string;
  tail: string;
}

let lastFrame: LineFrame | undefined;
/** Stand-ins for the id and the text: JSON writes their NULs as `\u0000`, so they are found exactly. */
const ID_MARK = "\u0000custom_id\u0000";
const TEXT_MARK = "\u0000text\u0000";

/** The frame for this request's model, system and params (rows of one step share one). */
function lineFrame(request: Request): LineFrame {
  const last = lastFrame;
  if (last && last.model === request.model && last.system === request.system && sameParams(last.params, request.params)) return last;
  const line = JSON.stringify(chatLine({ ...request, parts: [{ type: "text", text: TEXT_MARK }] }, ID_MARK));
  const id = JSON.stringify(ID_MARK);
  const text = JSON.stringify(TEXT_MARK);
  // The id is the line's first value; the text is the last string (only numbers follow it).
  const idAt = line.indexOf(id);
  const textAt = line.lastIndexOf(text);
  lastFrame = {
    model: request.model,
    system: request.system,
    params: { ...request.params },
    head: line.slice(0, idAt),
    middle: line.slice(idAt + id.length, textAt),
    tail: line.slice(textAt + text.length),
  };
  return lastFrame;
}

function sameParams(a: Request["params"], b: Request["params"]): boolean {
  return a.temperature === b.temperature && a.top_p === b.top_p && a.max_tokens === b.max_tokens && a.n === b.n;
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
