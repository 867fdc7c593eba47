import { describe, expect, it } from "vitest";
import { chatBody, encodeChatLine, parseOutputLine } from "../../src/providers/openai-api.js";
import type { Request } from "../../src/types.js";

const request: Request = {
  key: "k1",
  model: "gpt-4o-mini",
  system: "Be brief.",
  parts: [{ type: "text", text: "Hello" }],
  params: { temperature: 0, max_tokens: 20, n: 2 },
};

describe("OpenAI batch lines", () => {
  it("encodes a request as a chat completions batch line with its custom_id", () => {
    const line = JSON.parse(encodeChatLine(request, "k1"));
    expect(line).toEqual({
      custom_id: "k1",
      method: "POST",
      url: "/v1/chat/completions",
      body: {
        model: "gpt-4o-mini",
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: "Hello" },
        ],
        temperature: 0,
        max_tokens: 20,
        n: 2,
      },
    });
  });

  it("sends images as image_url content parts", () => {
    const body = chatBody({ ...request, parts: [{ type: "text", text: "What?" }, { type: "image", url: "https://x/y.png" }] });
    expect((body.messages as { content: unknown }[])[1].content).toEqual([
      { type: "text", text: "What?" },
      { type: "image_url", image_url: { url: "https://x/y.png" } },
    ]);
  });

  it("reads a successful line with every choice and the usage", () => {
    const result = parseOutputLine(
      JSON.stringify({
        id: "batch_req_1",
        custom_id: "k1",
        response: {
          status_code: 200,
          body: {
            choices: [{ message: { content: "a" } }, { message: { content: "b" } }],
            usage: { prompt_tokens: 9, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 4 } },
          },
        },
        error: null,
      }),
    );
    expect(result).toEqual({ key: "k1", status: "succeeded", texts: ["a", "b"], usage: { input_tokens: 9, output_tokens: 2, cached_input_tokens: 4 } });
  });

  it("reads per-request HTTP failures and expiry as failed and expired rows", () => {
    const failed = parseOutputLine(
      JSON.stringify({ custom_id: "k2", response: { status_code: 400, body: { error: { code: "invalid_value", message: "bad" } } }, error: null }),
    );
    expect(failed).toMatchObject({ key: "k2", status: "failed", error: { code: "invalid_value", message: "bad" } });
    const expired = parseOutputLine(JSON.stringify({ custom_id: "k3", response: null, error: { code: "batch_expired", message: "late" } }));
    expect(expired).toMatchObject({ key: "k3", status: "expired", error: { code: "batch_expired" } });
  });

  it("returns nothing for a line that is not JSON, so the row cannot pass as succeeded", () => {
    expect(parseOutputLine('{"custom_id":"k4","response":{"status_co')).toBeUndefined();
  });
});
