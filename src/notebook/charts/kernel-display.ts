/**
 * Sends one output with several MIME types to the tslab kernel. tslab's public `display`
 * sends one MIME type per output (`display.raw(type, data)`), but a chart needs the Plotly
 * MIME type and an HTML fallback in the SAME output, so each frontend picks what it renders.
 *
 * tslab's own `jupyter` module holds `lastWriteDisplayData(content, update)`, the function
 * its `display` calls to send a `display_data` message for the running cell. We find that
 * module beside the kernel's tslab module in Node's module cache (never importing tslab
 * ourselves, so the instance is the one wired to the kernel), and call it with the bundle.
 */
import { createRequire } from "node:module";
import path from "node:path";
import type { TslabModule } from "../tslab-host.js";

/** A MIME bundle: MIME type → data (strings, or JSON for `application/*+json`). */
export type MimeBundle = Record<string, unknown>;

type WriteDisplayData = (content: { data: MimeBundle; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

const writerHosts = new WeakMap<object, { lastWriteDisplayData?: unknown } | null>();

/**
 * Sends `bundle` as one `display_data` output of the running cell. Returns false when it
 * cannot (tslab's internals not found, or no cell has run yet), so the caller can fall back.
 */
export function sendMimeBundle(tslab: TslabModule, bundle: MimeBundle): boolean {
  const host = jupyterModule(tslab);
  const write = host?.lastWriteDisplayData;
  if (typeof write !== "function") return false;
  try {
    (write as WriteDisplayData)({ data: bundle, metadata: {}, transient: {} }, false);
    return true;
  } catch {
    return false;
  }
}

/** The exports of `jupyter.js` next to the file that exported `tslab`, or null. */
function jupyterModule(tslab: TslabModule): { lastWriteDisplayData?: unknown } | null {
  if (writerHosts.has(tslab)) return writerHosts.get(tslab)!;
  const cache = createRequire(import.meta.url).cache;
  let found: { lastWriteDisplayData?: unknown } | null = null;
  for (const [file, module] of Object.entries(cache)) {
    if (module?.exports !== tslab) continue;
    const sibling = cache[path.join(path.dirname(file), "jupyter.js")]?.exports as { lastWriteDisplayData?: unknown } | undefined;
    if (sibling && "lastWriteDisplayData" in sibling) {
      found = sibling;
      break;
    }
  }
  // The module object stays the same for the kernel's life; `lastWriteDisplayData` is read per call.
  writerHosts.set(tslab, found);
  return found;
}
