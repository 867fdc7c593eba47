import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where local images live in the bucket: under their content hash, so the same image is
 * uploaded once however many rows (or runs) use it, and its URI is known before it is
 * uploaded (by the encoder on any thread, and by the uploader).
 */
export class ImageObjectNames {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly bucket: string,
    private readonly prefix: string,
  ) {}

  /** The object name for a local image (`file://` URL); the file is hashed once. */
  objectName(url: string): string {
    let name = this.names.get(url);
    if (!name) {
      const path = fileURLToPath(url);
      const hash = createHash("sha256").update(readFileSync(path)).digest("hex");
      name = `${this.prefix}/${hash}${extname(path).toLowerCase()}`;
      this.names.set(url, name);
    }
    return name;
  }

  uri(url: string): string {
    return `gs://${this.bucket}/${this.objectName(url)}`;
  }
}
