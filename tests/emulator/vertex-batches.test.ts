import { GoogleGenAI, type BatchJob } from "@google/genai";
import { describe, expect, test } from "vitest";
import { type GoogleTestEmulator, LOCATION, PROJECT, useGoogleEmulator, waitForJob } from "./google-support.js";

const start = useGoogleEmulator({ buckets: ["bkt"] });

function inputLines(count: number) {
  return Array.from({ length: count }, (_, index) => ({ key: `row-${index}`, request: { contents: [{ role: "user", parts: [{ text: `question ${index}` }] }], labels: { key: `row-${index}` } } }));
}

async function uploadInput(test: GoogleTestEmulator, lines: unknown[], name = "in/input.jsonl"): Promise<string> {
  await test.storage.bucket("bkt").file(name).save(lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n") + "\n", { contentType: "application/jsonl" });
  return `gs://bkt/${name}`;
}

/** Lists the job's output folder with the Storage SDK and parses every predictions line. */
async function readPredictions(test: GoogleTestEmulator, job: BatchJob): Promise<{ names: string[]; lines: Array<Record<string, any>> }> {
  const directory = (job as { outputInfo?: { gcsOutputDirectory?: string } }).outputInfo?.gcsOutputDirectory;
  const match = /^gs:\/\/([^/]+)\/(.+)$/.exec(directory ?? "");
  if (!match) throw new Error(`no gcsOutputDirectory on ${job.name}`);
  const [files] = await test.storage.bucket(match[1]).getFiles({ prefix: `${match[2]}/` });
  const lines: Array<Record<string, any>> = [];
  for (const file of files) {
    const [data] = await file.download();
    lines.push(...data.toString("utf8").split("\n").filter((line) => line !== "").map((line) => JSON.parse(line)));
  }
  return { names: files.map((file) => file.name), lines };
}

describe("Vertex AI batch prediction through @google/genai", () => {
  test("a job reads its gs:// input, runs to JOB_STATE_SUCCEEDED and writes shuffled predictions that echo extra fields", async () => {
    const test = await start({ batchMs: 300 });
    const lines = inputLines(30);
    const src = await uploadInput(test, lines);
    const created = await test.vertex.batches.create({ model: "gemini-2.5-flash", src, config: { displayName: "vjob", dest: "gs://bkt/out" } });
    expect(created.name).toMatch(new RegExp(`^projects/${PROJECT}/locations/${LOCATION}/batchPredictionJobs/\\d+$`));
    expect(created.state).toBe("JOB_STATE_PENDING");
    expect(created.src?.gcsUri).toEqual([src]);
    expect(created.dest?.gcsUri).toBe("gs://bkt/out");

    const { job, seen } = await waitForJob(test.vertex, created.name!);
    expect(job.state).toBe("JOB_STATE_SUCCEEDED");
    expect(seen).toContain("JOB_STATE_RUNNING");
    expect(job.startTime).toBeTypeOf("string");
    expect(job.completionStats).toEqual({ successfulCount: "30" });
    const directory = (job as { outputInfo?: { gcsOutputDirectory?: string } }).outputInfo?.gcsOutputDirectory;
    expect(directory).toMatch(/^gs:\/\/bkt\/out\/prediction-model-\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);

    const { names, lines: predictions } = await readPredictions(test, job);
    expect(names).toEqual([`${directory!.slice("gs://bkt/".length)}/predictions.jsonl`]);
    expect(predictions).toHaveLength(30);
    const keys = predictions.map((line) => line.key);
    expect(new Set(keys)).toEqual(new Set(lines.map((line) => line.key)));
    expect(keys).not.toEqual(lines.map((line) => line.key));
    const first = predictions[0];
    expect(first.status).toBe("");
    expect(first.processed_time).toMatch(/\+00:00$/);
    expect(first.request).toEqual(lines.find((line) => line.key === first.key)!.request);
    expect(first.response.candidates[0].content.parts[0].text).toBe(`Echo: question ${first.key.slice(4)}`);
    expect(first.response.usageMetadata.totalTokenCount).toBeGreaterThan(0);
    expect(test.emulator.stats().vertex).toMatchObject({ batches_created: 1, predictions_written: 30 });
  });

  test("without dest the SDK derives one next to the input, and the job writes there", async () => {
    const test = await start();
    const src = await uploadInput(test, inputLines(2), "in/auto.jsonl");
    const created = await test.vertex.batches.create({ model: "gemini-2.5-flash", src });
    test.emulator.advanceClock(60_000);
    const job = await test.vertex.batches.get({ name: created.name! });
    expect((job as { outputInfo?: { gcsOutputDirectory?: string } }).outputInfo?.gcsOutputDirectory).toMatch(/^gs:\/\/bkt\/in\/auto\/dest\/prediction-model-/);
    expect((await readPredictions(test, job)).lines).toHaveLength(2);
  });

  test("partial faults give prediction lines with a non-empty status and no response", async () => {
    const test = await start({ faults: "partial:0.5" });
    const created = await test.vertex.batches.create({ model: "gemini-2.5-flash", src: await uploadInput(test, inputLines(30)), config: { dest: "gs://bkt/out" } });
    test.emulator.advanceClock(60_000);
    const job = await test.vertex.batches.get({ name: created.name! });
    expect(job.state).toBe("JOB_STATE_SUCCEEDED");
    const { lines } = await readPredictions(test, job);
    const failed = lines.filter((line) => line.status !== "");
    expect(lines).toHaveLength(30);
    expect(failed.length).toBeGreaterThan(5);
    expect(failed[0].response).toBeUndefined();
    expect(failed[0].status).toContain("fault injected");
    expect(failed[0].key).toMatch(/^row-/);
    expect(job.completionStats).toEqual({ successfulCount: String(30 - failed.length), failedCount: String(failed.length) });
  });

  test("a request the model rejects fails alone with a Bad Request status", async () => {
    const test = await start();
    const src = await uploadInput(test, [...inputLines(1), { key: "bad", request: { contents: [] } }]);
    const created = await test.vertex.batches.create({ model: "gemini-2.5-flash", src, config: { dest: "gs://bkt/out" } });
    test.emulator.advanceClock(60_000);
    const { lines } = await readPredictions(test, await test.vertex.batches.get({ name: created.name! }));
    const bad = lines.find((line) => line.key === "bad")!;
    expect(bad.status).toMatch(/^Bad Request: \{"error":\{"code":400,/);
    expect(bad.response).toBeUndefined();
  });

  test.each([
    ["a missing input object", async () => "gs://bkt/in/missing.jsonl", /No such object: bkt\/in\/missing.jsonl/],
    ["an input line without a request", async (test: GoogleTestEmulator) => uploadInput(test, ['{"key":"x"}']), /line 1 of gs:\/\/bkt\/in\/input.jsonl: no "request" object/],
    ["a BigQuery source", async () => "bq://proj.dataset.table", /does not emulate BigQuery/],
  ])("%s makes the job JOB_STATE_FAILED with an error saying why", async (_, makeSource, message) => {
    const test = await start();
    const created = await test.vertex.batches.create({ model: "gemini-2.5-flash", src: await makeSource(test), config: { dest: "gs://bkt/out" } });
    test.emulator.advanceClock(60_000);
    const job = await test.vertex.batches.get({ name: created.name! });
    expect(job.state).toBe("JOB_STATE_FAILED");
    expect(job.error?.message).toMatch(message);
    expect(job.error?.code).toBeTypeOf("number");
    expect(job.endTime).toBeTypeOf("string");
  });

  test("listing with pageSize pages through every job once, and a state filter keeps only matching jobs", async () => {
    const test = await start({ batchMs: 3_600_000 });
    const src = await uploadInput(test, inputLines(1));
    const names: string[] = [];
    for (let index = 0; index < 5; index++) names.push((await test.vertex.batches.create({ model: "gemini-2.5-flash", src, config: { dest: "gs://bkt/out" } })).name!);
    const listed: string[] = [];
    for await (const job of await test.vertex.batches.list({ config: { pageSize: 2 } })) listed.push(job.name!);
    expect(listed).toEqual([...names].reverse());

    await test.vertex.batches.cancel({ name: names[0] });
    const cancelling: string[] = [];
    for await (const job of await test.vertex.batches.list({ config: { pageSize: 1, filter: "state=JOB_STATE_CANCELLING" } })) cancelling.push(job.name!);
    expect(cancelling).toEqual([names[0]]);
  });

  test("cancel goes through JOB_STATE_CANCELLING to JOB_STATE_CANCELLED, and only then can the job be deleted", async () => {
    const test = await start({ batchMs: 10_000 });
    const created = await test.vertex.batches.create({ model: "gemini-2.5-flash", src: await uploadInput(test, inputLines(20)), config: { dest: "gs://bkt/out" } });
    test.emulator.advanceClock(5_000);
    await test.vertex.batches.cancel({ name: created.name! });
    expect((await test.vertex.batches.get({ name: created.name! })).state).toBe("JOB_STATE_CANCELLING");
    await expect(test.vertex.batches.delete({ name: created.name! })).rejects.toMatchObject({ status: 400, message: expect.stringContaining("FAILED_PRECONDITION") });
    test.emulator.advanceClock(2_000);
    const job = await test.vertex.batches.get({ name: created.name! });
    expect(job.state).toBe("JOB_STATE_CANCELLED");
    const done = (await readPredictions(test, job)).lines.length;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(20);
    expect(job.completionStats?.incompleteCount).toBe(String(20 - done));

    const deleted = await test.vertex.batches.delete({ name: created.name! });
    expect(deleted.done).toBe(true);
    await expect(test.vertex.batches.get({ name: created.name! })).rejects.toMatchObject({ status: 404 });
  });

  test("a job can be fetched by its number alone", async () => {
    const test = await start();
    const created = await test.vertex.batches.create({ model: "gemini-2.5-flash", src: await uploadInput(test, inputLines(1)), config: { dest: "gs://bkt/out" } });
    const number = created.name!.split("/").pop()!;
    expect((await test.vertex.batches.get({ name: number })).name).toBe(created.name);
  });

  test("the control API expires a running job, keeping the predictions made so far", async () => {
    const test = await start({ batchMs: 10_000 });
    const created = await test.vertex.batches.create({ model: "gemini-2.5-flash", src: await uploadInput(test, inputLines(20)), config: { dest: "gs://bkt/out" } });
    test.emulator.advanceClock(5_000);
    expect((await fetch(`${test.emulator.url}/_emulator/batches/${encodeURIComponent(created.name!)}/expire`, { method: "POST" })).status).toBe(200);
    const job = await test.vertex.batches.get({ name: created.name! });
    expect(job.state).toBe("JOB_STATE_EXPIRED");
    expect((await readPredictions(test, job)).lines.length).toBeLessThan(20);
  });

  test("an expire fault ends the job JOB_STATE_EXPIRED at batchMs with part of the predictions", async () => {
    const test = await start({ faults: "expire:1", batchMs: 10_000 });
    const created = await test.vertex.batches.create({ model: "gemini-2.5-flash", src: await uploadInput(test, inputLines(20)), config: { dest: "gs://bkt/out" } });
    test.emulator.advanceClock(5_000);
    expect((await test.vertex.batches.get({ name: created.name! })).state).toBe("JOB_STATE_RUNNING");
    test.emulator.advanceClock(5_000);
    const job = await test.vertex.batches.get({ name: created.name! });
    expect(job.state).toBe("JOB_STATE_EXPIRED");
    const made = (await readPredictions(test, job)).lines.length;
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThan(20);
    expect(job.completionStats).toEqual({ successfulCount: String(made), incompleteCount: String(20 - made) });
    expect(test.emulator.stats().vertex.faults_injected).toBe(1);
  });

  test("realtime generateContent answers on the publisher model path", async () => {
    const test = await start();
    const response = await test.vertex.models.generateContent({ model: "gemini-2.5-flash", contents: "hello vertex" });
    expect(response.text).toBe("Echo: hello vertex");
    expect(test.emulator.stats().vertex.generate_content).toBe(1);
  });

  test("a duck-typed authClient (no google-auth-library import) works as well as a fake OAuth2Client", async () => {
    const test = await start();
    const ai = new GoogleGenAI({
      vertexai: true,
      project: PROJECT,
      location: LOCATION,
      googleAuthOptions: { authClient: { getRequestHeaders: async () => new Headers({ Authorization: "Bearer duck" }) } as never },
      httpOptions: { baseUrl: `${test.emulator.url}/vertex` },
    });
    expect((await ai.models.generateContent({ model: "gemini-2.5-flash", contents: "quack" })).text).toBe("Echo: quack");
  });

  test("a gs:// image part is described with the object's size", async () => {
    const test = await start();
    await test.storage.bucket("bkt").file("img/cat.png").save(Buffer.alloc(2048), { resumable: false, contentType: "image/png" });
    const response = await test.vertex.models.generateContent({
      model: "gemini-2.5-flash",
      contents: [{ role: "user", parts: [{ text: "What is this?" }, { fileData: { fileUri: "gs://bkt/img/cat.png", mimeType: "image/png" } }] }],
    });
    expect(response.text).toBe("Echo: What is this? [image image/png 2048 bytes]");
  });

  test("a request without credentials is 401 UNAUTHENTICATED", async () => {
    const test = await start();
    const response = await fetch(`${test.emulator.url}/vertex/v1beta1/projects/p/locations/l/batchPredictionJobs`);
    expect(response.status).toBe(401);
    expect((await response.json()).error.status).toBe("UNAUTHENTICATED");
  });
});
