/** Appends JSONL lines to a file with backpressure, counting lines and bytes. */
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

export class LineWriter {
  private readonly stream: WriteStream;
  lines = 0;
  bytes = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
    this.stream.on("error", () => undefined); // surfaced by write/close
  }

  /** Writes one line; a trailing newline is added. */
  async write(line: string): Promise<void> {
    if (this.stream.errored) throw this.stream.errored;
    const text = `${line}\n`;
    this.lines++;
    this.bytes += Buffer.byteLength(text);
    if (!this.stream.write(text)) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}
