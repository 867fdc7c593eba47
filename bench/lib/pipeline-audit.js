/**
 * What a pipeline cost on the provider, read back from both sides: the batches the
 * (emulated) provider holds, listed with the official OpenAI SDK and grouped by their
 * `batchlab_run` / `batchlab_chunk` metadata, against the chunks each stage run's journal
 * planned. Also the canonical JSON used to compare two pipeline outputs.
 */
import OpenAI from "openai";
import { listRuns } from "../../dist/index.js";

/**
 * @typedef {object} BatchAudit
 * @property {number} batches_planned  chunks recorded in the stage runs' journals (retry chunks included)
 * @property {number} batches_created  batches on the provider tagged with one of those runs
 * @property {number} requests_planned rows of the planned chunks
 * @property {number} requests_first   rows of the first attempt of each stage (no retries)
 * @property {number} requests_retried rows of retry chunks (each one a row whose earlier attempt failed)
 * @property {number} requests_sent    rows of the batches created (`request_counts.total`)
 * @property {number} duplicate_successes keys answered successfully more than once within one stage
 * @property {string[]} problems       every chunk not created exactly once, or created under another id
 */

/**
 * Compare the journals of the runs under `runDir` with the provider's batches.
 * @param {{ emulatorUrl: string, runDir: string }} options
 * @returns {Promise<BatchAudit>}
 */
export async function auditBatches({ emulatorUrl, runDir }) {
  // Faults stay on while auditing: the SDK's own retries get the listing through.
  const client = new OpenAI({ apiKey: "audit", baseURL: `${emulatorUrl}/openai/v1`, maxRetries: 10 });
  const runs = await listRuns({ runDir });
  const runIds = new Set(runs.map((run) => run.runId));
  /** @type {Map<string, import("openai/resources/batches").Batch[]>} */
  const created = new Map();
  for await (const batch of client.batches.list({ limit: 100 })) {
    const run = batch.metadata?.batchlab_run;
    if (!run || !runIds.has(run)) continue;
    const tag = `${run}/${batch.metadata?.batchlab_chunk}`;
    created.set(tag, [...(created.get(tag) ?? []), batch]);
  }
  const problems = [];
  const audit = { batches_planned: 0, batches_created: 0, requests_planned: 0, requests_first: 0, requests_retried: 0, requests_sent: 0, duplicate_successes: 0, problems };
  const planned = new Set();
  for (const run of runs) {
    if (run.state !== "done") problems.push(`run ${run.runId} is ${run.state}, not done`);
    for (const chunk of run.chunks) {
      const tag = `${run.runId}/${chunk.id}`;
      planned.add(tag);
      audit.batches_planned++;
      audit.requests_planned += chunk.rows;
      if (chunk.id.startsWith("retry")) audit.requests_retried += chunk.rows;
      else audit.requests_first += chunk.rows;
      const batches = created.get(tag) ?? [];
      if (batches.length !== 1) problems.push(`${tag}: created ${batches.length} times (${batches.map((batch) => batch.id).join(", ")})`);
      else if (batches[0].id !== chunk.remoteId) problems.push(`${tag}: the journal records ${chunk.remoteId}, the provider holds ${batches[0].id}`);
    }
  }
  for (const [tag, batches] of created) {
    if (!planned.has(tag)) problems.push(`${tag}: ${batches.length} batch(es) for a chunk no journal knows`);
  }
  for (const run of runs) {
    const successes = new Map();
    for (const chunk of run.chunks) {
      for (const batch of created.get(`${run.runId}/${chunk.id}`) ?? []) {
        audit.batches_created++;
        audit.requests_sent += batch.request_counts?.total ?? 0;
        for (const id of await succeededIds(client, batch)) successes.set(id, (successes.get(id) ?? 0) + 1);
      }
    }
    audit.duplicate_successes += [...successes.values()].filter((count) => count > 1).length;
  }
  return audit;
}

/**
 * JSON text with every object's keys sorted (arrays keep their order), so two outputs
 * compare equal whatever order their fields were written in.
 * @param {unknown} value
 */
export function canonicalJson(value) {
  return JSON.stringify(sortKeys(value));
}

/** @param {unknown} value @returns {unknown} */
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(/** @type {Record<string, unknown>} */ (value)[key])]));
}

/**
 * The custom ids a batch answered with status 200 (a line cut short by a `malformed` fault
 * cannot be read, so it does not count: batchlab sends that row again).
 * @param {OpenAI} client
 * @param {import("openai/resources/batches").Batch} batch
 */
async function succeededIds(client, batch) {
  if (!batch.output_file_id) return [];
  const text = await (await client.files.content(batch.output_file_id)).text();
  const ids = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const parsed = JSON.parse(line);
      if (parsed.response?.status_code === 200) ids.push(parsed.custom_id);
    } catch {
      // a malformed line (fault): not an answer batchlab could use
    }
  }
  return ids;
}
