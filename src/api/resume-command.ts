import { DEFAULT_RUN_DIR } from "../run/run-paths.js";

/** The command a user types to continue a run. */
export function resumeCommand(runId: string, runDir?: string): string {
  const dir = runDir && runDir !== DEFAULT_RUN_DIR ? ` --run-dir ${quote(runDir)}` : "";
  return `batchlab resume ${runId}${dir}`;
}

function quote(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}
