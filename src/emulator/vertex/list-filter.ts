/**
 * The `filter` of `batchPredictionJobs.list`: terms joined by AND, each `field=value` or
 * `field!=value`, over `state`, `display_name` (or `displayName`), `model` and `labels.<key>`.
 * Values may be quoted. Anything else is a 400 naming the term.
 */
import { RequestError } from "../http.js";
import type { VertexJob } from "./job-record.js";
import { JOB_STATES } from "./job-wire.js";

export type JobFilter = (record: VertexJob) => boolean;

export function parseJobFilter(text: string | null): JobFilter {
  if (text === null || text.trim() === "") return () => true;
  const terms = text.split(/\s+AND\s+/i).map(parseTerm);
  return (record) => terms.every((term) => term(record));
}

function parseTerm(term: string): JobFilter {
  const match = /^\s*([a-zA-Z_.]+)\s*(!=|=)\s*(?:"([^"]*)"|'([^']*)'|(\S+))\s*$/.exec(term);
  if (!match) throw invalid(term);
  const [, field, operator, ...values] = match;
  const expected = values.find((value) => value !== undefined) ?? "";
  const read = reader(field);
  if (!read) throw invalid(term);
  return (record) => (read(record) === expected) === (operator === "=");
}

function reader(field: string): ((record: VertexJob) => string | undefined) | undefined {
  if (field === "state") return (record) => JOB_STATES[record.phase];
  if (field === "display_name" || field === "displayName") return (record) => record.displayName;
  if (field === "model") return (record) => record.model;
  if (field.startsWith("labels.")) return (record) => record.labels?.[field.slice("labels.".length)];
  return undefined;
}

function invalid(term: string): RequestError {
  return new RequestError(400, `Unsupported filter term "${term.trim()}". The batchlab emulator filters on state, display_name, model and labels.<key> with = or !=, joined by AND.`);
}
