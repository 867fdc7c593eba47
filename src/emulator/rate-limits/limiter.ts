/**
 * The emulator's shared RPM/TPM limiter. Each (surface, model) pair has a request bucket and
 * a token bucket (see `TokenBucket`: one minute's allowance, refilled continuously, on the
 * emulator clock, so `POST /_emulator/clock` refills them too).
 *
 * Token accounting, as OpenAI describes its own: at admission a request is charged its
 * prompt tokens plus `max_tokens × n` (the most it may use); once answered the charge is
 * corrected to the actual prompt + completion tokens (refund or extra debit). Refused
 * requests and injected faults use nothing.
 */
import type { Clock } from "../clock.js";
import { createRandom, deriveSeed, type Random } from "../random.js";
import { limitsFor, type ModelRateLimits, type ResolvedRateLimits } from "./settings.js";
import { TokenBucket, WINDOW_MS } from "./token-bucket.js";
import { GENEROUS_LIMITS, type RateLimitDenial, type RateLimitSnapshot } from "./types.js";
import { UsageLog, type UsageReport } from "./usage-log.js";

/** An admitted request: call `settle` with its real usage once answered. */
export interface Admitted {
  ok: true;
  /** Corrects the token charge to the real usage, records it, and returns the headers' state. */
  settle(usage: { inputTokens: number; outputTokens: number }): RateLimitSnapshot;
  /** Nothing was answered (the responder failed): the tokens come back, the request still counts. */
  release(): void;
}

export type Admission = Admitted | { ok: false; denial: RateLimitDenial };

interface Buckets {
  requests?: TokenBucket;
  tokens?: TokenBucket;
}

export class RateLimiter {
  private settings: ResolvedRateLimits;
  private buckets = new Map<string, Buckets>();
  private random: Random;
  private readonly log = new UsageLog();

  constructor(
    settings: ResolvedRateLimits,
    private readonly clock: Clock,
    private readonly seed: number,
  ) {
    this.settings = settings;
    this.random = createRandom(deriveSeed(seed, "latency"));
  }

  /** The settings in force. */
  get current(): ResolvedRateLimits {
    return structuredClone(this.settings);
  }

  /** Replaces the settings; every bucket starts full again and the latency dice restart. */
  configure(settings: ResolvedRateLimits): void {
    this.settings = settings;
    this.buckets.clear();
    this.random = createRandom(deriveSeed(this.seed, "latency"));
  }

  /** Limits in force for `model` (unset: not limited). */
  limitsOf(model: string): ModelRateLimits {
    return limitsFor(this.settings, model);
  }

  /** Admits one request needing `estimatedTokens`, or says which limit refuses it. */
  admit(surface: string, model: string, estimatedTokens: number): Admission {
    const now = this.clock.now();
    const buckets = this.bucketsOf(surface, model);
    const estimate = Math.max(0, Math.ceil(estimatedTokens));
    const waitRequests = buckets.requests?.waitMs(1, now) ?? 0;
    const waitTokens = buckets.tokens?.waitMs(estimate, now) ?? 0;
    if (waitRequests > 0 || waitTokens > 0) {
      this.log.denied(surface, model);
      const tooLarge = !Number.isFinite(waitTokens);
      const limit = waitRequests > 0 && !tooLarge ? "requests" : "tokens";
      const bucket = (limit === "requests" ? buckets.requests : buckets.tokens) as TokenBucket;
      return {
        ok: false,
        denial: {
          limit,
          surface,
          model,
          perMinute: bucket.capacity,
          used: Math.max(0, Math.ceil(bucket.capacity - bucket.available(now))),
          requested: limit === "requests" ? 1 : estimate,
          retryAfterMs: tooLarge ? WINDOW_MS : Math.max(waitRequests, waitTokens),
          tooLarge,
          snapshot: this.snapshot(buckets, now, 0),
        },
      };
    }
    buckets.requests?.take(1, now);
    buckets.tokens?.take(estimate, now);
    this.log.admitted(surface, model, now);
    return {
      ok: true,
      settle: (usage) => {
        const later = this.clock.now();
        const actual = usage.inputTokens + usage.outputTokens;
        if (actual > estimate) buckets.tokens?.take(actual - estimate, later);
        else buckets.tokens?.give(estimate - actual, later);
        this.log.served(surface, model, usage, later);
        return this.snapshot(buckets, later, actual);
      },
      release: () => buckets.tokens?.give(estimate, this.clock.now()),
    };
  }

  /** The delay to add to one admitted answer: latencyMs ± jitterMs, never below 0. */
  latencyMs(): number {
    const { latencyMs, jitterMs } = this.settings;
    if (jitterMs === 0) return latencyMs;
    return Math.max(0, Math.round(latencyMs + (this.random() * 2 - 1) * jitterMs));
  }

  usage(): UsageReport {
    return this.log.report((model) => this.limitsOf(model));
  }

  clearUsage(): void {
    this.log.clear();
  }

  private bucketsOf(surface: string, model: string): Buckets {
    const key = `${surface}\u0000${model}`;
    let buckets = this.buckets.get(key);
    if (!buckets) {
      const limits = this.limitsOf(model);
      const now = this.clock.now();
      buckets = {};
      if (limits.rpm !== undefined) buckets.requests = new TokenBucket(limits.rpm, now);
      if (limits.tpm !== undefined) buckets.tokens = new TokenBucket(limits.tpm, now);
      this.buckets.set(key, buckets);
    }
    return buckets;
  }

  /** Header state; an unlimited dimension shows the generous fixed numbers, less this request. */
  private snapshot(buckets: Buckets, now: number, tokens: number): RateLimitSnapshot {
    const { requests, tokens: tokenBucket } = buckets;
    return {
      limitRequests: requests?.capacity ?? GENEROUS_LIMITS.requests,
      remainingRequests: requests ? Math.max(0, Math.floor(requests.available(now))) : GENEROUS_LIMITS.requests - 1,
      resetRequestsMs: requests ? requests.resetMs(now) : Math.ceil(WINDOW_MS / GENEROUS_LIMITS.requests),
      limitTokens: tokenBucket?.capacity ?? GENEROUS_LIMITS.tokens,
      remainingTokens: tokenBucket ? Math.max(0, Math.floor(tokenBucket.available(now))) : Math.max(0, GENEROUS_LIMITS.tokens - tokens),
      resetTokensMs: tokenBucket ? tokenBucket.resetMs(now) : Math.ceil((tokens / GENEROUS_LIMITS.tokens) * WINDOW_MS),
    };
  }
}
