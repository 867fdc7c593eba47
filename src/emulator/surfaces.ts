/**
 * The registry of emulated surfaces. A new provider is one entry here plus its own folder:
 * a factory returning a `Surface` (prefix, stats, auth, handler, error shape).
 */
import { createOpenAISurface } from "./openai/surface.js";
import type { EmulatorContext, Surface } from "./surface.js";

export interface SurfaceFactory {
  /** Stats key and data sub-folder name. */
  name: string;
  create(context: EmulatorContext): Surface | Promise<Surface>;
}

export const SURFACES: SurfaceFactory[] = [{ name: "openai", create: createOpenAISurface }];
