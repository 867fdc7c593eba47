import { parseCommand, positiveInteger, text } from "../args.js";
import { DEMO_BUCKET } from "../with-emulator.js";

export const EMULATOR_USAGE = "batchlab emulator [--port N] [--host 127.0.0.1] [--batch-ms N] [--faults SPEC] [--seed N] [--buckets a,b]\n                  [--rate-limits rpm=600,tpm=60000,latency=200]\n                  [--responder echo|oracle:answers.json]";

/** Run the emulator in the foreground until Ctrl-C; prints its URL first. */
export async function emulatorCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand(
    argv,
    { port: { type: "string" }, host: { type: "string" }, "batch-ms": { type: "string" }, faults: { type: "string" }, seed: { type: "string" }, buckets: { type: "string" }, "rate-limits": { type: "string" }, responder: { type: "string" } },
    [],
  );
  const { startEmulator, responderNamed } = await import("../../emulator/index.js");
  const emulator = await startEmulator({
    port: values.port === "0" ? 0 : (positiveInteger(values.port, "--port") ?? 0),
    host: text(values.host),
    batchMs: positiveInteger(values["batch-ms"], "--batch-ms"),
    faults: text(values.faults),
    seed: positiveInteger(values.seed, "--seed"),
    rateLimits: text(values["rate-limits"]),
    responder: values.responder ? responderNamed(String(values.responder)) : undefined,
    buckets: (text(values.buckets) ?? DEMO_BUCKET).split(",").map((name) => name.trim()).filter(Boolean),
  });
  process.stdout.write(`${emulator.url}\n`);
  process.stderr.write(`batchlab emulator listening on ${emulator.url}\n  export BATCHLAB_EMULATOR_URL=${emulator.url}\n  stats: ${emulator.url}/_emulator/stats\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await emulator.close();
  return 0;
}
