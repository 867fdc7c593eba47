import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { writeFileAtomic } from "../util/atomic-write.js";
import type { OpenRun } from "./open-run.js";
import type { StoredResult } from "./journal.js";
import { costOf } from "../cost/cost.js";
import { loadPriceTable, priceOf } from "../cost/price-table.js";
import { writeResultFiles } from "./results-files.js";
import type { RunSummary } from "./run-summary.js";
import { writeRunRecord } from "./run-record.js";

/** Write results.jsonl, results.csv, summary.json and manifest.json, then mark the run done. */
export async function finalizeRun(run: OpenRun): Promise<RunSummary> {
  const { journal, record, paths } = run;
  const pricing = rowPricing(run);
  const written = await writeResultFiles({
    journal,
    inputFile: record.dataset.inputFile,
    dataKey: record.dataKey,
    jsonlPath: paths.results,
    csvPath: paths.resultsCsv,
    choices: record.step.params.n ?? 1,
    price: pricing.price,
  });
  const summary = summarize(run, { usd: written.costUsd, unpricedRows: written.unpricedRows, pricesAsOf: pricing.asOf, simulated: pricing.simulated });
  await writeFileAtomic(paths.summary, JSON.stringify(summary, null, 2) + "\n");
  await writeFileAtomic(paths.manifest, JSON.stringify(manifest(run), null, 2) + "\n");
  record.state = "done";
  writeRunRecord(journal, record);
  return summary;
}

/** Prices each stored result by the mode its chunk ran in (batch discount or not). */
function rowPricing(run: OpenRun) {
  const table = loadPriceTable();
  const realtimeChunks = new Set(run.journal.chunks().filter((chunk) => chunk.remote?.id.startsWith("realtime:")).map((chunk) => chunk.id));
  const { provider } = run.record;
  const model = run.record.step.model;
  const simulated = Boolean(priceOf(table, provider, model)?.simulated);
  const price = (stored: StoredResult) => {
    if (!stored.usage) return 0;
    const mode = realtimeChunks.has(stored.chunkId) ? "realtime" : "batch";
    const tokens = { input: stored.usage.input_tokens, output: stored.usage.output_tokens, cachedInput: stored.usage.cached_input_tokens };
    return costOf(table, provider, model, tokens, mode).usd;
  };
  return { price, asOf: table.as_of, simulated };
}

export function summarize(run: OpenRun, cost: RunSummary["cost"] = { usd: 0, unpricedRows: 0, pricesAsOf: "", simulated: false }): RunSummary {
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
    cost,
    wallMs: finishedAt.getTime() - Date.parse(record.createdAt),
    startedAt: record.createdAt,
    finishedAt: finishedAt.toISOString(),
    batches: journal.chunks().map((chunk) => ({ chunk: chunk.id, remoteId: chunk.remote?.id, state: chunk.remoteState, rows: chunk.rows })),
    images: imagesStaged(journal),
    runDir: paths.root,
    resultsPath: paths.results,
    csvPath: paths.resultsCsv,
  };
}

function imagesStaged(journal: OpenRun["journal"]): RunSummary["images"] {
  const staged = journal.getMeta("images_staged");
  return staged ? (JSON.parse(staged) as RunSummary["images"]) : undefined;
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
