import { createHash } from "node:crypto";
import { inlineImageUrl } from "../requests/images.js";
import { framedEncoder, soleText } from "./line-frame.js";
import type { ItemResult, Part, Request, Usage } from "../types.js";

/**
 * The GenerateContent wire format shared by the Gemini API and Vertex AI (wire-spec §2.4,
 * §3.3): requests as JSONL lines, responses read back into keyed results.
 */

export interface GoogleContent {
  role?: string;
  parts: GooglePart[];
}

export type GooglePart =
  | { text: string }
  | { inlineData: { mimeType: string; data: string } }
  | { fileData: { mimeType?: string; fileUri: string } };

export interface GenerateContentRequest {
  contents: GoogleContent[];
  systemInstruction?: GoogleContent;
  generationConfig?: Record<string, number>;
  labels?: Record<string, string>;
}

/**
 * `localImage` says what a `file://` image becomes: by default inline data; Vertex passes
 * the Cloud Storage URI the image is uploaded to.
 */
export function generateContentRequest(request: Request, localImage?: (url: string) => string): GenerateContentRequest {
  const body: GenerateContentRequest = { contents: [{ role: "user", parts: request.parts.map((part) => googlePart(part, localImage)) }] };
  if (request.system) body.systemInstruction = { role: "user", parts: [{ text: request.system }] };
  const { temperature, top_p, max_tokens, n } = request.params;
  const config: Record<string, number> = {};
  if (temperature !== undefined) config.temperature = temperature;
  if (top_p !== undefined) config.topP = top_p;
  if (max_tokens !== undefined) config.maxOutputTokens = max_tokens;
  if (n !== undefined && n !== 1) config.candidateCount = n;
  if (Object.keys(config).length > 0) body.generationConfig = config;
  return body;
}

function googlePart(part: Part, localImage?: (url: string) => string): GooglePart {
  if (part.type === "text") return { text: part.text };
  const url = part.url.startsWith("file:") ? (localImage ?? ((local) => inlineImageUrl(local, part.mimeType)))(part.url) : part.url;
  const data = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (data) return { inlineData: { mimeType: data[1], data: data[2] } };
  return { fileData: { mimeType: part.mimeType, fileUri: url } };
}

export interface GenerateContentResponse {
  candidates?: { content?: { parts?: { text?: string; thought?: boolean }[] }; finishReason?: string }[];
  usageMetadata?: { promptTokenCount?: number; candidatesTokenCount?: number; cachedContentTokenCount?: number; thoughtsTokenCount?: number };
  promptFeedback?: { blockReason?: string };
}

/** A response → a keyed result. A response with no candidate (blocked prompt) is a failed row. */
export function resultFromResponse(key: string, response: GenerateContentResponse): ItemResult {
  const candidates = response.candidates ?? [];
  const usage = usageOf(response);
  if (candidates.length === 0) {
    const reason = response.promptFeedback?.blockReason ?? "no candidates";
    return { key, status: "failed", texts: [], usage, error: { code: "blocked", message: `the model returned no answer (${reason})` } };
  }
  const texts = candidates.map((candidate) =>
    (candidate.content?.parts ?? [])
      .filter((part) => !part.thought && typeof part.text === "string")
      .map((part) => part.text)
      .join(""),
  );
  return { key, status: "succeeded", texts, usage };
}

export function resultFromError(key: string, error: { code?: number | string; message?: string; status?: string }): ItemResult {
  return { key, status: "failed", texts: [], error: { code: String(error.status ?? error.code ?? "error"), message: String(error.message ?? "") } };
}

function usageOf(response: GenerateContentResponse): Usage | undefined {
  const usage = response.usageMetadata;
  if (!usage) return undefined;
  return {
    input_tokens: usage.promptTokenCount ?? 0,
    output_tokens: (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0),
    cached_input_tokens: usage.cachedContentTokenCount ?? 0,
  };
}

/** Gemini API wire states (BATCH_STATE_*) and the SDK's JOB_STATE_* both map here. */
export const GOOGLE_STATES: Record<string, "pending" | "running" | "succeeded" | "partial" | "failed" | "expired" | "cancelled"> = {
  JOB_STATE_QUEUED: "pending",
  JOB_STATE_PENDING: "pending",
  JOB_STATE_RUNNING: "running",
  JOB_STATE_UPDATING: "running",
  JOB_STATE_PAUSED: "running",
  JOB_STATE_CANCELLING: "running",
  JOB_STATE_SUCCEEDED: "succeeded",
  JOB_STATE_PARTIALLY_SUCCEEDED: "partial",
  JOB_STATE_FAILED: "failed",
  JOB_STATE_CANCELLED: "cancelled",
  JOB_STATE_EXPIRED: "expired",
  BATCH_STATE_PENDING: "pending",
  BATCH_STATE_RUNNING: "running",
  BATCH_STATE_SUCCEEDED: "succeeded",
  BATCH_STATE_FAILED: "failed",
  BATCH_STATE_CANCELLED: "cancelled",
  BATCH_STATE_EXPIRED: "expired",
};

/**
 * The display name that tags a batch with its run, chunk and content (Google batches have no
 * metadata): `batchlab:<run>:<chunk>:<first 12 hex of the chunk's sha256>`.
 */
export function tagDisplayName(tag: { runId: string; chunkId: string; sha256?: string }): string {
  return `batchlab:${tag.runId}:${tag.chunkId}${tag.sha256 ? `:${tag.sha256.slice(0, 12)}` : ""}`;
}

export function tagFromDisplayName(name: string | undefined): { runId: string; chunkId: string } | undefined {
  const match = /^batchlab:([A-Za-z0-9._-]+):([A-Za-z0-9._-]+?)(?::[0-9a-f]{12})?$/.exec(name ?? "");
  return match ? { runId: match[1], chunkId: match[2] } : undefined;
}

/** A Gemini API batch input line: `{"key","request"}` (text-only rows from a frame: see line-frame.ts). */
export const encodeGeminiLine = framedEncoder((request, wireId) => ({ key: wireId, request: generateContentRequest(request) }), soleText);

/**
 * A Vertex AI batch input line: the key at the top level and in `request.labels` (a second
 * witness). `localImage`: where `file://` images went (Cloud Storage), when they are uploaded.
 */
export function encodeVertexLine(request: Request, wireId: string, localImage?: (url: string) => string): string {
  return soleText(request) === undefined ? JSON.stringify(vertexLine(request, wireId, localImage)) : framedVertexLine(request, wireId);
}

const framedVertexLine = framedEncoder((request, wireId) => vertexLine(request, wireId), soleText);

function vertexLine(request: Request, wireId: string, localImage?: (url: string) => string): unknown {
  return { key: wireId, request: { ...generateContentRequest(request, localImage), labels: { batchlab_key: wireId } } };
}

/** Vertex label values allow only these: other keys go as a hash. */
const LABEL_SAFE = /^[a-z0-9_-]{1,63}$/;

/** A key as a Vertex label value: itself when allowed, else `h` and 40 hex digits of its sha256. */
export function vertexWireId(key: string): string {
  return LABEL_SAFE.test(key) ? key : `h${createHash("sha256").update(key).digest("hex").slice(0, 40)}`;
}
