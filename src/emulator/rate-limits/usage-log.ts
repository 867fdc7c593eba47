/**
 * What the realtime endpoints served, per surface and model, so a benchmark can compare the
 * sustained rate with the limit (`GET /_emulator/usage`). Times are emulator-clock ms.
 */

/** One model's usage on one surface. */
export interface ModelUsage {
  /** Requests answered (admitted and settled). */
  requests: number;
  input_tokens: number;
  output_tokens: number;
  /** input_tokens + output_tokens. */
  tokens: number;
  /** 429s from the configured limits (injected 429 faults are not counted here). */
  rate_limited: number;
  /** First admission, in ms (null before any). */
  first_ms: number | null;
  /** Last answer, in ms (null before any). */
  last_ms: number | null;
  /** requests and tokens per minute over [first_ms, last_ms]; null while that span is 0. */
  requests_per_minute: number | null;
  tokens_per_minute: number | null;
  /** The limits in force for this model (null: not limited). */
  limits: { rpm: number | null; tpm: number | null };
  /**
   * Served requests / tokens as a share of the most the limit allows over [first_ms, last_ms]:
   * a full bucket (one minute's allowance) plus the refill, `limit × (1 + span / 60 s)`.
   * 1 means the client got everything the limit allows; null when not limited.
   */
  share_of_rpm: number | null;
  share_of_tpm: number | null;
}

/** Usage keyed by surface name, then model. */
export type UsageReport = Record<string, Record<string, ModelUsage>>;

type Counters = Omit<ModelUsage, "requests_per_minute" | "tokens_per_minute" | "limits" | "share_of_rpm" | "share_of_tpm">;

export class UsageLog {
  private readonly entries = new Map<string, Map<string, Counters>>();

  admitted(surface: string, model: string, nowMs: number): void {
    const entry = this.entry(surface, model);
    entry.first_ms ??= nowMs;
  }

  served(surface: string, model: string, usage: { inputTokens: number; outputTokens: number }, nowMs: number): void {
    const entry = this.entry(surface, model);
    entry.requests++;
    entry.input_tokens += usage.inputTokens;
    entry.output_tokens += usage.outputTokens;
    entry.tokens += usage.inputTokens + usage.outputTokens;
    entry.first_ms ??= nowMs;
    entry.last_ms = Math.max(entry.last_ms ?? nowMs, nowMs);
  }

  denied(surface: string, model: string): void {
    this.entry(surface, model).rate_limited++;
  }

  /** A snapshot with per-minute rates; `limitsOf` says which limits apply to a model. */
  report(limitsOf: (model: string) => { rpm?: number; tpm?: number }): UsageReport {
    const report: UsageReport = {};
    for (const [surface, models] of this.entries) {
      report[surface] = {};
      for (const [model, counters] of models) {
        const span = counters.first_ms !== null && counters.last_ms !== null ? counters.last_ms - counters.first_ms : 0;
        const perMinute = (count: number): number | null => (span > 0 ? round((count * 60_000) / span) : null);
        const limits = limitsOf(model);
        const share = (count: number, limit: number | undefined): number | null => (limit === undefined ? null : round(count / (limit * (1 + span / 60_000)), 4));
        report[surface][model] = {
          ...counters,
          requests_per_minute: perMinute(counters.requests),
          tokens_per_minute: perMinute(counters.tokens),
          limits: { rpm: limits.rpm ?? null, tpm: limits.tpm ?? null },
          share_of_rpm: share(counters.requests, limits.rpm),
          share_of_tpm: share(counters.tokens, limits.tpm),
        };
      }
    }
    return report;
  }

  clear(): void {
    this.entries.clear();
  }

  private entry(surface: string, model: string): Counters {
    let models = this.entries.get(surface);
    if (!models) this.entries.set(surface, (models = new Map()));
    let entry = models.get(model);
    if (!entry) {
      entry = { requests: 0, input_tokens: 0, output_tokens: 0, tokens: 0, rate_limited: 0, first_ms: null, last_ms: null };
      models.set(model, entry);
    }
    return entry;
  }
}

function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
