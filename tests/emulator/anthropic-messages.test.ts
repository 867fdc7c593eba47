import { afterEach, describe, expect, test } from "vitest";
import { encode } from "gpt-tokenizer";
import { BadRequestError, OverloadedError, PaymentRequiredError } from "@anthropic-ai/sdk";
import { batchRequests, closeAll, errorMessage, post, startAnthropic } from "./anthropic-support.js";
import { CHAT_FRAMING } from "./chat-framing.js";

afterEach(closeAll);

const PNG_BASE64 = Buffer.from("not really a png, but bytes").toString("base64");

describe("Anthropic realtime messages", () => {
  test("messages.create answers with a message object, usage, a request-id and rate-limit headers", async () => {
    const test = await startAnthropic();
    const { data, response } = await test.client.messages
      .create({ model: "claude-test-model", max_tokens: 32, messages: [{ role: "user", content: "hello there" }] })
      .withResponse();
    expect(data).toMatchObject({ type: "message", role: "assistant", model: "claude-test-model", content: [{ type: "text", text: "Echo: hello there" }], stop_reason: "end_turn", stop_sequence: null });
    expect(data.id).toMatch(/^msg_/);
    expect(data.usage).toMatchObject({ input_tokens: encode("hello there").length + CHAT_FRAMING, output_tokens: encode("Echo: hello there").length });
    expect(response.headers.get("request-id")).toMatch(/^req_/);
    expect(Number(response.headers.get("anthropic-ratelimit-requests-limit"))).toBeGreaterThan(0);
    expect(Date.parse(response.headers.get("anthropic-ratelimit-tokens-reset")!)).not.toBeNaN();
    expect(test.emulator.stats().anthropic).toMatchObject({ requests: 1, messages: 1 });
  });

  test("system text, image blocks and max_tokens reach the responder", async () => {
    const test = await startAnthropic();
    const message = await test.client.messages.create({
      model: "claude-test-model",
      max_tokens: 4,
      system: [{ type: "text", text: "be brief" }],
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "what is in the picture, in many words please" },
            { type: "image", source: { type: "base64", media_type: "image/png", data: PNG_BASE64 } },
          ],
        },
      ],
    });
    expect(message.stop_reason).toBe("max_tokens");
    expect(message.usage.output_tokens).toBe(4);
    const long = await test.client.messages.create({
      model: "claude-test-model",
      max_tokens: 200,
      system: "be brief",
      messages: [{ role: "user", content: [{ type: "text", text: "look" }, { type: "image", source: { type: "base64", media_type: "image/png", data: PNG_BASE64 } }] }],
    });
    const text = long.content[0].type === "text" ? long.content[0].text : "";
    expect(text).toContain("[system: be brief]");
    expect(text).toContain("image/png");
  });

  test("a body without max_tokens is a 400 naming the field", async () => {
    const test = await startAnthropic();
    const attempt = test.client.messages.create({ model: "m", messages: [{ role: "user", content: "hi" }] } as never);
    await expect(attempt).rejects.toBeInstanceOf(BadRequestError);
    expect(await errorMessage(attempt)).toBe("max_tokens: Field required");
  });

  test("both auth forms are accepted and a request without a key is a 401 authentication_error", async () => {
    const test = await startAnthropic();
    const body = { model: "m", max_tokens: 8, messages: [{ role: "user", content: "hi" }] };
    expect((await post(test, "/v1/messages", body, { "x-api-key": "sk-ant-old-sdk" })).status).toBe(200);
    expect((await post(test, "/v1/messages", body, { authorization: "Bearer sk-ant-new-sdk" })).status).toBe(200);
    const refused = await post(test, "/v1/messages", body, {});
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ type: "error", error: { type: "authentication_error" } });
    const created = await post(test, "/v1/messages/batches", { requests: batchRequests(1) }, { "x-api-key": "k" });
    expect((await created.json()).processing_status).toBe("in_progress");
  });

  test("an unknown route is a 404 not_found_error in the Anthropic shape", async () => {
    const test = await startAnthropic();
    const response = await fetch(`${test.emulator.url}/anthropic/v1/nothing`, { headers: { "x-api-key": "k" } });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ type: "error", error: { type: "not_found_error" }, request_id: expect.stringMatching(/^req_/) });
  });
});

describe("faults on the Anthropic surface", () => {
  test("injected 429s carry retry-after and rate_limit_error, and the SDK retries through them", async () => {
    const test = await startAnthropic({ faults: "429:0.4" }, 8);
    for (let index = 0; index < 6; index++) {
      const message = await test.client.messages.create({ model: "m", max_tokens: 16, messages: [{ role: "user", content: `q${index}` }] });
      expect(message.content[0]).toMatchObject({ text: `Echo: q${index}` });
    }
    const stats = test.emulator.stats().anthropic;
    expect(stats.faults_injected).toBeGreaterThan(0);
    expect(stats.requests).toBe(6 + stats.faults_injected);
    expect(stats.rate_limited).toBe(0);
  });

  test("a scripted 503 is Anthropic's 529 overloaded_error", async () => {
    const test = await startAnthropic();
    test.emulator.setFaults('{"script":[{"path":"/anthropic/v1/messages","fault":"503"}]}');
    await expect(test.client.messages.create({ model: "m", max_tokens: 8, messages: [{ role: "user", content: "hi" }] })).rejects.toBeInstanceOf(OverloadedError);
  });

  test("the quota fault is a 402 billing_error the SDK does not retry", async () => {
    const test = await startAnthropic({ faults: "quota:1" }, 3);
    const attempt = test.client.messages.create({ model: "m", max_tokens: 8, messages: [{ role: "user", content: "hi" }] });
    await expect(attempt).rejects.toBeInstanceOf(PaymentRequiredError);
    expect(test.emulator.stats().anthropic.requests).toBe(1);
  });
});
