import { countTokens } from "gpt-tokenizer";
import type { ItemResult } from "../types.js";
import type { RateLimitSnapshot } from "./rate-limiter.js";

/** One provider's single-request API, fed the same encoded lines a batch would carry. */
export interface RealtimeClient {
  readonly name: string;
  /** Tokens the service counts at admission: the prompt plus the most output it may write. */
  estimateTokens(line: string): number;
  /** Send one line as one call; throws the SDK's error for the retry policy to judge. */
  send(line: string, model: string, signal?: AbortSignal): Promise<{ result: ItemResult; snapshot?: RateLimitSnapshot }>;
}

/** Default output allowance when a request sets no max tokens (for admission only). */
const DEFAULT_OUTPUT_ALLOWANCE = 256;

/**
 * Token estimate of an encoded line: the text under `content`, `text` and `system` keys
 * (messages, parts, system prompt), plus the output allowance times the number of choices.
 */
export function estimateLineTokens(line: string): number {
  const parsed = JSON.parse(line) as unknown;
  let input = 0;
  let maxOutput: number | undefined;
  let choices = 1;
  const visit = (value: unknown, key?: string) => {
    if (typeof value === "string") {
      if (key === "content" || key === "text" || key === "system") input += countTokens(value);
      return;
    }
    if (typeof value === "number") {
      if (key === "max_tokens" || key === "maxOutputTokens" || key === "max_completion_tokens") maxOutput = value;
      if (key === "n" || key === "candidateCount") choices = value;
      return;
    }
    if (Array.isArray(value)) for (const entry of value) visit(entry);
    else if (value && typeof value === "object") for (const [name, entry] of Object.entries(value)) visit(entry, name);
  };
  visit(parsed);
  return input + (maxOutput ?? DEFAULT_OUTPUT_ALLOWANCE) * choices;
}

/** Read a whole-number header (rate-limit remaining counts). */
export function numberHeader(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null) return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}
