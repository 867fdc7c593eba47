/**
 * The full reader of a success line: a recursive-descent walk over the line's UTF-8 bytes
 * that checks the whole line is valid JSON while reading the few fields a result needs, so
 * it never decodes or builds the rest. It throws when the line is not the common success
 * shape (or not JSON); the caller then reads it the general way (see openai-output.ts).
 */
import { BACKSLASH, QUOTE, hasByte, numberEnd, stringEnd } from "./json-scan.js";
import { emptySuccessLine, type SuccessLine } from "./openai-success-line.js";

const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Thrown inside the reader when the line is not the common shape (or not JSON): decline. */
const DECLINE = new Error("not the common shape");

/** Read `line[start, end)` in full; throws when the line is not the common success shape. The answer is reused. */
export function readFullLine(line: Uint8Array, start: number, end: number): SuccessLine {
  return reader.line(line, start, end);
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
  /** The content literal of the choice being read (-1: none). */
  private textStart = -1;
  private textEnd = -1;
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
        this.choices();
      } else if (this.nameIs(NAMES.usage)) {
        if (usage) throw DECLINE;
        usage = true;
        this.usage(result);
      } else this.value();
    }
  }

  private choices(): void {
    if (this.null()) return; // `?? []`
    if (this.peek() !== OPEN_BRACKET) throw DECLINE;
    this.elements(this.choice);
  }

  private choice(): void {
    this.textStart = this.textEnd = -1;
    this.only(NAMES.message, this.message);
    this.result.textStarts.push(this.textStart);
    this.result.textEnds.push(this.textEnd);
  }

  private message(): void {
    if (!this.null()) this.only(NAMES.content, this.content);
  }

  private content(): void {
    if (this.null()) return;
    if (this.peek() !== QUOTE) throw DECLINE;
    this.textStart = this.position;
    this.string();
    this.textEnd = this.position;
  }

  /** Inside an object: its member `name` read by `read` (a repeat declines), every other member skipped. */
  private only(name: Uint8Array, read: (this: LineReader) => void): void {
    let seen = false;
    for (let more = this.open(); more; more = this.next()) {
      if (!this.nameIs(name)) {
        this.value();
        continue;
      }
      if (seen) throw DECLINE;
      seen = true;
      read.call(this);
    }
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
        if (!this.null()) this.only(NAMES.cachedTokens, this.cached);
      } else this.value();
    }
  }

  private cached(): void {
    this.result.cachedAt = this.countAt();
    this.result.cachedTokens = this.count();
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
    this.elements(this.value);
  }

  /** An array from its `[`: each element read by `read`. */
  private elements(read: (this: LineReader) => void): void {
    this.position++;
    this.space();
    if (this.bytes[this.position] === CLOSE_BRACKET) {
      this.position++;
      return;
    }
    for (;;) {
      read.call(this);
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

const TRUE = ascii("true");
const FALSE = ascii("false");
const NULL = ascii("null");

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}
