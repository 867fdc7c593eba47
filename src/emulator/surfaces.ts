/**
 * The registry of emulated surfaces. A new provider is one entry here plus its own folder:
 * a factory returning a `Surface` (prefix, stats, auth, handler, error shape).
 */
import { createAnthropicSurface } from "./anthropic/surface.js";
import { createGcsSurface } from "./gcs/surface.js";
import { createGeminiSurface } from "./gemini/surface.js";
import { createOpenAISurface } from "./openai/surface.js";
import { createVertexSurface } from "./vertex/surface.js";
import type { EmulatorContext, Surface } from "./surface.js";

export interface SurfaceFactory {
  /** Stats key and data sub-folder name. */
  name: string;
  create(context: EmulatorContext): Surface | Promise<Surface>;
}

export const SURFACES: SurfaceFactory[] = [
  { name: "openai", create: createOpenAISurface },
  { name: "anthropic", create: createAnthropicSurface },
  { name: "gcs", create: createGcsSurface },
  { name: "gemini", create: createGeminiSurface },
  { name: "vertex", create: createVertexSurface },
];
