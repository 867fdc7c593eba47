import { startEmulator } from "../../src/emulator/index.js";
import { resolveConnection } from "../../src/providers/connection.js";
import { createVertexProvider } from "../../src/providers/vertex.js";
import { testProvider } from "./contract.js";

testProvider("vertex", async () => {
  const emulator = await startEmulator({ batchMs: 2_000, buckets: ["contract-bucket"] });
  const connection = resolveConnection("vertex", {
    emulatorUrl: emulator.url,
    options: { project_id: "contract-project", location: "us-central1", gcs_bucket: "contract-bucket" },
  });
  const provider = createVertexProvider(connection);
  await provider.preflight();
  return {
    emulator,
    provider,
    model: "gemini-2.5-flash",
    createPath: "/vertex/v1beta1/projects/contract-project/locations/us-central1/batchPredictionJobs",
  };
});
