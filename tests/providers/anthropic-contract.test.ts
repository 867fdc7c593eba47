import { startEmulator } from "../../src/emulator/index.js";
import { createAnthropicProvider } from "../../src/providers/anthropic.js";
import { resolveConnection } from "../../src/providers/connection.js";
import { testProvider } from "./contract.js";

testProvider("anthropic", async () => {
  const emulator = await startEmulator({ batchMs: 2_000 });
  const provider = createAnthropicProvider(resolveConnection("anthropic", { emulatorUrl: emulator.url }));
  // Message batches carry no metadata: `find` goes by size and time, and `list` shows no tags.
  return { emulator, provider, model: "claude-sonnet-4-5", createPath: "/anthropic/v1/messages/batches", listsTags: false };
});
