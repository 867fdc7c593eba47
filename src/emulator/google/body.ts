/** JSON bodies of the Google APIs, with Google's 20 MiB request-size limit and wording. */
import type { IncomingMessage } from "node:http";
import { RequestError } from "../http.js";

/** Largest request the Gemini API and Vertex AI accept (inline batches included). */
export const MAX_REQUEST_BYTES = 20 * 1024 * 1024;

/**
 * Reads a JSON object body; an empty body is `{}`. The whole body is always consumed, so
 * a too-large request gets a clean 400 instead of a reset connection.
 */
export async function readGoogleJson(req: IncomingMessage, maxBytes = MAX_REQUEST_BYTES): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total <= maxBytes) chunks.push(chunk);
  }
  if (total > maxBytes) {
    throw new RequestError(400, `Request payload size exceeds the limit: ${maxBytes} bytes. Send large batches as a JSONL file (files/…) instead of inline requests.`);
  }
  if (total === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch (error) {
    throw new RequestError(400, `Invalid JSON payload received. ${(error as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new RequestError(400, "Invalid JSON payload received. The request body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}

/** A positive integer query parameter (page sizes), or the default. */
export function pageSizeParam(url: URL, name: string, defaultSize: number, maxSize: number): number {
  const text = url.searchParams.get(name);
  if (text === null || text === "" || text === "0") return defaultSize;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new RequestError(400, `Invalid value at '${name}' (TYPE_INT32), "${text}". Use a whole number.`);
  return Math.min(value, maxSize);
}
