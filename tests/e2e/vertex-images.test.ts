import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Storage } from "@google-cloud/storage";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/index.js";
import { readResults, retryRun, runBatch } from "../../src/index.js";
import { ROOT } from "../support/cli.js";

const VQA = join(ROOT, "datasets", "vqa-mini");
const BUCKET = "batchlab-demo-bucket";
let emulator: EmulatorHandle;
let dir: string;
const questions = JSON.parse(readFileSync(join(VQA, "questions.json"), "utf8")) as { question_id: string; images: string[] }[];
const uniqueImages = new Set(questions.flatMap((row) => row.images)).size;

type Stats = { gcs: { objects_uploaded: number }; vertex: { batches_created: number }; gemini: { batches_created: number } };
const stats = () => emulator.stats() as unknown as Stats;
const vertex = (extra: object = {}) => ({ dataset: join(VQA, "questions.json"), config: join(VQA, "config.yaml"), step: "answer_vertex", runDir: dir, emulatorUrl: emulator.url, ...extra });

beforeAll(async () => {
  emulator = await startEmulator({ batchMs: 400, buckets: [BUCKET] });
  dir = mkdtempSync(join(tmpdir(), "batchlab-vertex-"));
});
afterAll(async () => {
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("Vertex AI batch with images in Cloud Storage", () => {
  it("answers every vqa-mini row, uploading each image exactly once; a second run uploads none", async () => {
    const before = stats().gcs.objects_uploaded;
    const first = await runBatch(vertex());
    const rows = await readResults(first.runId, { runDir: dir });
    expect(rows.map((row) => row.key)).toEqual(questions.map((row) => row.question_id));
    expect(rows.every((row) => row.status === "succeeded")).toBe(true);
    // Each answer saw its images through gs:// references, described by the echo responder.
    expect(rows[0].text).toMatch(/\[image image\/png \d+ bytes\]/);
    const storage = new Storage({ apiEndpoint: `${emulator.url}/gcs`, projectId: "batchlab-demo" });
    const [images] = await storage.bucket(BUCKET).getFiles({ prefix: "batchlab/images/" });
    expect(images).toHaveLength(uniqueImages);
    const uploadedFirst = stats().gcs.objects_uploaded - before;
    // images + one input file per chunk + the bucket's write check
    expect(uploadedFirst).toBe(uniqueImages + first.batches.length + 1);

    const second = await runBatch(vertex());
    expect(second.succeeded).toBe(questions.length);
    expect(stats().gcs.objects_uploaded - before - uploadedFirst).toBe(second.batches.length + 1);
  });

  it("answers every vqa-mini row through the Gemini API with inline images", async () => {
    const summary = await runBatch({ ...vertex(), step: "answer_gemini" });
    const rows = await readResults(summary.runId, { runDir: dir });
    expect(rows.map((row) => row.key)).toEqual(questions.map((row) => row.question_id));
    expect(rows.every((row) => row.status === "succeeded")).toBe(true);
  });

  it("marks rows that failed in shuffled, partial output with their error, and retries only those", async () => {
    emulator.setFaults("partial:0.25");
    let summary;
    try {
      summary = await runBatch(vertex());
    } finally {
      emulator.setFaults("");
    }
    expect(summary.failed).toBeGreaterThan(0);
    const failed = (await readResults(summary.runId, { runDir: dir })).filter((row) => row.status === "failed");
    expect(failed.every((row) => row.error?.code === "prediction_failed" && row.error.message.length > 0)).toBe(true);
    const retried = (await retryRun(summary.runId, { runDir: dir, emulatorUrl: emulator.url }))!;
    expect(retried.succeeded).toBe(questions.length);
  });
});

describe("bad image or bucket input is refused before anything is sent", () => {
  function datasetWith(images: string[]): string {
    const folder = mkdtempSync(join(dir, "data-"));
    cpSync(join(VQA, "images"), join(folder, "images"), { recursive: true });
    cpSync(join(VQA, "config.yaml"), join(folder, "config.yaml"));
    writeFileSync(
      join(folder, "questions.json"),
      JSON.stringify([
        { question_id: "ok", question: "What colour?", options: { A: "red", B: "blue", C: "green", D: "yellow" }, answer: "A", category: "color", images: ["images/scene-001.png"] },
        { question_id: "bad", question: "What colour?", options: { A: "red", B: "blue", C: "green", D: "yellow" }, answer: "A", category: "color", images },
      ]),
    );
    return folder;
  }

  it.each([
    ["a path outside the dataset folder", ["../../etc/passwd.png"], /questions\.json:2 field "images": .*outside the dataset folder/],
    ["a missing image", ["images/no-such-scene.png"], /questions\.json:2 field "images": .*cannot be read/],
  ])("names the row and field of %s", async (_what, images, message) => {
    const folder = datasetWith(images);
    const before = stats();
    await expect(runBatch({ ...vertex(), dataset: join(folder, "questions.json"), config: join(folder, "config.yaml") })).rejects.toThrow(message);
    expect(stats().gcs.objects_uploaded).toBe(before.gcs.objects_uploaded);
    expect(stats().vertex.batches_created).toBe(before.vertex.batches_created);
  });

  it("says how to fix a bucket that does not exist", async () => {
    const folder = datasetWith(["images/scene-002.png"]);
    writeFileSync(join(folder, "config.yaml"), readFileSync(join(folder, "config.yaml"), "utf8").replaceAll(BUCKET, "no-such-bucket"));
    const before = stats();
    await expect(runBatch({ ...vertex(), dataset: join(folder, "questions.json"), config: join(folder, "config.yaml") })).rejects.toThrow(
      /the bucket no-such-bucket does not exist — create it \(gcloud storage buckets create gs:\/\/no-such-bucket/,
    );
    expect(stats().gcs.objects_uploaded).toBe(before.gcs.objects_uploaded);
    expect(stats().vertex.batches_created).toBe(before.vertex.batches_created);
  });
});
