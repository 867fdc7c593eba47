import { afterEach, describe, expect, test } from "vitest";
import { encode } from "gpt-tokenizer";
import { startTestEmulator, type TestEmulator } from "./support.js";
import { CHAT_FRAMING } from "./chat-framing.js";

let current: TestEmulator | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

async function start(): Promise<TestEmulator> {
  current = await startTestEmulator();
  return current;
}

describe("OpenAI chat completions and HTTP basics", () => {
  test("a chat completion echoes the user text with the spec's shape, usage and rate-limit headers", async () => {
    const test = await start();
    const { data, response } = await test.client.chat.completions
      .create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hello there" }] })
      .withResponse();
    expect(data).toMatchObject({ object: "chat.completion", model: "gpt-4o-mini" });
    expect(data.choices[0]).toMatchObject({ index: 0, finish_reason: "stop", logprobs: null, message: { role: "assistant", content: "Echo: hello there", refusal: null } });
    const [prompt, completion] = [encode("hello there").length + CHAT_FRAMING, encode("Echo: hello there").length];
    expect(data.usage).toMatchObject({ prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion });
    expect(Number(response.headers.get("x-ratelimit-limit-requests"))).toBeGreaterThan(1000);
    expect(Number(response.headers.get("x-ratelimit-remaining-tokens"))).toBeGreaterThan(0);
    expect(response.headers.get("x-ratelimit-reset-requests")).toMatch(/^\d+(ms|s)$/);
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
    expect(test.emulator.stats().openai.chat_completions).toBe(1);
  });

  test("echo answers are deterministic, cut at max_tokens with finish_reason length, and give n distinct choices", async () => {
    const test = await start();
    const ask = (extra: Record<string, unknown>) =>
      test.client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "one two three four five six seven" }], ...extra });
    const [first, second] = [await ask({}), await ask({})];
    expect(first.choices[0].message.content).toBe(second.choices[0].message.content);

    const cut = await ask({ max_tokens: 3 });
    expect(cut.choices[0].finish_reason).toBe("length");
    expect(cut.usage?.completion_tokens).toBe(3);
    expect(cut.choices[0].message.content).toBe("Echo: one");

    const many = await ask({ n: 3 });
    const texts = many.choices.map((choice) => choice.message.content);
    expect(new Set(texts).size).toBe(3);
    expect(texts[1]).toMatch(/^Echo\[2\]: /);
  });

  test("a chat body without messages is a 400 naming the messages field", async () => {
    const test = await start();
    await expect(test.client.chat.completions.create({ model: "m", messages: [] })).rejects.toMatchObject({ status: 400, param: "messages" });
  });

  test("a request without an API key is a 401 with the OpenAI error shape and a request id", async () => {
    const test = await start();
    const response = await fetch(`${test.emulator.url}/openai/v1/batches`);
    expect(response.status).toBe(401);
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
    const body = await response.json();
    expect(body.error).toMatchObject({ type: "invalid_request_error", param: null, code: null });
    expect(body.error.message).toContain("API key");
  });

  test("an unknown route is a JSON 404, inside and outside the surface prefixes", async () => {
    const test = await start();
    const inside = await fetch(`${test.emulator.url}/openai/v1/nothing-here`, { headers: { authorization: "Bearer k" } });
    expect(inside.status).toBe(404);
    expect((await inside.json()).error.message).toBe("Invalid URL (GET /openai/v1/nothing-here)");
    const outside = await fetch(`${test.emulator.url}/v1/files`);
    expect(outside.status).toBe(404);
    expect((await outside.json()).error.message).toContain("/openai/v1");
  });

  test("the emulator listens on 127.0.0.1 by default", async () => {
    const test = await start();
    expect(test.emulator.url).toBe(`http://127.0.0.1:${test.emulator.port}`);
  });
});
