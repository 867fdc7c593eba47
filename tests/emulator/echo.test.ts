import { describe, expect, test } from "vitest";
import { encode } from "gpt-tokenizer";
import { echoResponder } from "../../src/emulator/responders/echo.js";
import type { ChatRequest } from "../../src/emulator/responders/types.js";
import { CHAT_FRAMING } from "./chat-framing.js";

const request = (overrides: Partial<ChatRequest> = {}): ChatRequest => ({
  model: "m",
  messages: [{ role: "user", parts: [{ type: "text", text: "What is 2+2?" }] }],
  n: 1,
  ...overrides,
});

describe("echo responder", () => {
  test("echoes the last user message and counts tokens with the real tokenizer", async () => {
    const response = await echoResponder(request());
    expect(response.choices).toEqual([{ text: "Echo: What is 2+2?", finishReason: "stop" }]);
    expect(response.usage).toEqual({ inputTokens: encode("What is 2+2?").length + CHAT_FRAMING, outputTokens: encode("Echo: What is 2+2?").length });
  });

  test("mentions the system prompt and images briefly and counts them as prompt tokens", async () => {
    const response = await echoResponder(
      request({
        system: "You are a very careful grader of arithmetic answers",
        messages: [{ role: "user", parts: [{ type: "text", text: "Grade" }, { type: "image", url: "data:image/png;base64,AA" }] }],
      }),
    );
    expect(response.choices[0].text).toBe("Echo: Grade [system: You are a very careful grader of arithme…] [1 image]");
    expect(response.usage.inputTokens).toBe(encode("You are a very careful grader of arithmetic answers").length + 3 + encode("Grade").length + 85 + CHAT_FRAMING);
  });

  test("cuts each choice at maxTokens and reports length", async () => {
    const response = await echoResponder(request({ maxTokens: 2, n: 2 }));
    expect(response.choices.map((choice) => choice.finishReason)).toEqual(["length", "length"]);
    expect(response.usage.outputTokens).toBe(4);
  });

  test("treats special-token text in the prompt as plain text", async () => {
    const response = await echoResponder(request({ messages: [{ role: "user", parts: [{ type: "text", text: "<|endoftext|>" }] }] }));
    expect(response.choices[0].text).toBe("Echo: <|endoftext|>");
  });
});
