import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { RunStateError } from "../errors.js";

/**
 * One process drives a run at a time. The lock file holds the owner's pid; a lock whose
 * process is gone (kill -9, crashed kernel) is taken over.
 */
export function acquireRunLock(path: string, runId: string): () => void {
  const what = runId.startsWith("pipeline ") ? runId : `run ${runId}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSafe(path));
      if (owner === process.pid) {
        // A lock this process holds: a second driver here (a notebook cell run again while the
        // first still waits) would write the same journal from two places.
        throw new RunStateError(`${what} is already being driven in this process; wait for it to finish, or stop it first`);
      }
      if (owner && isAlive(owner)) {
        throw new RunStateError(`${what} is being driven by another process (pid ${owner}); wait for it to finish, or stop it first`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new RunStateError(`could not lock ${what} (${path}); remove the lock file if no batchlab process is running`);
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return "";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
