/**
 * Run `work` with an in-process emulator when `enabled` (the `--emulator` flag): its URL is
 * passed to the work and closed after.
 */
export async function withEmulator<T>(enabled: boolean, work: (emulatorUrl: string | undefined) => Promise<T>): Promise<T> {
  if (!enabled) return work(undefined);
  const { startEmulator } = await import("../emulator/index.js");
  const emulator = await startEmulator({
    batchMs: Number(process.env.BATCHLAB_EMULATOR_BATCH_MS ?? 1500),
    buckets: [DEMO_BUCKET],
  });
  try {
    return await work(emulator.url);
  } finally {
    await emulator.close();
  }
}

/** The Cloud Storage bucket the built-in emulator starts with (the tutorials' configs use it). */
export const DEMO_BUCKET = "batchlab-demo-bucket";

/** An AbortSignal that fires on the first Ctrl-C (a second one exits at once). */
export function interruptSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort(new Interrupted());
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

export class Interrupted extends Error {
  override name = "Interrupted";
  constructor() {
    super("interrupted");
  }
}
