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

  async abort(): Promise<void> {
    this.stream.destroy();
    await rm(this.temp, { force: true });
  }
}

function tempName(path: string): string {
  return `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}
