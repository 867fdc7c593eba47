/** The emulator's HTTP server: one port, one prefix per surface, control API, faults. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Clock } from "./clock.js";
import { collectStats, handleControl } from "./control.js";
import { FaultController, type RequestFaults } from "./fault-controller.js";
import { parseFaultSpec } from "./faults.js";
import { discardReply, writeReply } from "./http.js";
import { DEFAULT_BATCH_MS, DEFAULT_LIMITS, type EmulatorHandle, type EmulatorOptions, type ResolvedOptions } from "./options.js";
import { randomHex } from "./random.js";
import { RateLimiter } from "./rate-limits/limiter.js";
import { resolveRateLimits } from "./rate-limits/settings.js";
import { echoResponder } from "./responders/echo.js";
import type { EmulatorContext, Reply, RequestContext, StandardFailure, Surface } from "./surface.js";
import { SURFACES } from "./surfaces.js";

const CONTROL_PREFIX = "/_emulator";

/** Starts the emulator and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const resolved = resolveOptions(options);
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "batchlab-emulator-")));
  const clock = new Clock();
  const faults = new FaultController(resolved.seed, resolved.faults);
  const rateLimits = new RateLimiter(resolved.rateLimits, clock, resolved.seed);
  const shared = new Map<string, unknown>();
  const surfaces: Surface[] = [];
  for (const { name, create } of SURFACES) {
    const surfaceDir = join(dataDir, name);
    await mkdir(surfaceDir, { recursive: true });
    const context: EmulatorContext = {
      clock,
      faults,
      dataDir: surfaceDir,
      batchMs: resolved.batchMs,
      seed: resolved.seed,
      responder: options.responder ?? echoResponder,
      limits: resolved.limits,
      rootDir: dataDir,
      shared,
      buckets: resolved.buckets,
      rateLimits,
    };
    surfaces.push(await create(context));
  }

  const server = createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      // Only reached when even the error reply failed (e.g. the socket is gone).
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy(error as Error);
    });
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator.local");
    const method = (req.method ?? "GET").toUpperCase();
    if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      const path = url.pathname.slice(CONTROL_PREFIX.length) || "/";
      return writeReply(res, await handleControl({ surfaces, clock, faults, rateLimits }, req, path));
    }
    const surface = surfaces.find((candidate) => url.pathname === candidate.prefix || url.pathname.startsWith(`${candidate.prefix}/`));
    if (!surface) return writeReply(res, unknownSurface(method, url.pathname, surfaces));
    surface.stats.requests++;
    const context: RequestContext = {
      req,
      method,
      url,
      path: url.pathname.slice(surface.prefix.length) || "/",
      requestId: `req_${randomHex(16)}`,
    };
    const decided = faults.decide(method, url.pathname);
    surface.stats.faults_injected += decided.injected;
    if (decided.drop) {
      req.socket.destroy();
      return;
    }
    const reply = await produceReply(surface, context, decided);
    if (decided.delayMs > 0) await sleep(decided.delayMs);
    if (decided.dropAfter) {
      discardReply(reply);
      req.socket.destroy();
      return;
    }
    await writeReply(res, reply);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : resolved.port;
  const hostForUrl = resolved.host.includes(":") ? `[${resolved.host}]` : resolved.host;

  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    stats: () => collectStats(surfaces),
    setFaults: (spec) => faults.set(parseFaultSpec(spec)),
    advanceClock: (ms) => clock.advance(ms),
    setRateLimits: (settings) => rateLimits.configure(resolveRateLimits(settings)),
    usage: () => rateLimits.usage(),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  const batchMs = options.batchMs ?? DEFAULT_BATCH_MS;
  if (!Number.isFinite(batchMs) || batchMs < 0) throw new RangeError(`batchMs must be a number >= 0, got ${batchMs}`);
  return {
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
    batchMs,
    faults: parseFaultSpec(options.faults ?? ""),
    seed: options.seed ?? 1,
    limits: { ...DEFAULT_LIMITS, ...stripUndefined(options.limits ?? {}) },
    rateLimits: resolveRateLimits(options.rateLimits),
    buckets: [...(options.buckets ?? [])],
  };
}

/** Authenticates, applies a status or quota fault, or lets the surface handle the request. */
async function produceReply(surface: Surface, context: RequestContext, faults: RequestFaults): Promise<Reply> {
  if (!surface.authenticate(context.req)) return surface.failure("unauthorized", context);
  if (faults.quota) return surface.quotaExhausted?.(context) ?? surface.failure("rate_limited", context);
  if (faults.status !== undefined) return surface.failure(FAULT_FAILURES[faults.status], context);
  try {
    return await surface.handle(context);
  } catch (error) {
    // A client that went away mid-body is not news; anything else is an emulator bug, said
    // loudly (path only: headers hold the API key).
    if (!context.req.socket.destroyed && !context.req.errored) {
      console.error(`[batchlab emulator] ${context.method} ${context.url.pathname} crashed:`, error);
    }
    return surface.failure("internal", context, (error as Error).message);
  }
}

const FAULT_FAILURES: Record<number, StandardFailure> = { 429: "rate_limited", 500: "server_error", 503: "overloaded" };

function unknownSurface(method: string, path: string, surfaces: Surface[]): Reply {
  const prefixes = surfaces.map((surface) => surface.prefix).join(", ");
  return {
    status: 404,
    json: { error: { message: `No emulated API serves ${method} ${path}. Point the SDK base URL at one of: ${prefixes}.`, type: "invalid_request_error", param: null, code: "unknown_url" } },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
