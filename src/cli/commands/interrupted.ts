import { resumeCommand } from "../../api/resume-command.js";
import { Interrupted } from "../with-emulator.js";

/** Ctrl-C while waiting: the batches go on remotely; say how to pick them up. Else rethrow. */
export function reportInterrupted(error: unknown, runId: string | undefined, runDir: string | undefined): number {
  if (!(error instanceof Interrupted)) throw error;
  const how = runId ? resumeCommand(runId, runDir) : "batchlab list   (then batchlab resume <run-id>)";
  process.stderr.write(`\n[batchlab] stopped waiting. Submitted batches keep running on the provider; continue with:\n  ${how}\n`);
  return 130;
}
