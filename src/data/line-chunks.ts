import { createReadStream } from "node:fs";
import { fileError } from "./dataset-file.js";

/** Read size: large reads keep the per-line cost low on files of hundreds of MB. */
const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;
const RETURN = 0x0d;

/**
 * Stream a UTF-8 text file as arrays of lines (every line, blank ones too, without `\n` or a
 * trailing `\r`), one array per read chunk. Yielding arrays rather than single lines keeps
 * the async overhead per line near zero; line numbers are the running count. A UTF-8 BOM
 * at the start is dropped. Only one chunk (plus a partial line) is held in memory.
 *
 * Lines are split on bytes and decoded one by one: a `\n` byte never occurs inside a UTF-8
 * multi-byte character, and this is about twice as fast as decoding whole chunks to strings
 * (or node:readline) on a 500 MB file.
 */
export async function* lineChunks(file: string, what = "dataset"): AsyncGenerator<string[]> {
  const stream = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  let carry: Buffer | undefined;
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      if (first) {
        first = false;
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) start = 3;
      }
      const lines: string[] = [];
      let end = chunk.indexOf(NEWLINE, start);
      if (carry && end !== -1) {
        // Only the partial line is copied, never the whole chunk.
        lines.push(decodeLine(Buffer.concat([carry, chunk.subarray(start, end)])));
        carry = undefined;
        start = end + 1;
        end = chunk.indexOf(NEWLINE, start);
      }
      for (; end !== -1; end = chunk.indexOf(NEWLINE, start)) {
        lines.push(decodeLine(chunk, start, end));
        start = end + 1;
      }
      if (start < chunk.length) {
        const rest = chunk.subarray(start);
        carry = carry ? Buffer.concat([carry, rest]) : Buffer.from(rest);
      }
      if (lines.length > 0) yield lines;
    }
  } catch (error) {
    throw fileError(file, what, error);
  } finally {
    stream.destroy();
  }
  if (carry) yield [decodeLine(carry)];
}

function decodeLine(buffer: Buffer, start = 0, end = buffer.length): string {
  if (end > start && buffer[end - 1] === RETURN) end--;
  return buffer.toString("utf8", start, end);
}
