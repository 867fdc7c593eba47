/**
 * The same per-image work as `VertexImages.upload` (content-hash name, `exists`, then a
 * non-resumable `bucket.upload`), at a parallelism of our choosing: 1 is the one-at-a-time
 * baseline, other values show where the uploader's fixed parallelism sits on the curve.
 */
import { fileURLToPath } from "node:url";
import pLimit from "p-limit";

/**
 * Upload `urls` (file:// URLs) with `images.objectName` naming, `parallelism` at once.
 * Returns how many were uploaded and skipped.
 */
export async function uploadWith(bucket, images, urls, parallelism) {
  let uploaded = 0;
  const one = async (url) => {
    const file = bucket.file(images.objectName(url));
    const [exists] = await file.exists();
    if (exists) return;
    await bucket.upload(fileURLToPath(url), { destination: file.name, resumable: false });
    uploaded++;
  };
  if (parallelism === 1) {
    for (const url of urls) await one(url);
  } else {
    const limit = pLimit(parallelism);
    await Promise.all(urls.map((url) => limit(() => one(url))));
  }
  return { uploaded, skipped: urls.length - uploaded };
}

/**
 * The change proposed for `VertexImages.upload`: one listing of the image prefix instead of
 * an `exists` call per image, then only the missing images uploaded. Same return value.
 */
export async function uploadMissing(bucket, images, urls, parallelism, prefix) {
  const [files] = await bucket.getFiles({ prefix: `${prefix}/` });
  const present = new Set(files.map((file) => file.name));
  const missing = urls.filter((url) => !present.has(images.objectName(url)));
  const limit = pLimit(parallelism);
  await Promise.all(
    missing.map((url) => limit(() => bucket.upload(fileURLToPath(url), { destination: images.objectName(url), resumable: false }))),
  );
  return { uploaded: missing.length, skipped: urls.length - missing.length };
}

/** Seconds `work` takes, and what it returned. */
export async function timed(work) {
  const started = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - started) / 1000 };
}
