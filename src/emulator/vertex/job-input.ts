/**
 * Starts a Vertex job: checks the output bucket, reads every `gs://` input object from the
 * emulated GCS (wildcards expanded) and copies its lines into the job's private input file.
 * A missing object, a BigQuery source or a line that is not `{"request": {...}, ...}` fails
 * the whole job, as on the real service.
 */
import type { GcsStore, StoredObject } from "../gcs/store.js";
import { parseGsUri } from "../gcs/store.js";
import { rpcStatus, type RpcStatus } from "../google/errors.js";
import type { RowIndex } from "../google/job-record.js";
import { LineWriter } from "../line-writer.js";
import { folderTimestamp } from "../google/time.js";
import { readJsonlLines } from "../jsonl-lines.js";
import type { VertexJob } from "./job-record.js";

/** Vertex's limit on requests per batch prediction job. */
export const MAX_JOB_REQUESTS = 200_000;

export async function prepareVertexInput(record: VertexJob, atMs: number, gcs: GcsStore): Promise<RowIndex | RpcStatus> {
  if (record.source.kind === "bigquery") {
    return rpcStatus("INVALID_ARGUMENT", `The batchlab emulator does not emulate BigQuery, so ${record.source.uri} cannot be read. Use a gs:// JSONL source (inputConfig.gcsSource.uris) instead.`);
  }
  if (record.outputPrefix === null) return rpcStatus("INVALID_ARGUMENT", "The batchlab emulator writes predictions to Cloud Storage only; set outputConfig.gcsDestination.outputUriPrefix.");
  const output = parseGsUri(`${record.outputPrefix}/`);
  if (!output || !gcs.hasBucket(output.bucket)) {
    return rpcStatus("FAILED_PRECONDITION", `Output bucket of ${record.outputPrefix} does not exist. Create the bucket before starting the job.`);
  }
  const objects: Array<{ uri: string; object: StoredObject }> = [];
  for (const uri of record.source.uris) {
    const found = resolve(uri, gcs);
    if ("code" in found) return found;
    objects.push(...found);
  }
  const rows: RowIndex = { offsets: [], lengths: [] };
  const writer = new LineWriter(record.inputPath);
  try {
    for (const { uri, object } of objects) {
      for await (const line of readJsonlLines(object.path)) {
        if (line.text.trim() === "") continue;
        const problem = checkLine(line.text);
        if (problem) return rpcStatus("INVALID_ARGUMENT", `Invalid input line ${line.number} of ${uri}: ${problem} Each line must be {"request": {...}} plus any fields to echo back.`);
        if (rows.offsets.length === MAX_JOB_REQUESTS) return rpcStatus("INVALID_ARGUMENT", `The job has more than ${MAX_JOB_REQUESTS} requests. Split the input into several jobs.`);
        rows.offsets.push(writer.bytes);
        rows.lengths.push(Buffer.byteLength(line.text));
        await writer.write(line.text);
      }
    }
  } finally {
    await writer.close();
  }
  if (rows.offsets.length === 0) return rpcStatus("INVALID_ARGUMENT", `The input ${record.source.uris.join(", ")} has no requests. Upload a JSONL file with one {"request": {...}} per line.`);
  record.outputDirectory = `${record.outputPrefix}/prediction-model-${folderTimestamp(atMs)}`;
  return rows;
}

/** The objects a URI names: one object, or every match of a `*` wildcard. */
function resolve(uri: string, gcs: GcsStore): Array<{ uri: string; object: StoredObject }> | RpcStatus {
  const location = parseGsUri(uri);
  if (!location) return rpcStatus("INVALID_ARGUMENT", `Invalid input URI "${uri}". Use gs://bucket/path/to/input.jsonl.`);
  const missing = rpcStatus("NOT_FOUND", `Failed to read input ${uri}: No such object: ${location.bucket}/${location.name}. Upload the input JSONL before creating the job.`);
  if (!gcs.hasBucket(location.bucket)) return missing;
  if (!location.name.includes("*")) {
    const object = gcs.stat(location.bucket, location.name);
    return object ? [{ uri, object }] : missing;
  }
  const pattern = new RegExp(`^${location.name.split("*").map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*")}$`);
  const matches: Array<{ uri: string; object: StoredObject }> = [];
  let pageToken: string | undefined;
  do {
    const page = gcs.list(location.bucket, { prefix: location.name.slice(0, location.name.indexOf("*")), maxResults: 1000, pageToken });
    for (const object of page.items) if (pattern.test(object.name)) matches.push({ uri: `gs://${object.bucket}/${object.name}`, object });
    pageToken = page.nextPageToken;
  } while (pageToken);
  return matches.length > 0 ? matches : missing;
}

function checkLine(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not valid JSON (${(error as Error).message}).`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "not a JSON object.";
  const request = (value as Record<string, unknown>).request;
  if (typeof request !== "object" || request === null || Array.isArray(request)) return 'no "request" object.';
  return undefined;
}
