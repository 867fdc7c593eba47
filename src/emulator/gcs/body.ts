/** Small JSON bodies of the Cloud Storage API (metadata, bucket inserts), errors in GCS words. */
import type { IncomingMessage } from "node:http";
import { readBody } from "../http.js";
import { gcsError } from "./store.js";

export async function readGoogleJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(req, 1024 * 1024);
  if (body.length === 0) return {};
  try {
    const value: unknown = JSON.parse(body.toString("utf8"));
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw gcsError(400, "parseError", "Parse Error: the request body must be a JSON object.");
}
