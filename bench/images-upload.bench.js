/**
 * images_upload: 2,000 small distinct images (a few KB each) uploaded to a bucket of the
 * in-process emulator through @google-cloud/storage, as `batchlab run --provider vertex`
 * stages them: batchlab's uploader (`VertexImages.upload`, p-limit at its fixed parallelism)
 * against the same work one at a time; then a second pass over the same images, which must
 * upload none. The emulator answers in microseconds, so the same comparison is repeated with
 * every GCS request held `BENCH_GCS_LATENCY_MS` (default 20 ms) as a network round trip would.
 * Beside the uploader as built, the same work at other parallelisms and the proposed change
 * (list the image prefix once instead of an `exists` call per image) are measured too.
 *
 * Environment: BENCH_IMAGES (default 2000), BENCH_GCS_LATENCY_MS (default 20; 0 skips it).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startEmulator } from "../dist/emulator/index.js";
import { vertexClients } from "../dist/providers/vertex-clients.js";
import { VertexImages } from "../dist/providers/vertex-images.js";
import { vertexSettings } from "../dist/providers/vertex-settings.js";
import { timed, uploadMissing, uploadWith } from "./lib/images-upload-loop.js";
import { ensureInput, outPath, peakRssMb, printFigures } from "./lib/report.js";

const COUNT = Number(process.env.BENCH_IMAGES ?? 2000);
const LATENCY_MS = Number(process.env.BENCH_GCS_LATENCY_MS ?? 20);
const BUCKET = "bench-images";
const PROJECT = "bench-project";
const SWEEP = [4, 32, 64];

const folder = ensureInput(outPath(`images-${COUNT}`), "./images-generate.js", String(COUNT));
const urls = readdirSync(folder).sort().map((name) => pathToFileURL(join(folder, name)).href);
if (urls.length !== COUNT) throw new Error(`expected ${COUNT} images in ${folder}, found ${urls.length}; delete the folder to regenerate it`);

const emulator = await startEmulator({ buckets: [BUCKET] });
try {
  const settingsFor = (prefix) => vertexSettings({ project_id: PROJECT, gcs_bucket: BUCKET, gcs_image_prefix: prefix }, {});
  const { storage } = vertexClients({ emulatorUrl: emulator.url }, settingsFor("bench"));
  const bucket = storage.bucket(BUCKET);
  const uploader = (prefix) => new VertexImages(settingsFor(prefix));
  const objectsUploaded = () => emulator.stats().gcs.objects_uploaded;

  // Warm up the SDK, the HTTP agent and the emulator's routes before anything is timed.
  await uploader("warm-up").upload(bucket, urls.slice(0, 50));

  const sequential = await timed(() => uploadWith(bucket, uploader("sequential"), urls, 1));
  const before = objectsUploaded();
  const parallel = await timed(() => uploader("parallel").upload(bucket, urls));
  const counted = objectsUploaded() - before;
  const second = await timed(() => uploader("parallel").upload(bucket, urls));
  const secondCounted = objectsUploaded() - before - counted;
  if (parallel.value.uploaded !== COUNT || counted !== COUNT) {
    throw new Error(`the uploader reported ${parallel.value.uploaded} uploads and the emulator counted ${counted}; expected ${COUNT}`);
  }
  if (second.value.uploaded !== 0 || secondCounted !== 0) {
    throw new Error(`the second pass uploaded ${second.value.uploaded} (emulator: ${secondCounted}); expected none`);
  }
  const sweep = {};
  for (const parallelism of SWEEP) {
    const run = await timed(() => uploadWith(bucket, uploader(`sweep-${parallelism}`), urls, parallelism));
    sweep[`p${parallelism}_per_s`] = rate(COUNT, run.seconds);
  }

  const figures = {
    images: COUNT,
    bytes_each: "2-4 KB",
    uploader_parallelism: uploaderParallelism(),
    parallel_per_s: rate(COUNT, parallel.seconds),
    sequential_per_s: rate(COUNT, sequential.seconds),
    speedup: round(sequential.seconds / parallel.seconds, 2),
    parallel_seconds: round(parallel.seconds, 2),
    sequential_seconds: round(sequential.seconds, 2),
    second_pass_uploaded: second.value.uploaded,
    second_pass_skipped: second.value.skipped,
    second_pass_seconds: round(second.seconds, 2),
    same_work_other_parallelism: sweep,
    proposed_list_then_upload: await listThenUpload(bucket, uploader, "proposed"),
  };
  if (LATENCY_MS > 0) figures.with_gcs_latency = await withLatency(bucket, uploader);
  figures.peak_rss_mb = peakRssMb();
  printFigures({ images_upload: figures });
} finally {
  await emulator.close();
}

/**
 * The same comparison with every GCS request held LATENCY_MS: one at a time on 200 images
 * (at 2 requests an image that alone takes 200 × 2 × LATENCY_MS), the uploader on all.
 */
async function withLatency(bucket, uploader) {
  emulator.setFaults(`slow:1@${LATENCY_MS}`);
  try {
    const sample = urls.slice(0, Math.min(200, COUNT));
    const sequential = await timed(() => uploadWith(bucket, uploader("latency-sequential"), sample, 1));
    const parallel = await timed(() => uploader("latency-parallel").upload(bucket, urls));
    const second = await timed(() => uploader("latency-parallel").upload(bucket, urls));
    const sweep = {};
    for (const parallelism of SWEEP) {
      const run = await timed(() => uploadWith(bucket, uploader(`latency-sweep-${parallelism}`), urls, parallelism));
      sweep[`p${parallelism}_per_s`] = rate(COUNT, run.seconds);
    }
    return {
      latency_ms_per_request: LATENCY_MS,
      parallel_per_s: rate(COUNT, parallel.seconds),
      sequential_per_s: rate(sample.length, sequential.seconds),
      sequential_sample: sample.length,
      speedup: round(rate(COUNT, parallel.seconds) / rate(sample.length, sequential.seconds), 2),
      second_pass_uploaded: second.value.uploaded,
      second_pass_seconds: round(second.seconds, 2),
      same_work_other_parallelism: sweep,
      proposed_list_then_upload: await listThenUpload(bucket, uploader, "latency-proposed"),
    };
  } finally {
    emulator.setFaults("");
  }
}

/**
 * The proposed uploader (one listing of the prefix instead of an `exists` per image) at the
 * current parallelism and at 32: first pass, and a second pass that must upload none.
 */
async function listThenUpload(bucket, uploader, prefix) {
  const figures = {};
  // The uploader itself now lists once at 32; a set keeps the two settings from repeating.
  for (const parallelism of [...new Set([uploaderParallelism(), 32])]) {
    const where = `${prefix}-${parallelism}`;
    const first = await timed(() => uploadMissing(bucket, uploader(where), urls, parallelism, where));
    const second = await timed(() => uploadMissing(bucket, uploader(where), urls, parallelism, where));
    if (first.value.uploaded !== COUNT || second.value.uploaded !== 0) {
      throw new Error(`list-then-upload at ${parallelism} uploaded ${first.value.uploaded}, then ${second.value.uploaded}; expected ${COUNT}, then 0`);
    }
    figures[`p${parallelism}`] = { per_s: rate(COUNT, first.seconds), second_pass_seconds: round(second.seconds, 2) };
  }
  return figures;
}

/** UPLOAD_PARALLELISM as built (not exported, so read from the module's text). */
function uploaderParallelism() {
  const source = readFileSync(fileURLToPath(new URL("../dist/providers/vertex-images.js", import.meta.url)), "utf8");
  return Number(/UPLOAD_PARALLELISM\s*=\s*(\d+)/.exec(source)?.[1] ?? Number.NaN);
}

function rate(count, seconds) {
  return Math.round(count / seconds);
}

function round(value, digits) {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
