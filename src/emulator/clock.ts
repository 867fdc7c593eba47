/**
 * The emulator's clock: wall time plus an offset that `POST /_emulator/clock` moves forward,
 * so tests can finish a batch instantly. Batch states are computed from it lazily on read.
 */
export class Clock {
  private offsetMs = 0;

  /** Milliseconds since the epoch, as the emulator sees it. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves the clock forward (never backward). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`advanceMs must be a number >= 0, got ${ms}`);
    }
    this.offsetMs += ms;
  }

  get offset(): number {
    return this.offsetMs;
  }
}

/** Unix seconds, as the provider APIs report timestamps. */
export function toSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
