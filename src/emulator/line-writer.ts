/** Appends JSONL lines to a file with backpressure, counting lines and bytes (offsets for reading back). Every surface writes its batch files with it. */
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

export class LineWriter {
  private readonly stream: WriteStream;
  lines = 0;
  /** Bytes written so far: the offset of the next line. */
  bytes = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
    this.stream.on("error", () => undefined); // surfaced by write/close
  }

  /** Writes one line (a newline is added); returns its byte length without the newline. */
  async write(line: string): Promise<number> {
    if (this.stream.errored) throw this.stream.errored;
    const length = Buffer.byteLength(line);
    this.lines++;
    this.bytes += length + 1;
    if (!this.stream.write(`${line}\n`)) await once(this.stream, "drain");
    return length;
  }

  /** Ends the file; resolves with its size in bytes. */
  async close(): Promise<number> {
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return this.bytes;
  }
}
