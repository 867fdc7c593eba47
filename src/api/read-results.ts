import { copyFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { RunStateError } from "../errors.js";
import type { ResultRow } from "../run/result-row.js";
import { readResultFile } from "../run/results-files.js";
import { existingRunPaths } from "../run/run-paths.js";
import { resumeCommand } from "./resume-command.js";
import type { RunLocation } from "./resume-run.js";

/** The results of a finished run: one row per input row, in input order. */
export async function readResults(runId: string, options: RunLocation = {}): Promise<ResultRow[]> {
  return readResultFile(finishedFile(runId, "results", options));
}

/** Copy the run's `results.csv` to `destination`; returns the absolute path written. */
export async function writeResultsCsv(runId: string, destination: string, options: RunLocation = {}): Promise<string> {
  const target = resolve(destination);
  await copyFile(finishedFile(runId, "resultsCsv", options), target);
  return target;
}

/** Path of a finished run's result file; a clear error when the run is not finished. */
export function finishedFile(runId: string, which: "results" | "resultsCsv" | "summary", options: RunLocation = {}): string {
  const paths = existingRunPaths(runId, options.runDir);
  if (!existsSync(paths[which])) {
    throw new RunStateError(`run ${runId} has no results yet; wait for it with \`${resumeCommand(runId, options.runDir)}\``);
  }
  return paths[which];
}
