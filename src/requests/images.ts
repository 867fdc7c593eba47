import { accessSync, constants, readFileSync, statSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { extname, isAbsolute, relative, resolve } from "node:path";
import type { Part } from "../types.js";

const MIME_BY_EXTENSION: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".heic": "image/heic",
  ".heif": "image/heif",
};

/** Thrown for a bad image reference; the caller turns it into a per-row problem. */
export class ImageReferenceError extends Error {}

/** The image references of a field value: one string or a list of strings. */
export function imageReferences(value: unknown): string[] {
  if (value === undefined || value === null || value === "") return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((entry) => typeof entry === "string")) return value;
  throw new ImageReferenceError("must be an image path or URL, or a list of them");
}

/**
 * Turn an image reference into a request part. URLs (http, https, gs, data) pass through;
 * a local path must be a readable image inside `baseDir`, and becomes a `file://` URL that
 * each provider turns into what it sends (inline data, or an uploaded Cloud Storage object).
 */
export function imagePart(reference: string, baseDir: string): Part {
  if (/^(https?|gs|data):/i.test(reference)) {
    return { type: "image", url: reference, mimeType: mimeTypeOf(reference) };
  }
  const path = resolve(baseDir, reference);
  const inside = relative(baseDir, path);
  if (inside.startsWith("..") || isAbsolute(inside)) {
    throw new ImageReferenceError(`"${reference}" is outside the dataset folder ${baseDir}; move the image into it`);
  }
  const mimeType = mimeTypeOf(path);
  if (!mimeType) throw new ImageReferenceError(`"${reference}" is not a supported image type (png, jpg, gif, webp, heic)`);
  try {
    accessSync(path, constants.R_OK);
    if (!statSync(path).isFile()) throw new Error("not a file");
  } catch {
    throw new ImageReferenceError(`"${reference}" cannot be read (looked for ${path})`);
  }
  return { type: "image", url: pathToFileURL(path).href, mimeType };
}

/** A `file://` image as a data URL (what OpenAI, Gemini and Anthropic take inline). */
export function inlineImageUrl(url: string, mimeType?: string): string {
  if (!url.startsWith("file:")) return url;
  const path = fileURLToPath(url);
  return `data:${mimeType ?? mimeTypeOf(path) ?? "application/octet-stream"};base64,${readFileSync(path).toString("base64")}`;
}

export function mimeTypeOf(reference: string): string | undefined {
  const dataMatch = /^data:([^;,]+)/.exec(reference);
  if (dataMatch) return dataMatch[1];
  const clean = reference.split(/[?#]/)[0];
  return MIME_BY_EXTENSION[extname(clean).toLowerCase()];
}
