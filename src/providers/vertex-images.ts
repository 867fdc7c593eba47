import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import type { Bucket } from "@google-cloud/storage";
import pLimit from "p-limit";
import { toProviderError } from "./provider-error.js";
import type { VertexSettings } from "./vertex-settings.js";

/** Uploads at once; small images are latency-bound, so more than the cores. */
const UPLOAD_PARALLELISM = 16;

/**
 * Local images live in the bucket under their content hash, so the same image is uploaded
 * once however many rows (or runs) use it, and its URI is known before it is uploaded.
 */
export class VertexImages {
  private readonly objects = new Map<string, string>();

  constructor(private readonly settings: VertexSettings) {}

  /** The object name for a local image (`file://` URL); the file is hashed once. */
  objectName(url: string): string {
    let name = this.objects.get(url);
    if (!name) {
      const path = fileURLToPath(url);
      const hash = createHash("sha256").update(readFileSync(path)).digest("hex");
      name = `${this.settings.imagePrefix}/${hash}${extname(path).toLowerCase()}`;
      this.objects.set(url, name);
    }
    return name;
  }

  uri(url: string): string {
    return `gs://${this.settings.bucket}/${this.objectName(url)}`;
  }

  /** Upload every image not already in the bucket. Returns how many were uploaded. */
  async upload(bucket: Bucket, urls: string[]): Promise<{ uploaded: number; skipped: number }> {
    const limit = pLimit(UPLOAD_PARALLELISM);
    let uploaded = 0;
    await Promise.all(
      [...new Set(urls)].map((url) =>
        limit(async () => {
          const file = bucket.file(this.objectName(url));
          try {
            const [exists] = await file.exists();
            if (exists) return;
            await bucket.upload(fileURLToPath(url), { destination: file.name, resumable: false });
            uploaded++;
          } catch (error) {
            throw toProviderError("vertex", `upload gs://${this.settings.bucket}/${file.name}`, error);
          }
        }),
      ),
    );
    return { uploaded, skipped: new Set(urls).size - uploaded };
  }
}
