/**
 * Writes an object's bytes to a temp file while hashing them (CRC32C and MD5, as Cloud
 * Storage reports them). One writer per upload; a resumable session keeps its writer
 * open across PUT requests.
 */
import { createHash, type Hash } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { rm } from "node:fs/promises";
import { Crc32c } from "./crc32c.js";

/** The bytes of a finished upload, waiting to be committed as an object. */
export interface WrittenBytes {
  path: string;
  size: number;
  crc32c: string;
  md5Hash: string;
}

export class ObjectWriter {
  private readonly stream: WriteStream;
  private readonly crc = new Crc32c();
  private readonly md5: Hash = createHash("md5");
  size = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
    this.stream.on("error", () => undefined); // surfaced by write/finish
  }

  async write(data: Buffer | string): Promise<void> {
    const bytes = typeof data === "string" ? Buffer.from(data) : data;
    if (bytes.length === 0) return;
    if (this.stream.errored) throw this.stream.errored;
    this.crc.update(bytes);
    this.md5.update(bytes);
    this.size += bytes.length;
    if (!this.stream.write(bytes)) await once(this.stream, "drain");
  }

  /** Streams a request (or any byte source) in; `skip` drops bytes the server already has. */
  async writeAll(source: AsyncIterable<Buffer>, skip = 0): Promise<void> {
    let toSkip = skip;
    for await (const chunk of source) {
      if (toSkip >= chunk.length) {
        toSkip -= chunk.length;
        continue;
      }
      await this.write(toSkip > 0 ? chunk.subarray(toSkip) : chunk);
      toSkip = 0;
    }
  }

  async finish(): Promise<WrittenBytes> {
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return { path: this.path, size: this.size, crc32c: this.crc.base64(), md5Hash: this.md5.digest("base64") };
  }

  async abort(): Promise<void> {
    this.stream.destroy();
    await rm(this.path, { force: true });
  }
}
