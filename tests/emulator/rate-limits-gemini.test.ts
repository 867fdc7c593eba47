import { describe, expect, test } from "vitest";
import { GoogleGenAI } from "@google/genai";
import { startEmulator } from "../../src/emulator/index.js";

describe("RPM limits on Gemini generateContent", () => {
  test("a burst past the limit gets 429 RESOURCE_EXHAUSTED with a RetryInfo delay, and the limit refills", async () => {
    const emulator = await startEmulator({ rateLimits: "rpm=2" });
    try {
      const ai = new GoogleGenAI({ apiKey: "local", httpOptions: { baseUrl: `${emulator.url}/gemini` } });
      const ask = () => ai.models.generateContent({ model: "gemini-2.5-flash", contents: "hello" });
      await ask();
      await ask();
      const refused = await ask().then(() => undefined, (error: Error & { status?: number }) => error);
      expect(refused?.status).toBe(429);
      const body = JSON.parse(refused!.message);
      expect(body.error.status).toBe("RESOURCE_EXHAUSTED");
      expect(body.error.details.find((detail: { "@type": string }) => detail["@type"].endsWith("RetryInfo")).retryDelay).toMatch(/^\d+(\.\d+)?s$/);
      expect((emulator.stats() as unknown as { gemini: { rate_limited: number } }).gemini.rate_limited).toBe(1);
      emulator.advanceClock(60_000);
      expect((await ask()).text).toContain("hello");
    } finally {
      await emulator.close();
    }
  });
});
