/**
 * The control API under `/_emulator/` (no auth, never faulted):
 *   GET  /_emulator/health                 {"ok": true}
 *   GET  /_emulator/stats                  {"openai": {...counters}, ...}
 *   POST /_emulator/reset                  zero every counter (data stays)
 *   GET  /_emulator/faults                 {"spec": "...", "script": [...]}
 *   POST /_emulator/faults                 {"spec"?: "...", "script"?: [...]} replaces all fault settings
 *   GET  /_emulator/clock                  {"now_ms", "offset_ms"}
 *   POST /_emulator/clock                  {"advanceMs": N} moves the clock forward
 *   POST /_emulator/batches/{id}/expire    expires a running batch now (partial output)
 *   GET  /_emulator/usage                  served requests/tokens/429s per surface and model
 *   GET  /_emulator/rate-limits            the rate limits in force
 *   POST /_emulator/rate-limits            {"spec": "rpm=600,..."} or the options object; buckets start full
 */
import type { IncomingMessage } from "node:http";
import { BatchlabError } from "../errors.js";
import type { Clock } from "./clock.js";
import type { FaultController } from "./fault-controller.js";
import type { RateLimiter } from "./rate-limits/limiter.js";
import { resolveRateLimits, type RateLimitOptions } from "./rate-limits/settings.js";
import { parseFaultObject } from "./faults.js";
import { readJsonObject, RequestError } from "./http.js";
import type { EmulatorStats } from "./options.js";
import { resetStats, type Reply, type Surface } from "./surface.js";

export interface ControlDependencies {
  surfaces: Surface[];
  clock: Clock;
  faults: FaultController;
  rateLimits: RateLimiter;
}

export function collectStats(surfaces: Surface[]): EmulatorStats {
  return Object.fromEntries(surfaces.map((surface) => [surface.name, { ...surface.stats }]));
}

/** Handles one control request; `path` is the part after `/_emulator`. */
export async function handleControl(deps: ControlDependencies, req: IncomingMessage, path: string): Promise<Reply> {
  try {
    return await dispatch(deps, req, req.method ?? "GET", path);
  } catch (error) {
    if (error instanceof RequestError) return failure(error.status, error.message);
    if (error instanceof BatchlabError || error instanceof RangeError) return failure(400, error.message);
    throw error;
  }
}

async function dispatch(deps: ControlDependencies, req: IncomingMessage, method: string, path: string): Promise<Reply> {
  const key = `${method} ${path.replace(/\/$/, "")}`;
  switch (key) {
    case "GET /health":
      return ok({ ok: true });
    case "GET /stats":
      return ok(collectStats(deps.surfaces));
    case "POST /reset":
      for (const surface of deps.surfaces) resetStats(surface.stats);
      deps.rateLimits.clearUsage();
      return ok(collectStats(deps.surfaces));
    case "GET /faults":
      return ok(deps.faults.describe());
    case "POST /faults":
      deps.faults.set(parseFaultObject(await readJsonObject(req)));
      return ok(deps.faults.describe());
    case "GET /usage":
      return ok(deps.rateLimits.usage());
    case "GET /rate-limits":
      return ok(deps.rateLimits.current);
    case "POST /rate-limits": {
      const body = await readJsonObject(req);
      const settings = typeof body.spec === "string" ? body.spec : (body as RateLimitOptions);
      deps.rateLimits.configure(resolveRateLimits(settings));
      return ok(deps.rateLimits.current);
    }
    case "GET /clock":
      return ok(clockState(deps.clock));
    case "POST /clock": {
      const body = await readJsonObject(req);
      if (typeof body.advanceMs !== "number") throw new RequestError(400, `Send {"advanceMs": <milliseconds>} to move the clock forward.`);
      deps.clock.advance(body.advanceMs);
      return ok(clockState(deps.clock));
    }
  }
  const expire = /^POST \/batches\/(.+)\/expire$/.exec(key);
  if (expire) return expireBatch(deps.surfaces, decodeURIComponent(expire[1]));
  return failure(404, `No control endpoint ${method} /_emulator${path}. See GET /_emulator/stats, GET /_emulator/usage, POST /_emulator/faults, POST /_emulator/rate-limits, POST /_emulator/clock, POST /_emulator/batches/{id}/expire, POST /_emulator/reset.`);
}

async function expireBatch(surfaces: Surface[], id: string): Promise<Reply> {
  for (const surface of surfaces) {
    const reply = await surface.expireBatch?.(id);
    if (reply) return reply;
  }
  return failure(404, `No batch with id "${id}" on any surface.`);
}

function clockState(clock: Clock): { now_ms: number; offset_ms: number } {
  return { now_ms: clock.now(), offset_ms: clock.offset };
}

function ok(json: unknown): Reply {
  return { status: 200, json };
}

function failure(status: number, message: string): Reply {
  return { status, json: { error: { message } } };
}
