import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { writeFileAtomic } from "../util/atomic-write.js";
import type { OpenRun } from "./open-run.js";
import { writeResultFiles } from "./results-files.js";
import type { RunSummary } from "./run-summary.js";
import { writeRunRecord } from "./run-record.js";

/** Write results.jsonl, results.csv, summary.json and manifest.json, then mark the run done. */
export async function finalizeRun(run: OpenRun): Promise<RunSummary> {
  const { journal, record, paths } = run;
  await writeResultFiles({
    journal,
    inputFile: record.dataset.inputFile,
    dataKey: record.dataKey,
    jsonlPath: paths.results,
    csvPath: paths.resultsCsv,
    choices: record.step.params.n ?? 1,
  });
  const summary = summarize(run);
  await writeFileAtomic(paths.summary, JSON.stringify(summary, null, 2) + "\n");
  await writeFileAtomic(paths.manifest, JSON.stringify(manifest(run), null, 2) + "\n");
  record.state = "done";
  writeRunRecord(journal, record);
  return summary;
}

export function summarize(run: OpenRun): RunSummary {
  const { journal, record, paths } = run;
  const counts = journal.resultCounts();
  const total = journal.itemCount();
  const finishedAt = new Date();
  return {
    runId: record.runId,
    provider: record.provider,
    model: record.step.model,
    step: record.step.name,
    total,
    succeeded: counts.succeeded,
    failed: counts.failed,
    expired: counts.expired,
    cancelled: counts.cancelled,
    successRate: total === 0 ? 0 : counts.succeeded / total,
    inputTokens: counts.input_tokens,
    outputTokens: counts.output_tokens,
    wallMs: finishedAt.getTime() - Date.parse(record.createdAt),
    startedAt: record.createdAt,
    finishedAt: finishedAt.toISOString(),
    batches: journal.chunks().map((chunk) => ({ chunk: chunk.id, remoteId: chunk.remote?.id, state: chunk.remoteState, rows: chunk.rows })),
    runDir: paths.root,
    resultsPath: paths.results,
    csvPath: paths.resultsCsv,
  };
}

/** Everything needed to tell later what produced these results. No secrets. */
function manifest(run: OpenRun) {
  const { record, journal } = run;
  return {
    runId: record.runId,
    createdAt: record.createdAt,
    provider: record.provider,
    model: record.step.model,
    step: { name: record.step.name, system: record.step.system, user: record.step.user, params: record.step.params, responseKey: record.step.responseKey },
    dataset: record.dataset,
    dataKey: record.dataKey,
    configFile: record.configFile,
    configHash: record.configHash,
    limits: record.limits,
    emulator: Boolean(record.emulatorUrl),
    chunks: journal.chunks().map((chunk) => ({
      id: chunk.id,
      rows: chunk.rows,
      bytes: chunk.bytes,
      sha256: chunk.sha256,
      remoteId: chunk.remote?.id,
      state: chunk.remoteState,
    })),
    versions: packageVersions(),
  };
}

function packageVersions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const versions: Record<string, string> = { node: process.version };
  for (const name of ["batchlab", "openai"]) {
    try {
      const path = name === "batchlab" ? new URL("../../package.json", import.meta.url) : require.resolve(`${name}/package.json`);
      versions[name] = (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
    } catch {
      // a package that hides its package.json is simply not listed
    }
  }
  return versions;
}
