import { closeRun, connectProvider, openRun } from "../run/open-run.js";
import type { RunLocation } from "./resume-run.js";

/**
 * Cancel a run's unfinished batches on the provider. Rows done before the cancel keep their
 * results; the rest end as cancelled when the run is next resumed (or by the process
 * waiting on it). Chunks never sent stay unsent.
 */
export async function cancelRun(runId: string, options: RunLocation = {}): Promise<{ cancelled: string[] }> {
  const run = openRun(runId, options.runDir, { lock: false });
  try {
    const provider = await connectProvider(run.record, options.emulatorUrl);
    const cancelled: string[] = [];
    for (const chunk of run.journal.chunks()) {
      if (chunk.state !== "submitted" || !chunk.remote) continue;
      await provider.cancel(chunk.remote);
      cancelled.push(chunk.remote.id);
    }
    return { cancelled };
  } finally {
    closeRun(run);
  }
}
