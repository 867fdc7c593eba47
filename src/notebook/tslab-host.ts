/**
 * Finds the tslab kernel this code runs in, if any. tslab sets `globalThis.__tslab__` to the
 * `require` it gives notebook cells, and that `require("tslab")` returns the kernel's own
 * tslab module, the one wired to the Jupyter connection. Asking it (instead of importing
 * tslab ourselves) finds the right instance even when batchlab and the kernel come from
 * different installs, and needs no tslab at all in plain Node.
 */

/** The part of tslab's `Display` we use. */
export interface TslabDisplay {
  html(html: string): void;
  text(text: string): void;
}

/** The part of tslab's public module we use. */
export interface TslabModule {
  display: TslabDisplay;
  /** A display that is shown once, then replaced in place on each later call. */
  newDisplay(): TslabDisplay;
}

/** The running tslab kernel's module, or `undefined` outside tslab. */
export function tslabModule(): TslabModule | undefined {
  const host = (globalThis as { __tslab__?: { require?: unknown } }).__tslab__;
  if (!host || typeof host.require !== "function") return undefined;
  try {
    const module = (host.require as (id: string) => unknown)("tslab") as Partial<TslabModule> | undefined;
    if (module && typeof module.newDisplay === "function" && module.display) return module as TslabModule;
  } catch {
    // A kernel whose require cannot give tslab: behave as plain Node.
  }
  return undefined;
}

/**
 * Sends HTML to a tslab display. Returns `false` when it could not (tslab throws
 * "Not ready" before its first cell runs), so the caller can fall back to text.
 */
export function tryShowHtml(display: TslabDisplay, html: string): boolean {
  try {
    display.html(html);
    return true;
  } catch {
    return false;
  }
}
