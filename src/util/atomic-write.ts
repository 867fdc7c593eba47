import { createWriteStream } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { finished } from "node:stream/promises";

/** Write a whole file atomically: a temp name beside it, then rename. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = tempName(path);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * A streamed file that appears under its final name only when `commit()` is called;
 * `abort()` removes the partial temp file. Writes respect backpressure.
 */
export class AtomicFileWriter {
  private readonly temp: string;
  private readonly stream;

  constructor(readonly path: string) {
    this.temp = tempName(path);
    this.stream = createWriteStream(this.temp, { highWaterMark: 1 << 20 });
  }

  /**
   * Write a chunk and resolve once it has been handed to the OS, so the caller may reuse
   * `data`'s memory (`write` only waits for room in the stream's buffer).
   */
  writeThrough(data: Uint8Array): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.stream.write(data, (error) => (error ? reject(error) : resolve()));
    });
  }

  /** Write a chunk; resolves when the stream can take more. */
  async write(data: string | Uint8Array): Promise<void> {
    if (!this.stream.write(data)) {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        this.stream.once("error", onError);
        this.stream.once("drain", () => {
          this.stream.off("error", onError);
          resolve();
        });
      });
    }
  }

  async commit(): Promise<void> {
    this.stream.end();
    await finished(this.stream);
    await rename(this.temp, this.path);
  }

  /**
   * Drop the partial file. A write still in flight fails with ERR_STREAM_DESTROYED once the
   * stream is destroyed: that error is expected here and swallowed. The temp file is removed
   * after the stream closes, so a stream that had not opened yet cannot recreate it.
   */
  async abort(): Promise<void> {
    this.stream.on("error", () => {});
    if (!this.stream.closed) {
      const closed = new Promise<void>((resolve) => this.stream.once("close", () => resolve()));
      this.stream.destroy();
      await closed;
    }
    await rm(this.temp, { force: true });
  }
}

function tempName(path: string): string {
  return `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}
