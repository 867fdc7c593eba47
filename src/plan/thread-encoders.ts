import { encodeAnthropicLine } from "../providers/anthropic-api.js";
import { encodeGeminiLine, encodeVertexLine, vertexWireId } from "../providers/google-api.js";
import { encodeChatLine } from "../providers/openai-api.js";
import { ImageObjectNames } from "../providers/vertex-image-names.js";
import { safeWireId } from "../requests/wire-id.js";
import type { LineEncoder } from "./row-preparer.js";

/**
 * How a worker thread makes the very encoder a provider uses: a name here, and options (plain
 * strings, sent to the thread) for an encoder that needs them. A provider declares its own
 * (`threadEncoder`), or its `wireId` and `encode` ARE one of the plain functions below. Any
 * other encoder prepares on the main thread.
 */
export interface ThreadEncoderSpec {
  name: string;
  options?: Record<string, string>;
}

/** Encoders that are plain functions of (request, wire id), with no provider state. */
const PLAIN: Readonly<Record<string, LineEncoder>> = {
  openai: { wireId: safeWireId, encode: encodeChatLine },
  gemini: { wireId: safeWireId, encode: encodeGeminiLine },
  vertex: { wireId: vertexWireId, encode: encodeVertexLine },
  anthropic: { wireId: safeWireId, encode: encodeAnthropicLine },
};

const MADE: Readonly<Record<string, (options: Record<string, string>) => LineEncoder>> = {
  // Vertex uploading local images: each file:// image becomes the bucket URI it is uploaded to.
  "vertex-images": (options) => {
    const names = new ImageObjectNames(options.bucket, options.imagePrefix);
    return { wireId: vertexWireId, encode: (request, wireId) => encodeVertexLine(request, wireId, (url) => names.uri(url)) };
  },
};

/** How worker threads can make this provider's encoder, if they can. */
export function threadEncoderOf(provider: LineEncoder): ThreadEncoderSpec | undefined {
  if (provider.threadEncoder) return provider.threadEncoder;
  for (const [name, encoder] of Object.entries(PLAIN)) {
    if (encoder.wireId === provider.wireId && encoder.encode === provider.encode) return { name };
  }
  return undefined;
}

/** The encoder a spec names (undefined: not one this build knows). */
export function threadEncoder(spec: ThreadEncoderSpec): LineEncoder | undefined {
  if (Object.hasOwn(PLAIN, spec.name)) return PLAIN[spec.name];
  return Object.hasOwn(MADE, spec.name) ? MADE[spec.name](spec.options ?? {}) : undefined;
}
