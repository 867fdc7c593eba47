/** A Gemini API batch (`batches/{id}`) as the emulator keeps it. */
import type { JobRecord } from "../google/job-record.js";

export interface GeminiBatch extends JobRecord {
  /** `models/gemini-2.5-flash`. */
  model: string;
  displayName: string;
  /** Where the requests came from: an uploaded JSONL file, or inline in the create call. */
  input: { kind: "file"; fileName: string } | { kind: "inline"; count: number };
  /** Inline batches: one entry per processed request, in input order. */
  inlinedResponses: Array<Record<string, unknown>> | null;
  /** File batches: the `files/batch-…` file holding the responses. */
  responsesFile: string | null;
}
