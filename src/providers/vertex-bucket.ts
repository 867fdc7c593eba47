import type { Bucket } from "@google-cloud/storage";
import { ProviderError } from "../errors.js";
import type { VertexSettings } from "./vertex-settings.js";

/**
 * Before anything is sent: the bucket must exist and take a write. A tiny probe object is
 * written and removed, so a permissions problem shows now and not after the upload.
 */
export async function checkBucket(bucket: Bucket, settings: VertexSettings): Promise<void> {
  const where = `gs://${settings.bucket}`;
  let exists: boolean;
  try {
    [exists] = await bucket.exists();
  } catch (error) {
    throw new ProviderError("vertex", `GET ${where}`, (error as { code?: number }).code, (error as Error).message, `check access to the bucket for project ${settings.project}`, { cause: error });
  }
  if (!exists) {
    throw new ProviderError(
      "vertex",
      `GET ${where}`,
      404,
      `the bucket ${settings.bucket} does not exist`,
      `create it (gcloud storage buckets create ${where} --project=${settings.project} --location=${settings.location}) or set batch_config.gcs_bucket to a bucket you own`,
    );
  }
  const probe = bucket.file(`${settings.inputPrefix}/.batchlab-write-check`);
  try {
    await probe.save("ok", { resumable: false });
    await probe.delete({ ignoreNotFound: true });
  } catch (error) {
    throw new ProviderError(
      "vertex",
      `write ${where}`,
      (error as { code?: number }).code,
      `cannot write to the bucket ${settings.bucket}: ${(error as Error).message}`,
      "grant the account roles/storage.objectAdmin on the bucket, or choose a bucket it can write to",
      { cause: error },
    );
  }
}
