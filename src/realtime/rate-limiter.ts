import { BatchlabError } from "../errors.js";
import { sleep } from "../util/sleep.js";
import { TokenBucket } from "./token-bucket.js";

/** The account's limits for one model. Unset means unlimited. */
export interface RateLimits {
  /** Requests per minute. */
  rpm?: number;
  /** Tokens per minute (prompt + max output, as the services count at admission). */
  tpm?: number;
  /** Requests in flight at once (default 32). */
  maxConcurrency?: number;
  /** Seconds of the limit allowed as a burst (default 1: 600 RPM → 10 at once). */
  burstSeconds?: number;
}

/** What a response's rate-limit headers said. */
export interface RateLimitSnapshot {
  remainingRequests?: number;
  remainingTokens?: number;
}

/** A request larger than the whole token budget can never be sent. */
export class RequestTooLargeError extends BatchlabError {
  override name = "RequestTooLargeError";
}

/**
 * Admission control for realtime calls: RPM and TPM token buckets plus a concurrency cap.
 * `acquire` waits until the request fits; `settle` corrects the token estimate with the real
 * usage; header snapshots and 429s pull the buckets down to what the service reports.
 */
export class RateLimiter {
  private readonly requests?: TokenBucket;
  private readonly tokens?: TokenBucket;
  private readonly maxConcurrency: number;
  private inFlight = 0;
  private pausedUntil = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(readonly limits: RateLimits, private readonly now: () => number = Date.now) {
    const burst = limits.burstSeconds ?? 1;
    if (limits.rpm) this.requests = new TokenBucket(limits.rpm, Math.max(1, (limits.rpm / 60) * burst), now);
    if (limits.tpm) this.tokens = new TokenBucket(limits.tpm, Math.max(1, (limits.tpm / 60) * burst), now);
    this.maxConcurrency = limits.maxConcurrency ?? 32;
  }

  /** Wait until one request of `estimatedTokens` may go; returns a release function. */
  async acquire(estimatedTokens: number, signal?: AbortSignal): Promise<void> {
    if (this.limits.tpm && estimatedTokens > this.limits.tpm) {
      throw new RequestTooLargeError(
        `a request needs about ${estimatedTokens} tokens, more than the whole budget of ${this.limits.tpm} tokens per minute; shorten it, lower max_tokens, or raise tpm`,
      );
    }
    for (;;) {
      signal?.throwIfAborted();
      if (this.inFlight >= this.maxConcurrency) {
        await new Promise<void>((resolve) => this.waiters.push(resolve));
        continue;
      }
      const wait = Math.max(
        this.pausedUntil - this.now(),
        this.requests?.waitFor(1) ?? 0,
        this.tokens?.waitFor(estimatedTokens) ?? 0,
      );
      if (wait <= 0) break;
      await sleep(Math.min(wait, 1_000), signal);
    }
    this.requests?.take(1);
    this.tokens?.take(estimatedTokens);
    this.inFlight++;
  }

  /** The call ended: free its slot and correct its token count. */
  settle(estimatedTokens: number, actualTokens?: number, snapshot?: RateLimitSnapshot): void {
    this.inFlight--;
    if (actualTokens !== undefined) this.tokens?.adjust(estimatedTokens - actualTokens);
    if (snapshot?.remainingRequests !== undefined) this.requests?.capAt(snapshot.remainingRequests);
    if (snapshot?.remainingTokens !== undefined) this.tokens?.capAt(snapshot.remainingTokens);
    this.waiters.shift()?.();
  }

  /**
   * The service said 429: nobody starts for `retryAfterMs` (the service's own figure, so a
   * short `retry-after-ms` costs little). Buckets are not emptied: the remaining-headers of
   * the next answers say where we really stand.
   */
  backOff(retryAfterMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + retryAfterMs);
  }
}
