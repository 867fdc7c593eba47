import { createHash, type Hash } from "node:crypto";
import { copyFile } from "node:fs/promises";
import { AtomicFileWriter } from "../util/atomic-write.js";
import { sha256File } from "../util/hash.js";

/**
 * The dataset's one pass over the disk: while the rows are read, their bytes are copied to
 * the run's folder (appearing under its name only when complete) and hashed, so a 500 MB
 * file is read once rather than three times (copy, hash, prepare). The copy holds exactly the
 * bytes that were prepared.
 */
export class DatasetPass {
  private readonly copy?: AtomicFileWriter;
  private readonly hash?: Hash;

  constructor(copyTo: string | undefined, hash: boolean) {
    if (copyTo) this.copy = new AtomicFileWriter(copyTo);
    if (hash) this.hash = createHash("sha256");
  }

  /** Every byte of the file, in order. */
  readonly onRead = async (bytes: Uint8Array): Promise<void> => {
    this.hash?.update(bytes);
    await this.copy?.writeThrough(bytes);
  };

  /** Put the copy in place; the sha256 (hex) when hashing. */
  async finish(): Promise<string | undefined> {
    await this.copy?.commit();
    return this.hash?.digest("hex");
  }

  async abort(): Promise<void> {
    await this.copy?.abort();
  }
}

/**
 * For formats read some other way: copy the file first (when asked) and hash the copy.
 * Returns the file to read rows from and the hash, when asked.
 */
export async function copyAndHash(file: string, copyTo: string | undefined, hash: boolean): Promise<{ file: string; sha256?: string }> {
  if (copyTo) await copyFile(file, copyTo);
  const source = copyTo ?? file;
  return { file: source, sha256: hash ? await sha256File(source) : undefined };
}
