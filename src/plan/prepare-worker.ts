/**
 * A worker thread of the prepare pool: turns batches of raw JSONL lines into prepared
 * batches (parse, key, template, encode) with the same RowPreparer the main thread uses,
 * and hashes finished files so the main thread does not have to.
 */
import { createHash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { RowPreparer } from "./row-preparer.js";
import { threadEncoder } from "./thread-encoders.js";
import { prepareJsonlBatch, tokenEstimator, transferables, type PrepareWorkerData, type WorkerJob, type WorkerReply } from "./prepare-pool.js";

const { settings, encoder } = workerData as PrepareWorkerData;
const estimate = settings.estimateTokens ? await tokenEstimator() : undefined;
const preparer = new RowPreparer(settings, threadEncoder(encoder)!, estimate);
const readBuffer = Buffer.allocUnsafe(1 << 20);

parentPort!.on("message", (job: WorkerJob) => {
  try {
    if ("hashFile" in job) {
      parentPort!.postMessage({ id: job.id, sha256: hashFile(job.hashFile) } satisfies WorkerReply);
      return;
    }
    const prepared = prepareJsonlBatch(preparer, job.batch, job.spare);
    const input = job.batch.data;
    parentPort!.postMessage({ id: job.id, prepared, input } satisfies WorkerReply, [input.buffer as ArrayBuffer, ...transferables(prepared)]);
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error } satisfies WorkerReply);
  }
});

function hashFile(path: string): string {
  const hash = createHash("sha256");
  const fd = openSync(path, "r");
  try {
    for (let bytes = readSync(fd, readBuffer); bytes > 0; bytes = readSync(fd, readBuffer)) hash.update(readBuffer.subarray(0, bytes));
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}
