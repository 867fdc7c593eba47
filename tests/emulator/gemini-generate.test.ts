import { describe, expect, test } from "vitest";
import { encode } from "gpt-tokenizer";
import { GoogleGenAI } from "@google/genai";
import { geminiClient, setFaultScript, useGoogleEmulator } from "./google-support.js";
import { CHAT_FRAMING } from "./chat-framing.js";

const start = useGoogleEmulator();

describe("Gemini API realtime calls through @google/genai", () => {
  test("generateContent echoes the prompt with usage, on v1 and on v1beta", async () => {
    const test = await start();
    for (const ai of [test.gemini, geminiClient(test.emulator.url, "v1beta")]) {
      const response = await ai.models.generateContent({ model: "gemini-2.5-flash", contents: "What is 2+2?" });
      expect(response.text).toBe("Echo: What is 2+2?");
      expect(response.usageMetadata).toMatchObject({ promptTokenCount: encode("What is 2+2?").length + CHAT_FRAMING, candidatesTokenCount: encode("Echo: What is 2+2?").length });
      expect(response.modelVersion).toBe("gemini-2.5-flash");
      expect(response.candidates?.[0]?.finishReason).toBe("STOP");
    }
    expect(test.emulator.stats().gemini.generate_content).toBe(2);
  });

  test("generationConfig maps to the responder: maxOutputTokens cuts with MAX_TOKENS, candidateCount gives several candidates", async () => {
    const test = await start();
    const response = await test.gemini.models.generateContent({
      model: "gemini-2.5-flash",
      contents: "a fairly long question about many things",
      config: { maxOutputTokens: 3, candidateCount: 2, systemInstruction: "be brief" },
    });
    expect(response.candidates).toHaveLength(2);
    expect(response.candidates?.map((candidate) => candidate.finishReason)).toEqual(["MAX_TOKENS", "MAX_TOKENS"]);
    expect(response.usageMetadata?.candidatesTokenCount).toBe(6);
  });

  test("inline images and uploaded files are described by type and size", async () => {
    const test = await start();
    const file = await test.gemini.files.upload({ file: new Blob([Buffer.alloc(1234)]), config: { mimeType: "image/png" } });
    const response = await test.gemini.models.generateContent({
      model: "gemini-2.5-flash",
      contents: [
        {
          role: "user",
          parts: [
            { text: "Describe" },
            { inlineData: { mimeType: "image/jpeg", data: Buffer.alloc(300).toString("base64") } },
            { fileData: { mimeType: "image/png", fileUri: file.uri! } },
          ],
        },
      ],
    });
    expect(response.text).toBe("Echo: Describe [image image/jpeg 300 bytes] [image image/png 1234 bytes]");
  });

  test("streamGenerateContent yields the answer and countTokens counts the prompt", async () => {
    const test = await start();
    const chunks: string[] = [];
    for await (const chunk of await test.gemini.models.generateContentStream({ model: "gemini-2.5-flash", contents: "stream me" })) chunks.push(chunk.text ?? "");
    expect(chunks.join("")).toBe("Echo: stream me");
    const counted = await test.gemini.models.countTokens({ model: "gemini-2.5-flash", contents: "count these words" });
    expect(counted.totalTokens).toBe(encode("count these words").length);
  });

  test("a bad request is a 400 INVALID_ARGUMENT naming the field", async () => {
    const test = await start();
    const error = await test.gemini.models
      .generateContent({ model: "gemini-2.5-flash", contents: [{ role: "robot", parts: [{ text: "x" }] }] })
      .catch((caught: unknown) => caught as { status: number; message: string });
    expect(error).toMatchObject({ status: 400 });
    expect(JSON.parse((error as { message: string }).message).error).toMatchObject({ status: "INVALID_ARGUMENT", message: expect.stringContaining("contents[0].role") });
  });

  test("a scripted 429 is RESOURCE_EXHAUSTED with RetryInfo, and counts as an injected fault", async () => {
    const test = await start();
    await setFaultScript(test.emulator, [{ path: "/gemini/v1/models/*", fault: "429" }]);
    const error = await test.gemini.models.generateContent({ model: "gemini-2.5-flash", contents: "hi" }).catch((caught: unknown) => caught as { status: number; message: string });
    expect(error).toMatchObject({ status: 429 });
    const body = JSON.parse((error as { message: string }).message);
    expect(body.error).toMatchObject({ code: 429, status: "RESOURCE_EXHAUSTED" });
    expect(body.error.details[0]).toMatchObject({ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: expect.stringMatching(/^\d+\.\d+s$/) });
    expect(test.emulator.stats().gemini.faults_injected).toBe(1);
    expect((await test.gemini.models.generateContent({ model: "gemini-2.5-flash", contents: "hi" })).text).toBe("Echo: hi");
  });

  test("the SDK's own retry option gets through a 503", async () => {
    const test = await start();
    await setFaultScript(test.emulator, [{ path: "/gemini/v1/models/*", fault: "503" }]);
    const retrying = new GoogleGenAI({
      apiKey: "k",
      httpOptions: { baseUrl: `${test.emulator.url}/gemini`, retryOptions: { attempts: 3, initialDelay: 0.01, jitter: 0 } },
    });
    expect((await retrying.models.generateContent({ model: "gemini-2.5-flash", contents: "hi" })).text).toBe("Echo: hi");
  });

  test("a call without an API key is refused with 403 PERMISSION_DENIED", async () => {
    const test = await start();
    const response = await fetch(`${test.emulator.url}/gemini/v1beta/models/gemini-2.5-flash:generateContent`, { method: "POST", body: "{}" });
    expect(response.status).toBe(403);
    expect((await response.json()).error.status).toBe("PERMISSION_DENIED");
  });
});
