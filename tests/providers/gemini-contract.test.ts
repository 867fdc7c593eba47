import { startEmulator } from "../../src/emulator/index.js";
import { resolveConnection } from "../../src/providers/connection.js";
import { createGeminiProvider } from "../../src/providers/gemini.js";
import { testProvider } from "./contract.js";

// Both input paths pass the same contract: inline requests (small batches) and a JSONL file.
testProvider("gemini (inline requests)", async () => {
  const emulator = await startEmulator({ batchMs: 2_000 });
  const provider = createGeminiProvider(resolveConnection("gemini", { emulatorUrl: emulator.url }));
  return { emulator, provider, model: "gemini-2.5-flash", createPath: "/gemini/v1/models/gemini-2.5-flash:batchGenerateContent" };
});

testProvider("gemini (input file)", async () => {
  const emulator = await startEmulator({ batchMs: 2_000 });
  const provider = createGeminiProvider(resolveConnection("gemini", { emulatorUrl: emulator.url }), { inlineLimit: 0 });
  return { emulator, provider, model: "gemini-2.5-flash", createPath: "/gemini/v1/models/gemini-2.5-flash:batchGenerateContent" };
});
