import { encodeChatLine } from "../providers/openai-api.js";
import { safeWireId } from "../requests/wire-id.js";
import type { LineEncoder } from "./row-preparer.js";

/**
 * Encoders that are plain functions of (request, wire id), with no provider state, so a
 * worker thread can import and run the very same functions. A provider qualifies only when
 * its `wireId` and `encode` ARE these functions; any other encoder prepares on the main
 * thread.
 */
export const THREAD_ENCODERS: Readonly<Record<string, LineEncoder>> = {
  openai: { wireId: safeWireId, encode: encodeChatLine },
};

/** The name under which worker threads find this provider's encoder, if they can. */
export function threadEncoderName(provider: LineEncoder): string | undefined {
  for (const [name, encoder] of Object.entries(THREAD_ENCODERS)) {
    if (encoder.wireId === provider.wireId && encoder.encode === provider.encode) return name;
  }
  return undefined;
}
