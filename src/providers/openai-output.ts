/**
 * Results from OpenAI batch output lines, read from their UTF-8 bytes. The common line, a
 * success (`status_code` 200, no `error`) with its choices' texts and usage, is read by the
 * shape of the last one (openai-line-shape.ts) or in full (openai-line-reader.ts), both
 * exact and neither decoding what it does not need. Anything else (an error line, a missing
 * body, an unusual type, a duplicate field, a fraction or exponent in a token count) goes
 * through JSON.parse and `parseOutputLine`, so results are the same either way.
 */
import { isUtf8 } from "node:buffer";
import type { ItemResult } from "../types.js";
import type { LineRanges } from "../util/line-ranges.js";
import { parseOutputLine } from "./openai-api.js";
import { BACKSLASH, QUOTE, hasByte } from "./json-scan.js";
import { readFullLine } from "./openai-line-reader.js";
import { LineShape } from "./openai-line-shape.js";
import type { SuccessLine } from "./openai-success-line.js";
import { addStoredResult, sinkResult, type ResultSink, type StoredResultBatch } from "./stored-results.js";

export type { SuccessLine } from "./openai-success-line.js";

const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Read `line[start, end)` as a success line, or return undefined to have it parsed the
 * general way. Never wrong when it answers: every field it reports is what JSON.parse and
 * `parseOutputLine` give. The answer is reused: it is valid until the next call.
 */
export function readSuccessLine(line: Uint8Array, start: number, end: number): SuccessLine | undefined {
  const shaped = shape?.read(line, start, end);
  if (shaped) return shaped;
  try {
    const read = readFullLine(line, start, end);
    // The next lines most likely look like this one.
    shape = LineShape.of(line, start, end, read);
    return read;
  } catch {
    // Not the common shape, not JSON, or nested too deep for this reader: the general way.
    return undefined;
  }
}

/** The shape the full reader's reading of `line[start, end)` gives (undefined: it declines the line). */
export function lineShapeOf(line: Uint8Array, start: number, end: number): LineShape | undefined {
  try {
    return LineShape.of(line, start, end, readFullLine(line, start, end));
  } catch {
    return undefined;
  }
}

/**
 * A JSON string literal at `[start, end)` (quotes included) as `JSON.stringify` would write
 * its value, when it already is that (no `\u` or `\/` escapes): then the literal can be stored
 * as it is, without decoding and encoding it again.
 */
export function isCanonicalLiteral(line: Uint8Array, start: number, end: number): boolean {
  for (let index = line.indexOf(BACKSLASH, start + 1); index !== -1 && index < end - 1; index = line.indexOf(BACKSLASH, index + 2)) {
    const escaped = line[index + 1];
    if (escaped === 0x75 /* u */ || escaped === 0x2f /* / */) return false;
  }
  return true;
}

/** The shape of the last line the reader read in full. */
let shape: LineShape | undefined;

/** The result `parseOutputLine` gives for a line `readSuccessLine` read. */
export function successResult(line: Buffer, read: SuccessLine): ItemResult {
  const texts: string[] = [];
  for (let index = 0; index < read.textStarts.length; index++) {
    texts.push(read.textStarts[index] === -1 ? "" : stringValue(line, read.textStarts[index], read.textEnds[index]));
  }
  return {
    key: stringValue(line, read.idStart, read.idEnd),
    status: "succeeded",
    texts,
    usage: read.hasUsage
      ? { input_tokens: read.promptTokens, output_tokens: read.completionTokens, cached_input_tokens: read.cachedTokens }
      : undefined,
  };
}

/** The custom_id of a line `readSuccessLine` read. */
export function successKey(line: Buffer, read: SuccessLine): string {
  return stringValue(line, read.idStart, read.idEnd);
}

/**
 * `JSON.stringify(texts)` for a line `readSuccessLine` read. Literals already in
 * JSON.stringify's form are copied as they are (no decoding and encoding again).
 */
export function successTextsJson(line: Buffer, read: SuccessLine): string {
  const { textStarts, textEnds } = read;
  let canonical = true;
  for (let index = 0; index < textStarts.length && canonical; index++) {
    if (textStarts[index] !== -1) canonical = isCanonicalLiteral(line, textStarts[index], textEnds[index]);
  }
  if (!canonical) return JSON.stringify(successResult(line, read).texts);
  let json = "[";
  for (let index = 0; index < textStarts.length; index++) {
    if (index > 0) json += ",";
    json += textStarts[index] === -1 ? '""' : line.toString("utf8", textStarts[index], textEnds[index]);
  }
  return json + "]";
}

/** The value of the string literal at `[start, end)` (quotes included). */
function stringValue(line: Buffer, start: number, end: number): string {
  const escaped = line.indexOf(BACKSLASH, start);
  if (escaped === -1 || escaped >= end) return line.toString("utf8", start + 1, end - 1);
  return JSON.parse(line.toString("utf8", start, end)) as string;
}

/** What `results()` gives for an output line: the fast read when it applies, else the general way. */
export function lineResult(data: Buffer, start: number, end: number): ItemResult {
  const read = readSuccessLine(data, start, end);
  return read ? successResult(data, read) : textResult(data.toString("utf8", start, end));
}

/** Add each line's result in stored form (the row `Journal.putResult` writes for `lineResult`). */
export function addStoredLines(lines: LineRanges, rows: StoredResultBatch): void {
  const { data, starts, ends } = lines;
  for (let index = 0; index < starts.length; index++) {
    const read = readSuccessLine(data, starts[index], ends[index]);
    if (!read) {
      addStoredResult(rows, textResult(data.toString("utf8", starts[index], ends[index])));
      continue;
    }
    rows.wireIds.push(successKey(data, read));
    rows.statuses.push("succeeded");
    rows.texts.push(successTextsJson(data, read));
    rows.inputTokens.push(read.hasUsage ? read.promptTokens : 0);
    rows.outputTokens.push(read.hasUsage ? read.completionTokens : 0);
    rows.errorCodes.push(null);
    rows.errorMessages.push(null);
  }
}

/** A line read the general way: JSON.parse and `parseOutputLine`, or a malformed line. */
export function textResult(text: string): ItemResult {
  return parseOutputLine(text) ?? malformed(text);
}

/** A line that is not valid JSON: keep the row's id if it can be read, so it is retryable. */
function malformed(text: string): ItemResult {
  const match = /"custom_id"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text);
  return {
    key: match ? JSON.parse(`"${match[1]}"`) : "",
    status: "failed",
    texts: [],
    error: { code: "malformed_output", message: "the provider's output line for this row could not be parsed" },
  };
}

/**
 * Each line's result into a sink: successes straight from the bytes, the rest the general
 * way. Bytes are copied as they are only when valid UTF-8 (decoding would change others).
 */
export function sinkLines(lines: LineRanges, sink: ResultSink): void {
  const { data, starts, ends } = lines;
  const valid = starts.length === 0 || isUtf8(data.subarray(starts[0], ends[ends.length - 1]));
  for (let index = 0; index < starts.length; index++) {
    const read = valid || isUtf8(data.subarray(starts[index], ends[index])) ? readSuccessLine(data, starts[index], ends[index]) : undefined;
    if (!read) {
      sinkResult(sink, textResult(data.toString("utf8", starts[index], ends[index])));
      continue;
    }
    const input = read.hasUsage ? read.promptTokens : 0;
    const output = read.hasUsage ? read.completionTokens : 0;
    const plainId = sink.beginBytes !== undefined && !hasByte(data, BACKSLASH, read.idStart, read.idEnd);
    const begun = plainId
      ? sink.beginBytes!(data, read.idStart + 1, read.idEnd - 1, "succeeded", input, output)
      : sink.begin(successKey(data, read), "succeeded", input, output);
    if (!begun) continue;
    writeSuccessTexts(data, read, sink);
    sink.end(null, null);
  }
}

/** `JSON.stringify(texts)` of a success line, written to `sink` (literals already in that form are copied as bytes). */
function writeSuccessTexts(data: Buffer, read: SuccessLine, sink: ResultSink): void {
  const { textStarts, textEnds } = read;
  for (let index = 0; index < textStarts.length && read.textsCanonical !== true; index++) {
    if (read.textsCanonical === false || (textStarts[index] !== -1 && !isCanonicalLiteral(data, textStarts[index], textEnds[index]))) {
      sink.appendString(JSON.stringify(successResult(data, read).texts));
      return;
    }
  }
  sink.appendByte(OPEN_BRACKET);
  for (let index = 0; index < textStarts.length; index++) {
    if (index > 0) sink.appendByte(COMMA);
    if (textStarts[index] === -1) {
      sink.appendByte(QUOTE);
      sink.appendByte(QUOTE);
    } else sink.appendBytes(data, textStarts[index], textEnds[index]);
  }
  sink.appendByte(CLOSE_BRACKET);
}
