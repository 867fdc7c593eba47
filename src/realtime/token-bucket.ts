/**
 * A continuously refilling bucket: `ratePerMinute` units a minute, holding at most
 * `capacity`. Starting partly full keeps the first seconds from bursting past a limit that
 * the service enforces over short windows (600 RPM is often enforced as 10 a second).
 */
export class TokenBucket {
  private level: number;
  private updatedAt: number;

  constructor(
    readonly ratePerMinute: number,
    readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {
    this.level = capacity;
    this.updatedAt = now();
  }

  /** Units available now. */
  available(): number {
    this.refill();
    return this.level;
  }

  /** Milliseconds until `amount` units are available (0 if now). */
  waitFor(amount: number): number {
    this.refill();
    const missing = Math.min(amount, this.capacity) - this.level;
    return missing <= 0 ? 0 : Math.ceil((missing / this.ratePerMinute) * 60_000);
  }

  take(amount: number): void {
    this.refill();
    this.level -= amount;
  }

  /** Give back (or, negative, take more) after the real cost is known. */
  adjust(amount: number): void {
    this.refill();
    this.level = Math.min(this.capacity, this.level + amount);
  }

  /** Never believe we have more than the service says remains. */
  capAt(remaining: number): void {
    this.refill();
    if (remaining < this.level) this.level = remaining;
  }

  private refill(): void {
    const now = this.now();
    this.level = Math.min(this.capacity, this.level + ((now - this.updatedAt) / 60_000) * this.ratePerMinute);
    this.updatedAt = now;
  }
}
