import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { RunStateError } from "../errors.js";

/**
 * One process drives a run at a time. The lock file holds the owner's pid; a lock whose
 * process is gone (kill -9, crashed kernel) is taken over.
 */
export function acquireRunLock(path: string, runId: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSafe(path));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new RunStateError(
          `run ${runId} is being driven by another process (pid ${owner}); wait for it to finish, or stop it first`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new RunStateError(`could not lock run ${runId} (${path}); remove the lock file if no batchlab process is running`);
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
