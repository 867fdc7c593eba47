import { describe, expect, test } from "vitest";
import { parseRateLimitSpec, resolveRateLimits } from "../../src/emulator/index.js";
import { formatDuration } from "../../src/emulator/openai/rate-limit.js";
import { googleRateLimitReply } from "../../src/emulator/rate-limits/google-replies.js";
import { TokenBucket } from "../../src/emulator/rate-limits/token-bucket.js";
import type { RateLimitDenial } from "../../src/emulator/rate-limits/types.js";

describe("rate-limit spec", () => {
  test("parses limits, latency, jitter and per-model overrides (model names may hold colons)", () => {
    expect(parseRateLimitSpec(" rpm=600, tpm=60000 ,latency=200ms,jitter=50,rpm@llama3:8b=30,tpm@gpt-4o=1000")).toEqual({
      rpm: 600,
      tpm: 60000,
      latencyMs: 200,
      jitterMs: 50,
      perModel: { "llama3:8b": { rpm: 30 }, "gpt-4o": { tpm: 1000 } },
    });
    expect(parseRateLimitSpec("")).toEqual({});
    expect(parseRateLimitSpec("none")).toEqual({});
    expect(parseRateLimitSpec('{"rpm":5,"perModel":{"m":{"tpm":9}}}')).toEqual({ rpm: 5, perModel: { m: { tpm: 9 } } });
  });

  test("resolving fills defaults and keeps unset limits unlimited", () => {
    expect(resolveRateLimits("rpm=60")).toEqual({ rpm: 60, perModel: {}, latencyMs: 0, jitterMs: 0 });
    expect(resolveRateLimits(undefined)).toEqual({ perModel: {}, latencyMs: 0, jitterMs: 0 });
  });

  test.each([
    ["rpm", /"rpm".*name=value/],
    ["rpm=fast", /"fast" is not a number/],
    ["rpm=0", /rpm must be a whole number >= 1/],
    ["tpm=1.5", /tpm must be a whole number >= 1/],
    ["latency=-5", /latencyMs must be milliseconds >= 0/],
    ["latency@m=5", /only rpm and tpm take "@model"/],
    ["burst=5", /"burst=5".*name=value/],
    ['{"rpm": 1, "rps": 2}', /unknown key "rps"/],
    ["{rpm", /not JSON/],
  ])("rejects %s with an error naming the problem", (spec, message) => {
    expect(() => resolveRateLimits(spec)).toThrow(message);
  });
});

describe("token bucket", () => {
  test("starts full, refills continuously over a minute, and reports waits and resets", () => {
    const bucket = new TokenBucket(60, 0);
    expect(bucket.available(0)).toBe(60);
    bucket.take(60, 0);
    expect(bucket.waitMs(1, 0)).toBe(1000);
    expect(bucket.available(500)).toBeCloseTo(0.5);
    expect(bucket.resetMs(30_000)).toBe(30_000);
    expect(bucket.available(120_000)).toBe(60);
    expect(bucket.waitMs(61, 0)).toBe(Number.POSITIVE_INFINITY);
  });

  test("a debt from an under-estimate must be repaid before anything passes", () => {
    const bucket = new TokenBucket(600, 0);
    bucket.take(700, 0);
    expect(bucket.available(0)).toBe(-100);
    expect(bucket.waitMs(100, 0)).toBe(20_000);
    bucket.give(1_000, 0);
    expect(bucket.available(0)).toBe(600);
  });
});

describe("wire formats", () => {
  test("OpenAI durations look like Go's: 0s, 120ms, 1s, 8.64s, 6m0s, 1m30.5s", () => {
    expect([0, 120, 1000, 8640, 360_000, 90_500].map(formatDuration)).toEqual(["0s", "120ms", "1s", "8.64s", "6m0s", "1m30.5s"]);
  });

  test("the Gemini 429 is RESOURCE_EXHAUSTED with QuotaFailure and RetryInfo details", () => {
    const denial: RateLimitDenial = {
      limit: "requests",
      surface: "gemini",
      model: "gemini-2.5-flash",
      perMinute: 60,
      used: 60,
      requested: 1,
      retryAfterMs: 1500,
      tooLarge: false,
      snapshot: { limitRequests: 60, limitTokens: 1, remainingRequests: 0, remainingTokens: 1, resetRequestsMs: 1500, resetTokensMs: 0 },
    };
    const reply = googleRateLimitReply(denial);
    expect(reply.status).toBe(429);
    expect(reply.headers).toBeUndefined();
    expect(reply.json).toMatchObject({
      error: {
        code: 429,
        status: "RESOURCE_EXHAUSTED",
        details: [
          { "@type": "type.googleapis.com/google.rpc.QuotaFailure", violations: [{ quotaValue: "60", quotaDimensions: { model: "gemini-2.5-flash" } }] },
          { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "1.5s" },
        ],
      },
    });
  });
});
