/**
 * Checks a `POST /v1/messages/batches` body like the real service (spec §5.2): 1 to 100,000
 * requests, each with a unique `custom_id` of 1–64 `[a-zA-Z0-9_-]` and params carrying
 * model, max_tokens and messages. Deeper problems in params fail that row later (an
 * `errored` result), as they do on the real API. Good requests go to a private JSONL file.
 */
import { RequestError } from "../http.js";
import type { RequestIndex } from "./batch-record.js";
import { LineWriter } from "../line-writer.js";
import { missingFields } from "./messages-wire.js";

/** Per-batch limits of the Message Batches API. */
export const BATCH_LIMITS = { maxRequests: 100_000, maxBytes: 256 * 1024 * 1024 };

const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;
/** Enough to fix a body; the rest is summarised by the count. */
const MAX_REPORTED = 10;

/** Throws a 400 naming every problem (up to 10), or writes the requests and indexes them. */
export async function storeBatchRequests(body: Record<string, unknown>, path: string): Promise<RequestIndex> {
  const requests = body.requests;
  if (!Array.isArray(requests) || requests.length === 0) {
    throw new RequestError(400, `requests: expected a non-empty array of {custom_id, params}.`);
  }
  if (requests.length > BATCH_LIMITS.maxRequests) {
    throw new RequestError(400, `requests: ${requests.length} requests; a Message Batch holds at most ${BATCH_LIMITS.maxRequests}. Split it into several batches.`);
  }
  const problems = findProblems(requests);
  if (problems.count > 0) {
    const more = problems.count > problems.listed.length ? ` (and ${problems.count - problems.listed.length} more)` : "";
    throw new RequestError(400, `${problems.listed.join("; ")}${more}`);
  }
  const writer = new LineWriter(path);
  const offsets = new Float64Array(requests.length);
  const lengths = new Uint32Array(requests.length);
  try {
    for (let index = 0; index < requests.length; index++) {
      const { custom_id: customId, params } = requests[index] as { custom_id: string; params: unknown };
      offsets[index] = writer.bytes;
      lengths[index] = await writer.write(JSON.stringify({ custom_id: customId, params }));
    }
  } finally {
    await writer.close();
  }
  return { total: requests.length, offsets, lengths };
}

function findProblems(requests: unknown[]): { listed: string[]; count: number } {
  const problems = { listed: [] as string[], count: 0 };
  const report = (text: string): void => {
    if (problems.count++ < MAX_REPORTED) problems.listed.push(text);
  };
  const seen = new Map<string, number>();
  requests.forEach((request, index) => {
    const at = `requests.${index}`;
    if (typeof request !== "object" || request === null || Array.isArray(request)) {
      report(`${at}: expected an object {custom_id, params}`);
      return;
    }
    const { custom_id: customId, params } = request as Record<string, unknown>;
    if (typeof customId !== "string" || !CUSTOM_ID.test(customId)) {
      report(`${at}.custom_id: ${String(JSON.stringify(customId)).slice(0, 80)} must be 1-64 characters of letters, digits, "-" and "_"`);
    } else if (seen.has(customId)) {
      report(`${at}.custom_id: "${customId}" repeats requests.${seen.get(customId)}; custom_id must be unique within a batch`);
    } else {
      seen.set(customId, index);
    }
    if (typeof params !== "object" || params === null || Array.isArray(params)) {
      report(`${at}.params: expected an object with model, max_tokens and messages`);
      return;
    }
    for (const name of missingFields(params as Record<string, unknown>)) report(`${at}.params.${name}: Field required`);
  });
  return problems;
}
