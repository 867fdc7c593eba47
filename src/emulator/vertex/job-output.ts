/**
 * Writes a finished Vertex job's `predictions.jsonl` into the emulated GCS, under
 * `outputInfo.gcsOutputDirectory` (spec §3.3), in processing (shuffled) order. Each line
 * echoes the input's extra fields and `request`, with `status: ""`, `processed_time` and
 * `response`; a failed row has a non-empty `status` and no `response`.
 */
import type { GcsStore } from "../gcs/store.js";
import { parseGsUri } from "../gcs/store.js";
import { answer, injectedRowError, type AnswerDependencies } from "../google/answer.js";
import { statusName, type RpcStatus } from "../google/errors.js";
import { modelId } from "../google/generate-wire.js";
import { Fate, forEachDoneRow, type JobResult } from "../google/job-record.js";
import { processedTime } from "../google/time.js";
import type { SurfaceStats } from "../surface.js";
import type { VertexJob } from "./job-record.js";

export interface VertexOutputDependencies extends AnswerDependencies {
  gcs: GcsStore;
  stats: SurfaceStats;
}

export async function writePredictions(record: VertexJob, atMs: number, done: number, deps: VertexOutputDependencies): Promise<JobResult & { faults: number }> {
  const result = { succeeded: 0, failed: 0, inputTokens: 0, outputTokens: 0, faults: 0 };
  const target = parseGsUri(`${record.outputDirectory}/predictions.jsonl`);
  if (!target) throw new Error(`Vertex job ${record.id} has no output directory`);
  const model = modelId(record.model);
  const writer = deps.gcs.newWriter();
  let lines = 0;
  try {
    await forEachDoneRow(record, done, async (_, text, fate) => {
      const { request, ...extra } = JSON.parse(text) as Record<string, unknown>; // checked when the job started
      const common = { ...extra, processed_time: processedTime(atMs), request };
      let line: string;
      if (fate === Fate.failed) {
        result.faults++;
        result.failed++;
        line = JSON.stringify({ ...common, status: statusText(injectedRowError()) });
      } else {
        const answered = await answer(request, model, deps, atMs);
        if (answered.ok) {
          result.succeeded++;
          result.inputTokens += answered.usage.inputTokens;
          result.outputTokens += answered.usage.outputTokens;
          line = JSON.stringify({ ...common, status: "", response: answered.response });
        } else {
          result.failed++;
          line = JSON.stringify({ ...common, status: statusText(answered.error) });
        }
      }
      if (fate === Fate.malformed) {
        result.faults++;
        line = line.slice(0, Math.floor(line.length / 2)); // unparseable on purpose
      }
      await writer.write(`${line}\n`);
      lines++;
    });
    await deps.gcs.commit(target.bucket, target.name, await writer.finish(), { contentType: "application/jsonl" });
  } catch (error) {
    await writer.abort();
    throw error;
  }
  deps.stats.predictions_written += lines;
  return result;
}

/** How Vertex words a failed row: `Bad Request: {"error": {...}}` for client errors, else the error JSON. */
function statusText(error: RpcStatus): string {
  const httpStatus = error.code === 3 ? 400 : 500;
  const body = JSON.stringify({ error: { code: httpStatus, message: error.message, status: error.status ?? statusName(httpStatus) } });
  return httpStatus === 400 ? `Bad Request: ${body}` : `Internal Server Error: ${body}`;
}
