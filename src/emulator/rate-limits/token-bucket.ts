/**
 * A token bucket that holds one minute's allowance and refills continuously: a limit of
 * 600/min starts full (a burst of 600 passes), then gains 10 per second. The level may go
 * below zero when a request used more than was charged at admission (a debt, repaid by
 * the refill before anything else passes).
 */

/** Refill period: the whole capacity comes back in one minute. */
export const WINDOW_MS = 60_000;

export class TokenBucket {
  private level: number;
  private updatedMs: number;

  constructor(
    readonly capacity: number,
    nowMs: number,
  ) {
    this.level = capacity;
    this.updatedMs = nowMs;
  }

  /** What the bucket holds at `nowMs` (may be negative, never above capacity). */
  available(nowMs: number): number {
    this.refill(nowMs);
    return this.level;
  }

  /** Removes `amount` (the caller checked `available` first, or is settling a debt). */
  take(amount: number, nowMs: number): void {
    this.refill(nowMs);
    this.level -= amount;
  }

  /** Gives back `amount` (an over-estimate at admission), capped at capacity. */
  give(amount: number, nowMs: number): void {
    this.refill(nowMs);
    this.level = Math.min(this.capacity, this.level + amount);
  }

  /** Milliseconds until `amount` is available; Infinity when it exceeds the capacity. */
  waitMs(amount: number, nowMs: number): number {
    if (amount > this.capacity) return Number.POSITIVE_INFINITY;
    const missing = amount - this.available(nowMs);
    return missing <= 0 ? 0 : Math.ceil((missing * WINDOW_MS) / this.capacity);
  }

  /** Milliseconds until the bucket is full again (what `reset` headers report). */
  resetMs(nowMs: number): number {
    const missing = this.capacity - this.available(nowMs);
    return missing <= 0 ? 0 : Math.ceil((missing * WINDOW_MS) / this.capacity);
  }

  private refill(nowMs: number): void {
    // The emulator clock only moves forward, but wall time can step back a little.
    const elapsed = Math.max(0, nowMs - this.updatedMs);
    this.level = Math.min(this.capacity, this.level + (elapsed * this.capacity) / WINDOW_MS);
    this.updatedMs = Math.max(this.updatedMs, nowMs);
  }
}
