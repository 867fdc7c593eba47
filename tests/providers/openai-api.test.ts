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

  it("writes every line exactly as JSON.stringify of the whole line, row after row and step after step", () => {
    // The encoder reuses what rows of one step share; nothing about a row may leak into the next.
    const texts = ["Hello", "", 'quotes " and \\ and \n newlines', "\u0000text\u0000 looks like a stand-in", "é ☃ 😀 \ud800 lone", "x".repeat(5000)];
    // Systems that are exactly the encoder's stand-ins must not confuse it.
    const systems = [undefined, "", "Be brief.", "\u0000custom_id\u0000", "\u0000text\u0000"];
    const params = [{}, { temperature: 0, max_tokens: 20, n: 2 }, { top_p: 0.5, n: 1 }];
    // Every pair in both orders, so consecutive rows differ in the system only, or in the params only.
    const steps = [
      ...systems.flatMap((system) => params.map((param) => ({ system, param }))),
      ...params.flatMap((param) => systems.map((system) => ({ system, param }))),
    ];
    let lines = 0;
    for (const { system, param } of steps) {
      for (const [index, text] of texts.entries()) {
        const parts: Request["parts"] = index % 2 === 0 ? [{ type: "text", text }] : [{ type: "text", text }, { type: "text", text: "second part" }];
        const row: Request = { ...request, system, params: param, parts };
        for (const id of ["k1", `row-${index}`, 'odd "id"']) {
          expect(encodeChatLine(row, id)).toBe(JSON.stringify({ custom_id: id, method: "POST", url: "/v1/chat/completions", body: chatBody(row) }));
          lines++;
        }
      }
    }
    // With images, and no parts at all.
    const images: Request = { ...request, parts: [{ type: "text", text: "What?" }, { type: "image", url: "https://x/y.png" }] };
    const empty: Request = { ...request, parts: [] };
    for (const row of [images, empty]) expect(encodeChatLine(row, "k9")).toBe(JSON.stringify({ custom_id: "k9", method: "POST", url: "/v1/chat/completions", body: chatBody(row) }));
    expect(lines).toBe(steps.length * texts.length * 3);
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
