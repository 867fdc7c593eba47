/**
 * Regex routes for the Google surfaces. Their paths carry `:verb` suffixes
 * (`models/gemini-2.5-flash:generateContent`) and optional segments, which the `:name`
 * patterns of `../http.ts` cannot express; named groups can.
 */
import type { Reply, RequestContext } from "../surface.js";

/** Handles one matched route; `params` holds the decoded named groups that matched. */
export type GoogleHandler = (context: RequestContext, params: Record<string, string>) => Promise<Reply>;

export interface GoogleRoute {
  method: string;
  /** Matched against the path below the surface prefix (still percent-encoded). */
  pattern: RegExp;
  handler: GoogleHandler;
}

export function googleRoute(method: string, pattern: RegExp, handler: GoogleHandler): GoogleRoute {
  return { method, pattern, handler };
}

/** The route for `method path`, with its named groups decoded (unmatched optional groups left out). */
export function findRoute(routes: GoogleRoute[], method: string, path: string): { handler: GoogleHandler; params: Record<string, string> } | undefined {
  for (const candidate of routes) {
    if (candidate.method !== method) continue;
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(match.groups ?? {})) {
      if (value !== undefined) params[name] = safeDecode(value);
    }
    return { handler: candidate.handler, params };
  }
  return undefined;
}

/** True when some route serves `path` with another method (for a 405-style answer). */
export function pathIsKnown(routes: GoogleRoute[], path: string): boolean {
  return routes.some((candidate) => candidate.pattern.test(path));
}

/** `http://host:port` of the request, for absolute URLs that must point back at the emulator. */
export function originOf(context: RequestContext): string {
  return `http://${context.req.headers.host ?? "127.0.0.1"}`;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
