import { fileURLToPath } from "node:url";
import type { Bucket } from "@google-cloud/storage";
import pLimit from "p-limit";
import { toProviderError } from "./provider-error.js";
import { ImageObjectNames } from "./vertex-image-names.js";
import type { VertexSettings } from "./vertex-settings.js";

/** Uploads at once; small images are latency-bound, so more than the cores. */
const UPLOAD_PARALLELISM = 32;

/** Uploads the run's local images to the bucket, under the names ImageObjectNames gives them. */
export class VertexImages {
  private readonly names: ImageObjectNames;

  constructor(private readonly settings: VertexSettings) {
    this.names = new ImageObjectNames(settings.bucket, settings.imagePrefix);
  }

  objectName(url: string): string {
    return this.names.objectName(url);
  }

  uri(url: string): string {
    return this.names.uri(url);
  }

  /**
   * Upload every image not already in the bucket. One listing of the content-addressed folder
   * finds what is there (not an exists() per image); an upload that loses a race with another
   * run (412 on ifGenerationMatch: 0) means the same bytes are there already.
   */
  async upload(bucket: Bucket, urls: string[]): Promise<{ uploaded: number; skipped: number }> {
    const unique = [...new Set(urls)];
    const present = new Set<string>();
    try {
      const [files] = await bucket.getFiles({ prefix: `${this.settings.imagePrefix}/` });
      for (const file of files) present.add(file.name);
    } catch (error) {
      throw toProviderError("vertex", `list gs://${this.settings.bucket}/${this.settings.imagePrefix}/`, error);
    }
    const missing = unique.filter((url) => !present.has(this.objectName(url)));
    const limit = pLimit(UPLOAD_PARALLELISM);
    await Promise.all(
      missing.map((url) =>
        limit(async () => {
          const name = this.objectName(url);
          try {
            await bucket.upload(fileURLToPath(url), { destination: name, resumable: false, preconditionOpts: { ifGenerationMatch: 0 } });
          } catch (error) {
            if ((error as { code?: number }).code === 412) return;
            throw toProviderError("vertex", `upload gs://${this.settings.bucket}/${name}`, error);
          }
        }),
      ),
    );
    return { uploaded: missing.length, skipped: unique.length - missing.length };
  }
}
