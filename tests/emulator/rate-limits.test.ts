import { afterEach, describe, expect, test } from "vitest";
import OpenAI, { RateLimitError } from "openai";
import Anthropic, { RateLimitError as AnthropicRateLimitError } from "@anthropic-ai/sdk";
import { encode } from "gpt-tokenizer";
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from "../../src/emulator/index.js";
import { CHAT_FRAMING } from "./chat-framing.js";

const started: EmulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((emulator) => emulator.close()));
});

async function start(options: EmulatorOptions, maxRetries = 0): Promise<{ emulator: EmulatorHandle; openai: OpenAI; anthropic: Anthropic }> {
  const emulator = await startEmulator(options);
  started.push(emulator);
  return {
    emulator,
    openai: new OpenAI({ apiKey: "sk-test", baseURL: `${emulator.url}/openai/v1`, maxRetries }),
    anthropic: new Anthropic({ apiKey: "sk-ant-test", baseURL: `${emulator.url}/anthropic`, maxRetries }),
  };
}

function ask(client: OpenAI, content = "hi", extra: Record<string, unknown> = {}) {
  return client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content }], ...extra }).withResponse();
}

async function rejection(call: Promise<unknown>): Promise<RateLimitError> {
  const error = await call.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(RateLimitError);
  return error as RateLimitError;
}

/** A prompt of exactly `tokens` tokens (" a" is one token). */
function promptOf(tokens: number): string {
  const text = "a" + " a".repeat(tokens - 1);
  expect(encode(text).length).toBe(tokens);
  return text;
}

describe("RPM limits on OpenAI chat completions", () => {
  test("remaining requests count down, a burst past the limit gets 429s of type requests, and the window refills", async () => {
    const { emulator, openai } = await start({ rateLimits: "rpm=60" });
    const began = Date.now();
    const remaining: number[] = [];
    for (let index = 0; index < 3; index++) {
      const { response } = await ask(openai);
      expect(response.headers.get("x-ratelimit-limit-requests")).toBe("60");
      remaining.push(Number(response.headers.get("x-ratelimit-remaining-requests")));
    }
    expect(remaining).toEqual([59, 58, 57]);

    const burst = await Promise.allSettled(Array.from({ length: 64 }, () => ask(openai)));
    const passed = burst.filter((outcome) => outcome.status === "fulfilled").length;
    expect(passed).toBeGreaterThanOrEqual(57);
    // 60 RPM refills one request per second: one more per whole second the test took.
    expect(passed).toBeLessThanOrEqual(57 + Math.floor((Date.now() - began) / 1000));
    const refused = (burst.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult).reason as RateLimitError;
    expect(refused).toBeInstanceOf(RateLimitError);
    expect(refused.type).toBe("requests");
    expect(refused.code).toBe("rate_limit_exceeded");
    expect(refused.message).toMatch(/Rate limit reached for gpt-4o-mini in organization \S+ on requests per min \(RPM\): Limit 60, Used 60, Requested 1\. Please try again in \d+ms\./);
    expect(refused.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(refused.headers.get("x-ratelimit-reset-requests")).toMatch(/^(\d+ms|[\d.]+s|\d+m[\d.]+s)$/);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const waitMs = Number(refused.headers.get("retry-after-ms"));
    expect(waitMs).toBeGreaterThan(0);
    expect(waitMs).toBeLessThanOrEqual(1000);
    expect(emulator.stats().openai).toMatchObject({ rate_limited: 64 - passed, chat_completions: 3 + passed, faults_injected: 0 });

    emulator.advanceClock(60_000);
    const { response } = await ask(openai);
    expect(response.headers.get("x-ratelimit-remaining-requests")).toBe("59");
  });

  test("per-model overrides get their own buckets", async () => {
    const { openai } = await start({ rateLimits: { rpm: 100, perModel: { "tiny-model": { rpm: 1 } } } });
    await openai.chat.completions.create({ model: "tiny-model", messages: [{ role: "user", content: "one" }] });
    await expect(openai.chat.completions.create({ model: "tiny-model", messages: [{ role: "user", content: "two" }] })).rejects.toBeInstanceOf(RateLimitError);
    const { response } = await ask(openai);
    expect(response.headers.get("x-ratelimit-limit-requests")).toBe("100");
  });
});

describe("TPM limits", () => {
  test("tokens are charged prompt + max_tokens at admission, settled to the real usage, and refused with type tokens", async () => {
    const { emulator, openai } = await start({ rateLimits: "tpm=1000" });
    const prompt = promptOf(300);
    const began = Date.now();
    const { data, response } = await ask(openai, prompt, { max_tokens: 200 });
    const used = data.usage!.total_tokens;
    expect(used).toBe(300 + CHAT_FRAMING + 200);
    const remaining = Number(response.headers.get("x-ratelimit-remaining-tokens"));
    expect(remaining).toBeGreaterThanOrEqual(1000 - used);
    // The bucket refills 1000 tokens a minute: one per 60 ms the call took.
    expect(remaining).toBeLessThanOrEqual(1000 - used + Math.ceil((Date.now() - began) / 60));
    expect(response.headers.get("x-ratelimit-limit-tokens")).toBe("1000");

    const refused = await rejection(ask(openai, prompt, { max_tokens: 300 }));
    expect(refused.type).toBe("tokens");
    expect(refused.message).toContain("on tokens per min (TPM): Limit 1000");
    expect(refused.message).toContain(`Requested ${300 + CHAT_FRAMING + 300}`);
    expect(refused.headers.get("x-should-retry")).toBeNull();
    expect(emulator.usage().openai["gpt-4o-mini"]).toMatchObject({ requests: 1, tokens: used, rate_limited: 1, limits: { rpm: null, tpm: 1000 } });
  });

  test("a request larger than the whole token limit is refused as non-retryable", async () => {
    const { emulator, openai } = await start({ rateLimits: "tpm=1000" }, 3);
    const refused = await rejection(ask(openai, promptOf(1200)));
    expect(refused.type).toBe("tokens");
    expect(refused.message).toMatch(/^429 Request too large for gpt-4o-mini/);
    expect(refused.headers.get("x-should-retry")).toBe("false");
    expect(emulator.stats().openai.requests).toBe(1);
  });
});

describe("quota and latency", () => {
  test("the quota fault is a 429 insufficient_quota with x-should-retry false, and the SDK does not retry it", async () => {
    const { emulator, openai } = await start({ faults: "quota:1" }, 3);
    const refused = await rejection(ask(openai));
    expect(refused).toMatchObject({ status: 429, type: "insufficient_quota", code: "insufficient_quota" });
    expect(refused.headers.get("x-should-retry")).toBe("false");
    expect(emulator.stats().openai).toMatchObject({ requests: 1, faults_injected: 1, rate_limited: 0 });
  });

  test("latency delays every admitted answer, with jitter within its bounds", async () => {
    const { openai, emulator } = await start({ rateLimits: "latency=150" });
    let before = Date.now();
    await ask(openai);
    expect(Date.now() - before).toBeGreaterThanOrEqual(145);
    emulator.setRateLimits("latency=100,jitter=50");
    before = Date.now();
    await ask(openai);
    const elapsed = Date.now() - before;
    expect(elapsed).toBeGreaterThanOrEqual(45);
    expect(elapsed).toBeLessThan(1000);
  });

  test("injected 429 faults are counted as faults, not as rate limiting", async () => {
    const { emulator, openai } = await start({ rateLimits: "rpm=100", faults: "429:1" });
    await rejection(ask(openai));
    expect(emulator.stats().openai).toMatchObject({ faults_injected: 1, rate_limited: 0 });
    expect(emulator.usage()).toEqual({});
  });
});

describe("Anthropic messages under limits", () => {
  test("anthropic-ratelimit headers count down and the third request in a 2 RPM limit is a rate_limit_error", async () => {
    const { emulator, anthropic, openai } = await start({ rateLimits: "rpm=2" });
    const body = { model: "claude-test-model", max_tokens: 16, messages: [{ role: "user" as const, content: "hi" }] };
    const first = await anthropic.messages.create(body).withResponse();
    expect(first.response.headers.get("anthropic-ratelimit-requests-limit")).toBe("2");
    expect(first.response.headers.get("anthropic-ratelimit-requests-remaining")).toBe("1");
    await anthropic.messages.create(body);
    const refused = await anthropic.messages.create(body).then(
      () => undefined,
      (error: unknown) => error as AnthropicRateLimitError,
    );
    expect(refused).toBeInstanceOf(AnthropicRateLimitError);
    expect(refused!.error).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
    const headers = refused!.headers!;
    expect(headers.get("anthropic-ratelimit-requests-remaining")).toBe("0");
    const reset = Date.parse(headers.get("anthropic-ratelimit-requests-reset")!);
    // Reset is when the bucket is full again: both requests back, a minute at 2 RPM.
    expect(reset - Date.now()).toBeGreaterThan(50_000);
    expect(reset - Date.now()).toBeLessThanOrEqual(60_000);
    expect(Number(headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(headers.get("retry-after-ms")).toBeNull();
    expect(emulator.stats().anthropic).toMatchObject({ rate_limited: 1, messages: 2 });
    // Each surface has its own buckets.
    await ask(openai);
  });
});

describe("usage and runtime settings through the control API", () => {
  test("usage reports requests, tokens, 429s and rates per model; reset clears it; new limits start with full buckets", async () => {
    const { emulator, openai } = await start({ rateLimits: "rpm=3" });
    for (let index = 0; index < 4; index++) await ask(openai).catch(() => undefined);
    const usage = await (await fetch(`${emulator.url}/_emulator/usage`)).json();
    const model = usage.openai["gpt-4o-mini"];
    expect(model).toMatchObject({ requests: 3, rate_limited: 1, limits: { rpm: 3, tpm: null }, share_of_tpm: null });
    // Three requests within a second: all a full 3 RPM bucket holds.
    expect(model.share_of_rpm).toBeGreaterThan(0.95);
    expect(model.share_of_rpm).toBeLessThanOrEqual(1);
    expect(model.tokens).toBe(model.input_tokens + model.output_tokens);
    expect(model.last_ms).toBeGreaterThanOrEqual(model.first_ms);

    const changed = await fetch(`${emulator.url}/_emulator/rate-limits`, { method: "POST", body: JSON.stringify({ spec: "rpm=5,latency=0" }) });
    expect(await changed.json()).toMatchObject({ rpm: 5, latencyMs: 0 });
    const { response } = await ask(openai);
    expect(response.headers.get("x-ratelimit-remaining-requests")).toBe("4");
    const bad = await fetch(`${emulator.url}/_emulator/rate-limits`, { method: "POST", body: JSON.stringify({ spec: "rpm=lots" }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain('"lots" is not a number');

    await fetch(`${emulator.url}/_emulator/reset`, { method: "POST" });
    expect(await (await fetch(`${emulator.url}/_emulator/usage`)).json()).toEqual({});
  });

  test("startEmulator refuses bad rate limits before listening", async () => {
    await expect(startEmulator({ rateLimits: "tpm=0" })).rejects.toThrow(/tpm must be a whole number >= 1/);
  });
});
