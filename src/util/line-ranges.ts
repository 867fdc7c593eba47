import { readSync } from "node:fs";
import { open } from "node:fs/promises";

/** Some lines of a file: line `i` is `data[starts[i], ends[i])`. Valid until the next batch is asked for. */
export interface LineRanges {
  data: Buffer;
  starts: number[];
  ends: number[];
}

const NEWLINE = 0x0a;
const RETURN = 0x0d;
/** A read buffer to use for file after file (one caller at a time), sparing a new one per file. */
export interface LineBuffer {
  data?: Buffer;
}

export interface LineRangeOptions {
  buffer?: LineBuffer;
  /**
   * Read on this thread, blocking it: for a worker thread of its own, where nothing else
   * waits, this spares each read a round trip through the thread pool (a worker otherwise
   * idles for every read).
   */
  blocking?: boolean;
}

/** Large reads keep the cost per line low on output files of hundreds of MB. */
const READ_BYTES = 1 << 20;

/**
 * The non-blank lines of a text file as byte ranges, a read at a time, split exactly as
 * `readLines` (node:readline) splits them: at `\n`, `\r\n` or a lone `\r`, with lines of only
 * whitespace left out. Nothing is decoded, so a caller that needs a few fields of each line
 * never builds the rest as strings. Holds one read and one partial line; the read buffer is
 * reused, so a batch is only valid until the next one is asked for.
 */
export async function* lineRanges(path: string, options: LineRangeOptions = {}): AsyncGenerator<LineRanges> {
  const handle = await open(path, "r");
  const reuse = options.buffer;
  try {
    let data = reuse?.data ?? Buffer.allocUnsafe(2 * READ_BYTES);
    if (reuse) reuse.data = data;
    let carried = 0;
    /** The last read ended in a `\r`: a `\n` first in the next read belongs to it. */
    let afterReturn = false;
    let position = 0;
    for (;;) {
      if (data.length < carried + READ_BYTES) {
        const larger = Buffer.allocUnsafe(2 * (carried + READ_BYTES));
        data.copy(larger, 0, 0, carried);
        data = larger;
        if (reuse) reuse.data = larger;
      }
      const bytesRead = options.blocking
        ? readSync(handle.fd, data, carried, READ_BYTES, position)
        : (await handle.read(data, carried, READ_BYTES, position)).bytesRead;
      position += bytesRead;
      const filled = carried + bytesRead;
      const final = bytesRead === 0;
      const find = (byte: number, from: number) => {
        const index = data.indexOf(byte, from);
        return index !== -1 && index < filled ? index : -1;
      };
      const batch: LineRanges = { data, starts: [], ends: [] };
      let start = 0;
      if (afterReturn && filled > 0 && data[0] === NEWLINE) start = 1;
      afterReturn = false;
      let newline = find(NEWLINE, start);
      let cr = find(RETURN, start);
      for (;;) {
        let end: number;
        let next: number;
        if (cr !== -1 && (newline === -1 || cr < newline)) {
          end = cr;
          next = cr + 1;
          if (cr + 1 < filled) {
            if (data[cr + 1] === NEWLINE) next = cr + 2;
          } else if (!final) afterReturn = true;
        } else if (newline !== -1) {
          end = newline;
          next = newline + 1;
        } else break;
        addLine(batch, start, end);
        start = next;
        if (newline !== -1 && newline < start) newline = find(NEWLINE, start);
        if (cr !== -1 && cr < start) cr = find(RETURN, start);
      }
      if (final) {
        if (start < filled) addLine(batch, start, filled);
        if (batch.starts.length > 0) yield batch;
        return;
      }
      if (batch.starts.length > 0) yield batch;
      // The partial last line moves to the front for the next read.
      data.copy(data, 0, start, filled);
      carried = filled - start;
    }
  } finally {
    await handle.close();
  }
}

function addLine(batch: LineRanges, start: number, end: number): void {
  if (isBlank(batch.data, start, end)) return;
  batch.starts.push(start);
  batch.ends.push(end);
}

/** Whether the line is only whitespace, as `text.trim() === ""` decides (stops at the first other character). */
function isBlank(data: Buffer, start: number, end: number): boolean {
  let ascii = true;
  for (let index = start; index < end; index++) {
    const byte = data[index];
    if (byte >= 0x80) ascii = false;
    else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0b && byte !== 0x0c) return false;
  }
  // Only spaces and bytes outside ASCII: decide as trim() does (no-break spaces, BOM...).
  return ascii || data.toString("utf8", start, end).trim() === "";
}
