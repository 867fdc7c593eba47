/**
 * The shape of a success line: the bytes of one the full reader accepted, with its string
 * and number values marked as holes. Lines of a batch output differ almost only in those
 * values, so the next line is checked byte for byte against the shape and only its holes
 * are scanned: a line that matches, with a valid value in every hole, is the same JSON
 * document with other values, and its fields are read from the holes the reader found them
 * in. Anything else (another shape, a bad value) does not match and goes to the full reader.
 */
import { QUOTE, lastString, numberEnd, plainInteger, stringEnd } from "./json-scan.js";
import { emptySuccessLine, type SuccessLine } from "./openai-success-line.js";

const STRING = 0;
const NUMBER = 1;

/** What a hole's value is to the result. */
const Role = { none: 0, id: 1, text: 2, prompt: 3, completion: 4, cached: 5 } as const;

export class LineShape {
  /** The template line's bytes, and a view of them for reading four at a time. */
  private readonly bytes: Uint8Array;
  private readonly words: DataView;
  /** Per hole: start, end (in the template), kind, role, and for a text the choice's index. */
  private readonly holes: Int32Array;
  /** Per hole (by its index in `holes`): 1 once a line had another value there than the template. */
  private readonly varies: Uint8Array;
  /**
   * The holes a line is read by first: those with a role and those that varied. The others
   * (an object's "chat.completion", the model, a finish reason) are compared as part of the
   * template's bytes, a long run at a time, which is faster than scanning each value.
   */
  private quick: Int32Array;
  private readonly result: SuccessLine;

  private constructor(bytes: Uint8Array, holes: number[], choices: number, hasUsage: boolean) {
    this.bytes = bytes;
    this.words = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.holes = Int32Array.from(holes);
    this.varies = new Uint8Array(holes.length / HOLE);
    this.quick = this.quickHoles();
    this.result = emptySuccessLine(choices);
    this.result.hasUsage = hasUsage;
  }

  /** The shape of `line[start, end)`, which the full reader read as `read`. */
  static of(line: Uint8Array, start: number, end: number, read: SuccessLine): LineShape {
    const holes: number[] = [];
    const roleAt = new Map<number, [number, number]>([[read.idStart, [Role.id, 0]]]);
    read.textStarts.forEach((at, choice) => at !== -1 && roleAt.set(at, [Role.text, choice]));
    for (const [at, role] of [[read.promptAt, Role.prompt], [read.completionAt, Role.completion], [read.cachedAt, Role.cached]] as const) {
      if (at !== -1) roleAt.set(at, [role, 0]);
    }
    for (let index = start; index < end; ) {
      const byte = line[index];
      if (byte === QUOTE) {
        const after = stringEnd(line, index, end);
        if (!isMemberName(line, after, end)) holes.push(index - start, after - start, STRING, ...(roleAt.get(index) ?? [Role.none, 0]));
        index = after;
      } else if ((byte === 0x2d || (byte >= 0x30 && byte <= 0x39)) && index !== read.statusAt) {
        // Every number but the status code (which must stay 200) may differ.
        const after = numberEnd(line, index, end);
        holes.push(index - start, after - start, NUMBER, ...(roleAt.get(index) ?? [Role.none, 0]));
        index = after;
      } else if (byte >= 0x30 && byte <= 0x39) {
        index = numberEnd(line, index, end);
      } else index++;
    }
    // A copy: the line's buffer is reused for the next read (Buffer's slice would be a view of it).
    return new LineShape(Uint8Array.prototype.slice.call(line, start, end), holes, read.textStarts.length, read.hasUsage);
  }

  /**
   * Read `line[start, end)` if it has this shape; the answer is what the full reader would
   * give, and is reused (valid until the next call).
   */
  read(line: Uint8Array, start: number, end: number): SuccessLine | undefined {
    const quick = this.readBy(this.quick, line, start, end);
    if (quick !== undefined) return quick;
    // A value the template's bytes did not have, or another shape: every hole scanned.
    const read = this.readBy(this.holes, line, start, end);
    if (read !== undefined) this.learnValues(line, start);
    return read;
  }

  /** Read the line by the holes `holes` (a subset of this.holes, in order): everything between them is the template's bytes. */
  private readBy(holes: Int32Array, line: Uint8Array, start: number, end: number): SuccessLine | undefined {
    const template = this.bytes;
    const result = this.result;
    const words = wordsOf(line);
    result.promptTokens = result.completionTokens = result.cachedTokens = 0;
    result.textsCanonical = true;
    let at = start;
    let from = 0;
    for (let hole = 0; hole < holes.length; hole += HOLE) {
      const holeStart = holes[hole];
      // The bytes up to the hole are the template's.
      if (at + holeStart - from > end || !this.sameBytes(words, line, at, from, holeStart)) return undefined;
      at += holeStart - from;
      const after = holes[hole + 2] === STRING ? stringEnd(line, at, end) : numberEnd(line, at, end);
      if (after === -1) return undefined;
      const role = holes[hole + 3];
      if (role === Role.text) {
        if (!lastString.canonical) result.textsCanonical = false;
        result.textStarts[holes[hole + 4]] = at;
        result.textEnds[holes[hole + 4]] = after;
      } else if (role === Role.id) {
        result.idStart = at;
        result.idEnd = after;
      } else if (role !== Role.none) {
        // A token count: a plain integer, as the full reader requires (else it declines).
        const count = plainInteger(line, at, after);
        if (Number.isNaN(count)) return undefined;
        if (role === Role.prompt) result.promptTokens = count;
        else if (role === Role.completion) result.completionTokens = count;
        else result.cachedTokens = count;
      }
      at = after;
      from = holes[hole + 1];
    }
    if (at + template.length - from !== end || !this.sameBytes(words, line, at, from, template.length)) return undefined;
    return result;
  }

  /** Whether `line` from `at` has the template's bytes `[from, to)` (four at a time, then one). */
  private sameBytes(words: DataView<ArrayBufferLike>, line: Uint8Array, at: number, from: number, to: number): boolean {
    const template = this.bytes;
    const templateWords = this.words;
    const shift = at - from;
    let index = from;
    for (; index + 4 <= to; index += 4) if (words.getInt32(index + shift, true) !== templateWords.getInt32(index, true)) return false;
    for (; index < to; index++) if (line[index + shift] !== template[index]) return false;
    return true;
  }

  /** After a line matched by every hole: note the holes whose value differs from the template's, and read by them from now on. */
  private learnValues(line: Uint8Array, start: number): void {
    const holes = this.holes;
    let at = start;
    let from = 0;
    let learned = false;
    for (let hole = 0; hole < holes.length; hole += HOLE) {
      at += holes[hole] - from;
      const after = holes[hole + 2] === STRING ? stringEnd(line, at, line.length) : numberEnd(line, at, line.length);
      if (this.varies[hole / HOLE] === 0 && !this.sameValue(line, at, after, holes[hole], holes[hole + 1])) {
        this.varies[hole / HOLE] = 1;
        learned = true;
      }
      at = after;
      from = holes[hole + 1];
    }
    if (learned) this.quick = this.quickHoles();
  }

  private sameValue(line: Uint8Array, start: number, end: number, templateStart: number, templateEnd: number): boolean {
    if (end - start !== templateEnd - templateStart) return false;
    for (let index = 0; index < end - start; index++) if (line[start + index] !== this.bytes[templateStart + index]) return false;
    return true;
  }

  private quickHoles(): Int32Array {
    const quick: number[] = [];
    for (let hole = 0; hole < this.holes.length; hole += HOLE) {
      if (this.holes[hole + 3] !== Role.none || this.varies[hole / HOLE] === 1) quick.push(...this.holes.subarray(hole, hole + HOLE));
    }
    return Int32Array.from(quick);
  }
}

/** Ints per hole in a hole list. */
const HOLE = 5;

/**
 * A DataView over `bytes`, the last one made kept: a reader reads many lines of one buffer.
 * Known by the array itself (its `buffer` is a call into the runtime); a detached array's
 * length changes.
 */
function wordsOf(bytes: Uint8Array): DataView<ArrayBufferLike> {
  if (lastBytes !== bytes || lastWords.byteLength !== bytes.length) {
    lastWords = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    lastBytes = bytes;
  }
  return lastWords;
}
let lastBytes: Uint8Array | undefined;
let lastWords: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));

/** Whether the string that ends at `after` is a member name (a colon follows). */
function isMemberName(line: Uint8Array, after: number, end: number): boolean {
  let index = after;
  while (index < end && (line[index] === 0x20 || line[index] === 0x09)) index++;
  return line[index] === 0x3a;
}
