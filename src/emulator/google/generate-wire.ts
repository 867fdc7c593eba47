/**
 * Translates a `GenerateContentRequest` (Gemini API and Vertex AI share it) to the neutral
 * `ChatRequest`, and a `ChatResponse` back to a `GenerateContentResponse` (spec §2.5).
 * `inlineData` and `fileData` parts become image parts carrying their mimeType.
 */
import type { Part } from "../../types.js";
import { RequestError } from "../http.js";
import { randomHex } from "../random.js";
import type { ChatMessage, ChatRequest, ChatResponse } from "../responders/types.js";
import { timestamp } from "./time.js";

/** Finds the byte size of a file the emulator holds (a gs:// object, an uploaded file), by URI. */
export type SizeLookup = (uri: string) => number | undefined;

const WHERE = "GenerateContentRequest";

/** Checks and converts a request body. Throws a 400 `RequestError` naming the field. */
export function toChatRequest(body: unknown, model: string, sizeOf?: SizeLookup): ChatRequest {
  const fields = objectAt(body, WHERE);
  if (!Array.isArray(fields.contents) || fields.contents.length === 0) throw invalid(`* ${WHERE}.contents: contents is not specified`);
  const imageBytes: Record<string, number> = {};
  const messages = fields.contents.map((content, index): ChatMessage => {
    const where = `${WHERE}.contents[${index}]`;
    const { role, parts } = objectAt(content, where);
    if (role !== undefined && role !== "user" && role !== "model") throw invalid(`* ${where}.role: Please use a valid role: user, model.`);
    return { role: role === "model" ? "assistant" : "user", parts: toParts(parts, where, imageBytes, sizeOf) };
  });
  const request: ChatRequest = { model, messages, n: 1 };
  const system = systemText(fields.systemInstruction, imageBytes, sizeOf);
  if (system) request.system = system;
  if (fields.generationConfig !== undefined) applyGenerationConfig(request, objectAt(fields.generationConfig, `${WHERE}.generationConfig`));
  if (Object.keys(imageBytes).length > 0) request.imageBytes = imageBytes;
  return request;
}

/** A `GenerateContentResponse` as the real API returns it. */
export function toGenerateContentResponse(response: ChatResponse, model: string, nowMs: number): Record<string, unknown> {
  const { inputTokens, outputTokens } = response.usage;
  return {
    candidates: response.choices.map((choice, index) => ({
      content: { parts: [{ text: choice.text }], role: "model" },
      finishReason: choice.finishReason === "length" ? "MAX_TOKENS" : "STOP",
      index,
    })),
    usageMetadata: {
      promptTokenCount: inputTokens,
      candidatesTokenCount: outputTokens,
      totalTokenCount: inputTokens + outputTokens,
      promptTokensDetails: [{ modality: "TEXT", tokenCount: inputTokens }],
    },
    modelVersion: model,
    createTime: timestamp(nowMs),
    responseId: randomHex(12),
  };
}

/** `models/gemini-2.5-flash`, `publishers/google/models/gemini-2.5-flash` → `gemini-2.5-flash`. */
export function modelId(name: string): string {
  return name.slice(name.lastIndexOf("/") + 1);
}

function toParts(value: unknown, where: string, imageBytes: Record<string, number>, sizeOf?: SizeLookup): Part[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid(`* ${where}.parts: contents.parts must not be empty.`);
  const parts: Part[] = [];
  value.forEach((raw, index) => {
    const at = `${where}.parts[${index}]`;
    const part = objectAt(raw, at);
    if (typeof part.text === "string") {
      parts.push({ type: "text", text: part.text });
    } else if (part.inlineData !== undefined) {
      const { mimeType, data } = objectAt(part.inlineData, `${at}.inlineData`);
      if (typeof mimeType !== "string" || mimeType === "") throw invalid(`* ${at}.inlineData.mimeType: mimeType is not specified.`);
      if (typeof data !== "string") throw invalid(`* ${at}.inlineData.data: data is not specified (base64 bytes).`);
      parts.push({ type: "image", url: `data:${mimeType};base64,${data}`, mimeType });
    } else if (part.fileData !== undefined) {
      const { mimeType, fileUri } = objectAt(part.fileData, `${at}.fileData`);
      if (typeof fileUri !== "string" || fileUri === "") throw invalid(`* ${at}.fileData.file_uri: file_uri is not specified.`);
      const size = sizeOf?.(fileUri);
      if (size !== undefined) imageBytes[fileUri] = size;
      parts.push({ type: "image", url: fileUri, mimeType: typeof mimeType === "string" && mimeType !== "" ? mimeType : "application/octet-stream" });
    } else if (Object.keys(part).length === 0) {
      throw invalid(`* ${at}: required oneof field 'data' must have one initialized field`);
    }
    // Other part kinds (function calls, thoughts...) are accepted and not echoed.
  });
  return parts;
}

function systemText(value: unknown, imageBytes: Record<string, number>, sizeOf?: SizeLookup): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  const { parts } = objectAt(value, `${WHERE}.systemInstruction`);
  const texts = toParts(parts, `${WHERE}.systemInstruction`, imageBytes, sizeOf).flatMap((part) => (part.type === "text" ? [part.text] : []));
  return texts.join("\n") || undefined;
}

function applyGenerationConfig(request: ChatRequest, config: Record<string, unknown>): void {
  const maxTokens = integer(config, "maxOutputTokens", 1, Number.MAX_SAFE_INTEGER);
  if (maxTokens !== undefined) request.maxTokens = maxTokens;
  request.n = integer(config, "candidateCount", 1, 8) ?? 1;
  const temperature = number(config, "temperature", 0, 2);
  if (temperature !== undefined) request.temperature = temperature;
  const topP = number(config, "topP", 0, 1);
  if (topP !== undefined) request.topP = topP;
}

function integer(config: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const value = config[name];
  if (value === undefined || value === null) return undefined;
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw invalid(`* ${WHERE}.generationConfig.${name}: ${JSON.stringify(value)} is out of range; use a whole number from ${min} to ${max}.`);
  }
  return value as number;
}

function number(config: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const value = config[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || value < min || value > max) {
    throw invalid(`* ${WHERE}.generationConfig.${name}: ${JSON.stringify(value)} is out of range; use a number from ${min} to ${max}.`);
  }
  return value;
}

function objectAt(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalid(`* ${where}: expected a JSON object.`);
  return value as Record<string, unknown>;
}

function invalid(message: string): RequestError {
  return new RequestError(400, message);
}
