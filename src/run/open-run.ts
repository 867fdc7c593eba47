import { loadConfig, resolveStep } from "../data/config.js";
import { RunStateError } from "../errors.js";
import { resolveConnection, type ProviderConnection } from "../providers/connection.js";
import { createProvider } from "../providers/registry.js";
import type { BatchProvider } from "../types.js";
import { Journal, ownFile } from "./journal.js";
import { acquireRunLock } from "./run-lock.js";
import { DEFAULT_RUN_DIR, existingRunPaths, type RunPaths } from "./run-paths.js";
import { readRunRecord, type RunRecord } from "./run-record.js";

/** An open run: its journal (locked to this process) and what it was asked to do. */
export interface OpenRun {
  paths: RunPaths;
  record: RunRecord;
  journal: Journal;
  release: () => void;
}

/** Open an existing run, locked to this process (`lock: false` for read-only looks). */
export function openRun(runId: string, runDir = DEFAULT_RUN_DIR, options: { lock?: boolean } = {}): OpenRun {
  const paths = existingRunPaths(runId, runDir);
  const release = options.lock === false ? () => {} : acquireRunLock(paths.lock, runId);
  try {
    const journal = Journal.open(paths.journal);
    const record = readRunRecord(journal);
    if (!record) {
      journal.close();
      throw new RunStateError(
        `run ${runId} was interrupted before it was prepared, so nothing was sent; start it again with \`batchlab run <dataset> --run-id ${runId}\``,
      );
    }
    followMove(record, paths);
    return { paths, record, journal, release };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * A run's folder may have been moved or renamed since it was made: its dataset copy is read
 * where the folder is now (its chunk files likewise: see Journal.chunks).
 */
function followMove(record: RunRecord, paths: RunPaths): void {
  record.dataset.inputFile = ownFile(paths.root, record.dataset.inputFile);
}

/** Close the journal and release the lock; safe to call twice. */
export function closeRun(run: OpenRun): void {
  if (closed.has(run)) return;
  closed.add(run);
  run.journal.close();
  run.release();
}

const closed = new WeakSet<OpenRun>();

/**
 * Connect to the run's provider. The key is looked up again now (it is never stored):
 * the config's `${VAR}`, else the provider's usual variable. An emulator URL from the
 * environment wins over the one the run was created with.
 */
export async function connectProvider(record: RunRecord, emulatorUrl?: string): Promise<BatchProvider> {
  return (await connectRun(record, emulatorUrl)).provider;
}

/** A provider and the connection it was made from (realtime clients use the same). */
export interface Connected {
  provider: BatchProvider;
  connection: ProviderConnection;
}

export async function connectRun(record: RunRecord, emulatorUrl?: string): Promise<Connected> {
  const url = emulatorUrl ?? process.env.BATCHLAB_EMULATOR_URL ?? record.emulatorUrl;
  let apiKey: string | undefined;
  if (!url && record.apiKeyVariable) apiKey = process.env[record.apiKeyVariable];
  if (!url && !apiKey && record.configFile) apiKey = await keyFromConfig(record);
  const connection = resolveConnection(record.provider, { apiKey, apiKeyVariable: record.apiKeyVariable, baseUrl: record.step.baseUrl, emulatorUrl: url, options: record.step.options });
  return { provider: createProvider(record.provider, connection), connection };
}

async function keyFromConfig(record: RunRecord): Promise<string | undefined> {
  try {
    const { config } = await loadConfig(record.configFile!);
    return resolveStep(config, record.step.name).apiKey;
  } catch {
    return undefined; // the provider's own variable is tried next, with a clear error if unset
  }
}
