import { join, resolve } from "node:path";
import { existsSync } from "node:fs";
import { RunStateError } from "../errors.js";

/** Default parent of run directories. */
export const DEFAULT_RUN_DIR = ".batchlab/runs";

const RUN_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Every file of a run lives under `<runDir>/<runId>/`. */
export interface RunPaths {
  runId: string;
  root: string;
  journal: string;
  lock: string;
  chunks: string;
  raw: string;
  input: string;
  results: string;
  resultsCsv: string;
  summary: string;
  manifest: string;
}

export function runPaths(runId: string, runDir = DEFAULT_RUN_DIR, inputExtension = ""): RunPaths {
  checkRunId(runId);
  const root = resolve(runDir, runId);
  return {
    runId,
    root,
    journal: join(root, "journal.sqlite"),
    lock: join(root, "lock"),
    chunks: join(root, "chunks"),
    raw: join(root, "raw"),
    input: join(root, `input${inputExtension}`),
    results: join(root, "results.jsonl"),
    resultsCsv: join(root, "results.csv"),
    summary: join(root, "summary.json"),
    manifest: join(root, "manifest.json"),
  };
}

/** Paths of an existing run; a clear error when it is not there. */
export function existingRunPaths(runId: string, runDir = DEFAULT_RUN_DIR): RunPaths {
  const paths = runPaths(runId, runDir);
  if (!existsSync(paths.journal)) {
    throw new RunStateError(
      `no run "${runId}" in ${resolve(runDir)} (no journal.sqlite there); check the run id and --run-dir, or list runs with \`batchlab list\``,
    );
  }
  return paths;
}

export function checkRunId(runId: string): void {
  if (!RUN_ID.test(runId)) {
    throw new RunStateError(`run id "${runId}" is not valid: use 1-64 letters, digits, dot, dash or underscore`);
  }
}

/** A new run id: sortable by time, unique enough for one machine. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${stamp}-${Math.random().toString(16).slice(2, 6)}`;
}
