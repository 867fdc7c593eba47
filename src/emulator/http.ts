/** Small HTTP helpers shared by surfaces: body reading, typed request errors, reply writing. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Reply, RequestContext } from "./surface.js";

/**
 * A request the emulator refuses, as the provider would (bad field, unknown id...).
 * Surfaces turn it into their own error body.
 */
export class RequestError extends Error {
  override name = "RequestError";
  constructor(
    readonly status: number,
    message: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
    /** Provider error `type`, when it differs from the status default. */
    readonly type?: string,
  ) {
    super(message);
  }
}

/** Largest JSON body accepted (JSON bodies are small; files go through multipart). */
const MAX_JSON_BYTES = 16 * 1024 * 1024;

/** Reads the whole body (chunked or not). Only for small bodies. */
export async function readBody(req: IncomingMessage, maxBytes = MAX_JSON_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) throw new RequestError(413, `Request body is larger than ${maxBytes} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Reads a JSON object body; an empty body is `{}`. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(req);
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    throw new RequestError(400, "We could not parse the JSON body of your request. Send valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new RequestError(400, "The request body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}

/** Writes a reply; streams are piped (and destroyed if the client goes away). */
export async function writeReply(res: ServerResponse, reply: Reply): Promise<void> {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.json !== undefined) {
    const text = JSON.stringify(reply.json);
    headers["content-type"] ??= "application/json";
    headers["content-length"] = String(Buffer.byteLength(text));
    res.writeHead(reply.status, headers);
    res.end(text);
    return;
  }
  if (reply.body instanceof Readable) {
    res.writeHead(reply.status, headers);
    await pipeline(reply.body, res).catch(() => reply.body instanceof Readable && reply.body.destroy());
    return;
  }
  if (reply.body !== undefined) headers["content-length"] = String(Buffer.byteLength(reply.body));
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

/** Releases a reply that will not be written (e.g. `drop_after`). */
export function discardReply(reply: Reply): void {
  if (reply.body instanceof Readable) reply.body.destroy();
}

/** Handles one matched route; `params` holds the decoded `:name` segments. */
export type RouteHandler = (context: RequestContext, params: Record<string, string>) => Promise<Reply>;

/** A route: method plus a path pattern with `:name` segments. */
export interface Route<Handler = RouteHandler> {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

export function route<Handler = RouteHandler>(method: string, path: string, handler: Handler): Route<Handler> {
  const names: string[] = [];
  const source = path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { method, pattern: new RegExp(`^${source}/?$`), names, handler };
}

/** Finds the route for `method path` and decodes its parameters. */
export function matchRoute<Handler>(
  routes: Route<Handler>[],
  method: string,
  path: string,
): { handler: Handler; params: Record<string, string> } | undefined {
  for (const candidate of routes) {
    if (candidate.method !== method) continue;
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    candidate.names.forEach((name, index) => (params[name] = decodeURIComponent(match[index + 1])));
    return { handler: candidate.handler, params };
  }
  return undefined;
}
