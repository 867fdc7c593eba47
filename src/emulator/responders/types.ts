/**
 * The responder contract: a provider-neutral chat request in, choices and usage out.
 * Each surface translates its wire format to `ChatRequest` and the `ChatResponse` back,
 * so one responder (echo, oracle, forward...) serves every provider.
 */
import type { Part } from "../../types.js";

export interface ChatMessage {
  role: "user" | "assistant";
  parts: Part[];
}

export interface ChatRequest {
  model: string;
  /** System (or developer) instructions, joined. */
  system?: string;
  messages: ChatMessage[];
  /** Upper bound on completion tokens per choice. Unset: no limit. */
  maxTokens?: number;
  /** Number of choices, >= 1. */
  n: number;
  temperature?: number;
  topP?: number;
  /**
   * Byte sizes of image parts whose bytes the emulator holds (gs:// objects, uploaded
   * files), keyed by part url, so `echo` can describe them. Unset when none are known.
   */
  imageBytes?: Record<string, number>;
}

export interface ChatChoice {
  text: string;
  /** "length" when cut at `maxTokens`. */
  finishReason: "stop" | "length";
}

export interface ChatResponse {
  choices: ChatChoice[];
  /** Tokens of the prompt, and of all choices together. */
  usage: { inputTokens: number; outputTokens: number };
}

/** Produces the answer to one request. May be async (e.g. forwarding to a local server). */
export type Responder = (request: ChatRequest) => ChatResponse | Promise<ChatResponse>;
