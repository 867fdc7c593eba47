/**
 * Rate-limit settings of the emulator's realtime endpoints, and the CLI-friendly spec form:
 *
 *   spec  := "" | "none" | part ("," part)* | json
 *   part  := "rpm=" int | "tpm=" int | "latency=" ms | "jitter=" ms
 *          | "rpm@" model "=" int | "tpm@" model "=" int      (per-model override)
 *   json  := the `RateLimitOptions` object, e.g. {"rpm":600,"perModel":{"gpt-4o":{"tpm":1000}}}
 *
 * e.g. `rpm=600,tpm=60000,latency=200,jitter=50,rpm@gpt-4o=100`. `ms` may end in "ms".
 */
import { ConfigError } from "../../errors.js";

/** Limits of one model. Unset: that dimension is not limited. */
export interface ModelRateLimits {
  /** Requests per minute. */
  rpm?: number;
  /** Tokens per minute (prompt + completion, see the limiter). */
  tpm?: number;
}

/**
 * `EmulatorOptions.rateLimits`. Limits apply per surface and model, each model with its own
 * buckets (as providers do). Default: nothing limited, no added latency.
 */
export interface RateLimitOptions extends ModelRateLimits {
  /** Overrides of `rpm`/`tpm` for single models, by model name as the request sends it. */
  perModel?: Record<string, ModelRateLimits>;
  /** Fixed delay added to every admitted realtime answer, in ms. Default 0. */
  latencyMs?: number;
  /** Uniform random spread of the delay, ±jitterMs (seeded). Default 0. */
  jitterMs?: number;
}

/** Validated settings with defaults filled in. */
export interface ResolvedRateLimits {
  rpm?: number;
  tpm?: number;
  perModel: Record<string, ModelRateLimits>;
  latencyMs: number;
  jitterMs: number;
}

const EXAMPLE = `e.g. "rpm=600,tpm=60000,latency=200,jitter=50,rpm@gpt-4o=100"`;

/** Checks the options (or parses a spec string). Throws a ConfigError naming the bad field. */
export function resolveRateLimits(options: RateLimitOptions | string | undefined): ResolvedRateLimits {
  const value = typeof options === "string" ? parseRateLimitSpec(options) : (options ?? {});
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigError(`Invalid rate limits: expected an object like {"rpm": 600, "tpm": 60000} or a spec string, ${EXAMPLE}`);
  }
  const { rpm, tpm, perModel, latencyMs, jitterMs, ...rest } = value;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw new ConfigError(`Invalid rate limits: unknown key "${unknown[0]}"; use rpm, tpm, perModel, latencyMs, jitterMs`);
  const resolved: ResolvedRateLimits = {
    perModel: {},
    latencyMs: checkMs(latencyMs, "latencyMs") ?? 0,
    jitterMs: checkMs(jitterMs, "jitterMs") ?? 0,
  };
  Object.assign(resolved, checkLimits({ rpm, tpm }, "rate limits"));
  if (perModel !== undefined && (typeof perModel !== "object" || perModel === null || Array.isArray(perModel))) {
    throw new ConfigError(`Invalid rate limits: "perModel" must be an object like {"gpt-4o": {"rpm": 100}}`);
  }
  for (const [model, limits] of Object.entries(perModel ?? {})) {
    resolved.perModel[model] = checkLimits(limits ?? {}, `rate limits for model "${model}"`);
  }
  return resolved;
}

/** Parses the spec form (see the grammar above) into options. Throws a ConfigError naming the bad part. */
export function parseRateLimitSpec(spec: string): RateLimitOptions {
  const text = spec.trim();
  if (text === "" || text === "none") return {};
  if (text.startsWith("{")) {
    try {
      return JSON.parse(text) as RateLimitOptions;
    } catch (error) {
      throw new ConfigError(`Invalid rate-limit spec: it starts with "{" but is not JSON (${(error as Error).message})`);
    }
  }
  const options: RateLimitOptions = {};
  for (const raw of text.split(",")) {
    const part = raw.trim();
    const match = /^(rpm|tpm|latency|jitter)(?:@(.+?))?\s*=\s*(.+)$/.exec(part);
    if (!match) throw new ConfigError(`Invalid rate-limit spec part "${part}": expected name=value, ${EXAMPLE}`);
    const [, name, model, valueText] = match;
    const value = Number(valueText.trim().replace(/ms$/, ""));
    if (!Number.isFinite(value)) throw new ConfigError(`Invalid rate-limit spec part "${part}": "${valueText}" is not a number`);
    if (model !== undefined) {
      if (name !== "rpm" && name !== "tpm") throw new ConfigError(`Invalid rate-limit spec part "${part}": only rpm and tpm take "@model"`);
      options.perModel ??= {};
      (options.perModel[model] ??= {})[name] = value;
    } else if (name === "latency") options.latencyMs = value;
    else if (name === "jitter") options.jitterMs = value;
    else options[name as "rpm" | "tpm"] = value;
  }
  return options;
}

/** Limits in force for one model: its override, else the defaults. */
export function limitsFor(settings: ResolvedRateLimits, model: string): ModelRateLimits {
  const override = settings.perModel[model] ?? {};
  return { rpm: override.rpm ?? settings.rpm, tpm: override.tpm ?? settings.tpm };
}

function checkLimits(limits: ModelRateLimits, where: string): ModelRateLimits {
  const checked: ModelRateLimits = {};
  for (const name of ["rpm", "tpm"] as const) {
    const value = limits[name];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1) throw new ConfigError(`Invalid ${where}: ${name} must be a whole number >= 1, got ${JSON.stringify(value)}`);
    checked[name] = value;
  }
  const unknown = Object.keys(limits).filter((key) => key !== "rpm" && key !== "tpm");
  if (unknown.length > 0) throw new ConfigError(`Invalid ${where}: unknown key "${unknown[0]}"; use rpm and tpm`);
  return checked;
}

function checkMs(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new ConfigError(`Invalid rate limits: ${name} must be milliseconds >= 0, got ${JSON.stringify(value)}`);
  }
  return value;
}
