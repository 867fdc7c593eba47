/**
 * Streams a JSONL file line by line with each line's byte offset, so a batch can keep
 * only offsets in memory and read lines back in any (shuffled) order later.
 */
import { createReadStream } from "node:fs";
import type { FileHandle } from "node:fs/promises";

export interface JsonlLine {
  /** 1-based physical line number. */
  number: number;
  /** Byte offset of the line's first byte. */
  offset: number;
  /** Byte length without the line ending. */
  length: number;
  text: string;
}

export async function* readJsonlLines(path: string): AsyncGenerator<JsonlLine> {
  let number = 0;
  let position = 0; // bytes consumed before the current chunk
  let lineStart = 0;
  let carry: Buffer[] = [];
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let from = 0;
    for (let newline = chunk.indexOf(0x0a, from); newline >= 0; newline = chunk.indexOf(0x0a, from)) {
      const piece = chunk.subarray(from, newline);
      const line = carry.length > 0 ? Buffer.concat([...carry, piece]) : piece;
      carry = [];
      yield makeLine(++number, lineStart, line);
      from = newline + 1;
      lineStart = position + from;
    }
    if (from < chunk.length) carry.push(chunk.subarray(from));
    position += chunk.length;
  }
  if (carry.length > 0) yield makeLine(++number, lineStart, Buffer.concat(carry));
}

/** Reads one line back by offset and length. */
export async function readLineAt(handle: FileHandle, offset: number, length: number): Promise<string> {
  const buffer = Buffer.alloc(length);
  await handle.read(buffer, 0, length, offset);
  return buffer.toString("utf8").replace(/^\uFEFF/, ""); // a byte-order mark on line 1
}

function makeLine(number: number, offset: number, bytes: Buffer): JsonlLine {
  const length = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
  let text = bytes.toString("utf8", 0, length);
  if (number === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1); // byte-order mark
  return { number, offset, length, text };
}
