import { startEmulator } from "../../src/emulator/index.js";
import { resolveConnection } from "../../src/providers/connection.js";
import { createOpenAIProvider } from "../../src/providers/openai.js";
import { testProvider } from "./contract.js";

testProvider("openai", async () => {
  const emulator = await startEmulator({ batchMs: 2_000 });
  const provider = createOpenAIProvider(resolveConnection("openai", { emulatorUrl: emulator.url }));
  return { emulator, provider, model: "gpt-4o-mini", createPath: "/openai/v1/batches" };
});
