/**
 * A fast, exact reader for the common OpenAI batch output line: a success (`status_code`
 * 200, no `error`) with its choices' texts and usage. It checks the whole line is valid JSON
 * while reading the few fields it needs from the UTF-8 bytes, so it never decodes or builds
 * the rest. Anything else (an error line, a missing body, an unusual type, a duplicate
 * field, a fraction or exponent in a token count) it declines, and the caller parses the line
 * with JSON.parse and `parseOutputLine`, so results are the same either way.
 */
import { isUtf8 } from "node:buffer";
import type { ItemResult } from "../types.js";
import type { LineRanges } from "../util/line-ranges.js";
import { parseOutputLine } from "./openai-api.js";
import { BACKSLASH, QUOTE, hasByte, numberEnd, stringEnd } from "./json-scan.js";
import { LineShape } from "./openai-line-shape.js";
import { emptySuccessLine, type SuccessLine } from "./openai-success-line.js";

export type { SuccessLine } from "./openai-success-line.js";
import { addStoredResult, sinkResult, type ResultSink, type StoredResultBatch } from "./stored-results.js";

const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Thrown inside the reader when the line is not the common shape (or not JSON): decline. */
const DECLINE = new Error("not the common shape");

/**
 * Read `line[start, end)` as a success line, or return undefined to have it parsed the
 * general way. Never wrong when it answers: every field it reports is what JSON.parse and
 * `parseOutputLine` give. The answer is reused: it is valid until the next call.
 */
export function readSuccessLine(line: Uint8Array, start: number, end: number): SuccessLine | undefined {
  const shaped = shape?.read(line, start, end);
  if (shaped) return shaped;
  try {
    const read = reader.line(line, start, end);
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
    return LineShape.of(line, start, end, reader.line(line, start, end));
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

const NAMES = {
  customId: ascii("custom_id"),
  response: ascii("response"),
  error: ascii("error"),
  statusCode: ascii("status_code"),
  body: ascii("body"),
  choices: ascii("choices"),
  usage: ascii("usage"),
  message: ascii("message"),
  content: ascii("content"),
  promptTokens: ascii("prompt_tokens"),
  completionTokens: ascii("completion_tokens"),
  details: ascii("prompt_tokens_details"),
  cachedTokens: ascii("cached_tokens"),
};

/**
 * A recursive-descent reader over the line's bytes, written for speed: no closures, no
 * strings for member names (names are compared as bytes), strings scanned in tight loops.
 * Every value it skips is still checked against JSON's grammar.
 */
class LineReader {
  private bytes: Uint8Array = new Uint8Array(0);
  private end = 0;
  private position = 0;
  /** Where the last member name read starts and ends (inside the quotes). */
  private nameStart = 0;
  private nameEnd = 0;
  private readonly result: SuccessLine = emptySuccessLine();

  line(bytes: Uint8Array, start: number, end: number): SuccessLine {
    this.bytes = bytes;
    this.position = start;
    this.end = end;
    const result = this.result;
    result.idStart = result.idEnd = -1;
    result.textStarts.length = result.textEnds.length = 0;
    result.hasUsage = false;
    result.promptTokens = result.completionTokens = result.cachedTokens = 0;
    result.statusAt = result.promptAt = result.completionAt = result.cachedAt = -1;
    let sawResponse = false;
    let sawError = false;
    for (let more = this.open(); more; more = this.next()) {
      if (this.nameIs(NAMES.customId)) {
        if (result.idStart !== -1 || this.peek() !== QUOTE) throw DECLINE;
        result.idStart = this.position;
        this.string();
        result.idEnd = this.position;
      } else if (this.nameIs(NAMES.response)) {
        if (sawResponse) throw DECLINE;
        sawResponse = true;
        this.response(result);
      } else if (this.nameIs(NAMES.error)) {
        if (sawError || !this.null()) throw DECLINE; // an error line: the general way
        sawError = true;
      } else this.value();
    }
    this.space();
    if (this.position !== this.end || result.idStart === -1 || !sawResponse) throw DECLINE;
    return result;
  }

  private response(result: SuccessLine): void {
    let status = false;
    let body = false;
    for (let more = this.open(); more; more = this.next()) {
      if (this.nameIs(NAMES.statusCode)) {
        this.space();
        result.statusAt = this.position;
        if (status || this.integer() !== 200) throw DECLINE;
        status = true;
      } else if (this.nameIs(NAMES.body)) {
        if (body) throw DECLINE;
        body = true;
        this.body(result);
      } else this.value();
    }
    if (!status || !body) throw DECLINE;
  }

  private body(result: SuccessLine): void {
    let choices = false;
    let usage = false;
    for (let more = this.open(); more; more = this.next()) {
      if (this.nameIs(NAMES.choices)) {
        if (choices) throw DECLINE;
        choices = true;
        this.choices(result);
      } else if (this.nameIs(NAMES.usage)) {
        if (usage) throw DECLINE;
        usage = true;
        this.usage(result);
      } else this.value();
    }
  }

  private choices(result: SuccessLine): void {
    if (this.null()) return; // `?? []`
    if (this.peek() !== OPEN_BRACKET) throw DECLINE;
    this.position++;
    this.space();
    if (this.bytes[this.position] === CLOSE_BRACKET) {
      this.position++;
      return;
    }
    for (;;) {
      this.choice(result);
      this.space();
      const next = this.bytes[this.position++];
      if (next === CLOSE_BRACKET) return;
      if (next !== COMMA) throw DECLINE;
    }
  }

  private choice(result: SuccessLine): void {
    let message = false;
    let start = -1;
    let end = -1;
    for (let more = this.open(); more; more = this.next()) {
      if (!this.nameIs(NAMES.message)) {
        this.value();
        continue;
      }
      if (message) throw DECLINE;
      message = true;
      if (this.null()) continue;
      let content = false;
      for (let field = this.open(); field; field = this.next()) {
        if (!this.nameIs(NAMES.content)) {
          this.value();
          continue;
        }
        if (content) throw DECLINE;
        content = true;
        if (this.null()) continue;
        if (this.peek() !== QUOTE) throw DECLINE;
        start = this.position;
        this.string();
        end = this.position;
      }
    }
    result.textStarts.push(start);
    result.textEnds.push(end);
  }

  private usage(result: SuccessLine): void {
    if (this.null()) return;
    if (this.peek() !== OPEN_BRACE) throw DECLINE;
    result.hasUsage = true;
    let prompt = false;
    let completion = false;
    let details = false;
    for (let more = this.open(); more; more = this.next()) {
      if (this.nameIs(NAMES.promptTokens)) {
        if (prompt) throw DECLINE;
        prompt = true;
        result.promptAt = this.countAt();
        result.promptTokens = this.count();
      } else if (this.nameIs(NAMES.completionTokens)) {
        if (completion) throw DECLINE;
        completion = true;
        result.completionAt = this.countAt();
        result.completionTokens = this.count();
      } else if (this.nameIs(NAMES.details)) {
        if (details) throw DECLINE;
        details = true;
        if (this.null()) continue;
        let cached = false;
        for (let field = this.open(); field; field = this.next()) {
          if (!this.nameIs(NAMES.cachedTokens)) {
            this.value();
            continue;
          }
          if (cached) throw DECLINE;
          cached = true;
          result.cachedAt = this.countAt();
          result.cachedTokens = this.count();
        }
      } else this.value();
    }
  }

  /** Where the next value starts, unless it is null (-1). */
  private countAt(): number {
    this.space();
    return this.bytes[this.position] === 0x6e ? -1 : this.position;
  }

  /** A token count: a plain integer, or null (`?? 0`). */
  private count(): number {
    return this.null() ? 0 : this.integer();
  }

  /** A plain integer literal (no fraction or exponent, at most 15 digits). */
  private integer(): number {
    this.space();
    const bytes = this.bytes;
    let negative = false;
    if (bytes[this.position] === 0x2d) {
      negative = true;
      this.position++;
    }
    const first = this.position;
    let value = 0;
    while (this.position < this.end && bytes[this.position] >= 0x30 && bytes[this.position] <= 0x39) {
      value = value * 10 + bytes[this.position] - 0x30;
      this.position++;
    }
    const digits = this.position - first;
    if (digits === 0 || digits > 15 || (digits > 1 && bytes[first] === 0x30)) throw DECLINE;
    const after = bytes[this.position];
    if (after === 0x2e || after === 0x65 || after === 0x45) throw DECLINE; // 1.5, 1e3: the general way
    return negative ? -value : value;
  }

  /**
   * Enter an object and read its first member's name: true when there is one (the position
   * is then at its value). Member names with escapes decline: they might spell a name read here.
   */
  private open(): boolean {
    this.space();
    if (this.bytes[this.position] !== OPEN_BRACE) throw DECLINE;
    this.position++;
    this.space();
    if (this.bytes[this.position] === CLOSE_BRACE) {
      this.position++;
      return false;
    }
    this.name();
    return true;
  }

  /** After a member's value: read the next member's name (true), or the object's end (false). */
  private next(): boolean {
    this.space();
    const byte = this.bytes[this.position++];
    if (byte === CLOSE_BRACE) return false;
    if (byte !== COMMA) throw DECLINE;
    this.space();
    this.name();
    return true;
  }

  private name(): void {
    if (this.bytes[this.position] !== QUOTE) throw DECLINE;
    this.nameStart = this.position + 1;
    this.string();
    if (hasByte(this.bytes, BACKSLASH, this.nameStart, this.position - 1)) throw DECLINE;
    this.nameEnd = this.position - 1;
    this.space();
    if (this.bytes[this.position++] !== COLON) throw DECLINE;
    this.space();
  }

  private nameIs(name: Uint8Array): boolean {
    const start = this.nameStart;
    if (this.nameEnd - start !== name.length) return false;
    const bytes = this.bytes;
    for (let index = 0; index < name.length; index++) if (bytes[start + index] !== name[index]) return false;
    return true;
  }

  /** Any JSON value, checked and skipped. */
  private value(): void {
    this.space();
    const byte = this.bytes[this.position];
    if (byte === QUOTE) this.string();
    else if (byte === OPEN_BRACE) {
      for (let more = this.open(); more; more = this.next()) this.value();
    } else if (byte === OPEN_BRACKET) this.array();
    else if (byte === 0x74) this.word(TRUE);
    else if (byte === 0x66) this.word(FALSE);
    else if (byte === 0x6e) this.word(NULL);
    else this.number();
  }

  private array(): void {
    this.position++;
    this.space();
    if (this.bytes[this.position] === CLOSE_BRACKET) {
      this.position++;
      return;
    }
    for (;;) {
      this.value();
      this.space();
      const next = this.bytes[this.position++];
      if (next === CLOSE_BRACKET) return;
      if (next !== COMMA) throw DECLINE;
    }
  }

  /** A string literal from its opening quote; leaves the position after the closing one. */
  private string(): void {
    const after = stringEnd(this.bytes, this.position, this.end);
    if (after === -1) throw DECLINE;
    this.position = after;
  }

  /** A number literal, checked against JSON's grammar and skipped. */
  private number(): void {
    const after = numberEnd(this.bytes, this.position, this.end);
    if (after === -1) throw DECLINE;
    this.position = after;
  }

  private word(word: Uint8Array): void {
    for (let index = 0; index < word.length; index++) {
      if (this.bytes[this.position + index] !== word[index]) throw DECLINE;
    }
    this.position += word.length;
    if (this.position > this.end) throw DECLINE;
  }

  /** Reads `null` if it is next (after whitespace). */
  private null(): boolean {
    this.space();
    const bytes = this.bytes;
    const at = this.position;
    if (bytes[at] === 0x6e && bytes[at + 1] === 0x75 && bytes[at + 2] === 0x6c && bytes[at + 3] === 0x6c && at + 4 <= this.end) {
      this.position += 4;
      return true;
    }
    return false;
  }

  /** The next byte after whitespace. */
  private peek(): number {
    this.space();
    return this.bytes[this.position];
  }

  /** JSON whitespace (a line holds no newlines). */
  private space(): void {
    const bytes = this.bytes;
    let byte = bytes[this.position];
    while ((byte === 0x20 || byte === 0x09) && this.position < this.end) byte = bytes[++this.position];
  }
}

const reader = new LineReader();
/** The shape of the last line the reader read in full. */
let shape: LineShape | undefined;

const TRUE = ascii("true");
const FALSE = ascii("false");
const NULL = ascii("null");

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

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
