import { describe, expect, it } from "vitest";
import { encodeAnthropicLine, messageParams } from "../../src/providers/anthropic-api.js";
import { encodeGeminiLine, encodeVertexLine, generateContentRequest } from "../../src/providers/google-api.js";
import { chatBody, encodeChatLine } from "../../src/providers/openai-api.js";
import type { Request } from "../../src/types.js";

/** Each provider's encoder, and the plain JSON.stringify of the whole line it must equal. */
const ENCODERS: [string, (request: Request, id: string) => string, (request: Request, id: string) => string][] = [
  ["openai", encodeChatLine, (request, id) => JSON.stringify({ custom_id: id, method: "POST", url: "/v1/chat/completions", body: chatBody(request) })],
  ["gemini", encodeGeminiLine, (request, id) => JSON.stringify({ key: id, request: generateContentRequest(request) })],
  ["vertex", encodeVertexLine, (request, id) => JSON.stringify({ key: id, request: { ...generateContentRequest(request), labels: { batchlab_key: id } } })],
  ["anthropic", encodeAnthropicLine, (request, id) => JSON.stringify({ custom_id: id, params: messageParams(request) })],
];

const base: Request = { key: "k1", model: "m-1", system: "Be brief.", parts: [{ type: "text", text: "Hello" }], params: { temperature: 0, max_tokens: 20 } };

describe.each(ENCODERS)("%s batch lines", (_name, encode, plain) => {
  it("are exactly JSON.stringify of the whole line, row after row and step after step", () => {
    // The encoder reuses what rows of one step share; nothing about a row may leak into the next.
    const texts = ["Hello", "", 'quotes " and \\ and \n newlines', "\u0000text\u0000 looks like a stand-in", '"\u0000id\u0000"', "é ☃ 😀 \ud800 lone", "x".repeat(5000)];
    // Systems and models that hold the encoder's stand-ins, or a NUL, must not confuse it.
    const systems = [undefined, "", "Be brief.", "\u0000id\u0000", "\u0000text\u0000", "a\u0000b"];
    const models = ["m-1", "m-2", "\u0000text\u0000"];
    // Each differs from the one before in one parameter only.
    const params = [{}, { temperature: 0 }, { temperature: 0.7 }, { temperature: 0.7, top_p: 0.5 }, { temperature: 0.7, top_p: 0.5, max_tokens: 20 }, { temperature: 0.7, top_p: 0.5, max_tokens: 20, n: 2 }];
    // Consecutive rows that differ in one thing only: the system, the model or one parameter.
    const steps = [
      ...systems.flatMap((system) => params.map((param) => ({ system, param, model: "m-1" }))),
      ...params.flatMap((param) => systems.map((system) => ({ system, param, model: "m-1" }))),
      ...params.flatMap((param) => models.map((model) => ({ system: "Be brief.", param, model }))),
    ];
    for (const { system, param, model } of steps) {
      for (const [index, text] of texts.entries()) {
        const parts: Request["parts"] = index % 3 === 2 ? [{ type: "text", text }, { type: "text", text: "second part" }] : [{ type: "text", text }];
        const row: Request = { ...base, model, system, params: param, parts };
        for (const id of ["k1", `row-${index}`, 'odd "id" \\ \u0000id\u0000']) expect(encode(row, id)).toBe(plain(row, id));
      }
    }
    // With an image, and with no parts at all.
    for (const parts of [[{ type: "text" as const, text: "What?" }, { type: "image" as const, url: "https://x/y.png" }], []]) {
      const row = { ...base, parts };
      expect(encode(row, "k9")).toBe(plain(row, "k9"));
    }
  });
});
