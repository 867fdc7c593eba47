import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { ResolvedStep } from "../data/config.js";
import { RunStateError } from "../errors.js";
import { prepareChunks } from "../plan/prepare.js";
import { encoderFor } from "../providers/registry.js";
import { driveRun, type DriveOptions } from "../run/drive-run.js";
import { closeRun, connectRun, openRun, type OpenRun } from "../run/open-run.js";
import type { RunSummary } from "../run/run-summary.js";
import { writeRunRecord } from "../run/run-record.js";
import { resumeCommand } from "./resume-command.js";
import type { RunLocation } from "./resume-run.js";

/**
 * Send again only the rows that ended failed, expired or cancelled, as new batches of the
 * same run (or, with `mode: "realtime"`, one call each: the tail of a batch run, now).
 * Succeeded rows are never re-sent; their results stay as they are.
 * Returns undefined when `wait` is false (the retry batches were submitted).
 */
export async function retryRun(
  runId: string,
  options: RunLocation & DriveOptions & { mode?: "batch" | "realtime" } = {},
): Promise<RunSummary | undefined> {
  const run = openRun(runId, options.runDir);
  try {
    if (run.journal.chunks().some((chunk) => chunk.state !== "collected") || run.record.state !== "done") {
      throw new RunStateError(
        `run ${runId} still has batches in progress; let it finish with \`${resumeCommand(runId, options.runDir)}\`, then retry`,
      );
    }
    const keys = new Set(run.journal.retryableKeys());
    if (keys.size === 0) return JSON.parse(await readFile(run.paths.summary, "utf8")) as RunSummary;
    const connected = await connectRun(run.record, options.emulatorUrl);
    if (options.mode) run.record.mode = options.mode;
    await prepareRetryChunks(run, keys);
    return await driveRun(run, connected, options);
  } finally {
    closeRun(run);
  }
}

/** New chunks holding only `keys`, recorded with the run set back to `prepared`, atomically. */
async function prepareRetryChunks(run: OpenRun, keys: ReadonlySet<string>): Promise<void> {
  const { journal, record, paths } = run;
  const attempt = Math.max(...journal.chunks().map((chunk) => chunk.attempt)) + 1;
  journal.begin();
  try {
    await prepareChunks({
      datasetFile: record.dataset.inputFile,
      displayFile: record.dataset.path,
      imageDir: record.dataset.imageDir ?? dirname(record.dataset.path),
      step: record.step as ResolvedStep,
      provider: encoderFor(record.provider, record.step.options),
      limits: record.limits,
      chunksDir: paths.chunks,
      prefix: `retry${attempt}`,
      only: keys,
      onItem: (key, _wireId, _row, chunkId) => journal.moveItemToChunk(key, chunkId),
      onChunk: (chunk) => journal.addChunk({ ...chunk, attempt }),
    });
    record.state = "prepared";
    writeRunRecord(journal, record);
    journal.commit();
  } catch (error) {
    journal.rollback();
    throw error;
  }
}
