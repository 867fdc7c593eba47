import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { geminiClient, type GoogleTestEmulator, useGoogleEmulator, waitForJob } from "./google-support.js";

const start = useGoogleEmulator();

function inlineRequests(count: number) {
  return Array.from({ length: count }, (_, index) => ({ contents: `question ${index}`, metadata: { key: `k${index}` } }));
}

/** Uploads `{"key","request"}` lines through the Files API and returns the file name. */
async function uploadJsonl(test: GoogleTestEmulator, lines: unknown[], ai = test.gemini): Promise<string> {
  const path = join(test.dir, `input-${Math.random().toString(36).slice(2)}.jsonl`);
  await writeFile(path, lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n") + "\n");
  const file = await ai.files.upload({ file: path, config: { mimeType: "jsonl", displayName: "batch-input" } });
  return file.name!;
}

function keyedLines(count: number) {
  return Array.from({ length: count }, (_, index) => ({ key: `row-${index}`, request: { contents: [{ role: "user", parts: [{ text: `question ${index}` }] }] } }));
}

async function downloadLines(test: GoogleTestEmulator, fileName: string, ai = test.gemini): Promise<Array<Record<string, any>>> {
  const path = join(test.dir, `out-${Math.random().toString(36).slice(2)}.jsonl`);
  await ai.files.download({ file: fileName, downloadPath: path });
  return (await readFile(path, "utf8")).split("\n").filter((line) => line !== "").map((line) => JSON.parse(line));
}

describe("Gemini API batches through @google/genai", () => {
  test("an inline batch goes pending → running → succeeded with inlinedResponses in input order, keyed by metadata.key", async () => {
    const test = await start({ batchMs: 300 });
    const created = await test.gemini.batches.create({
      model: "gemini-2.5-flash",
      src: [{ contents: "Hello", metadata: { key: "k1" }, config: { systemInstruction: "be terse" } }, ...inlineRequests(3)],
      config: { displayName: "inline-batch" },
    });
    expect(created.name).toMatch(/^batches\/[a-z0-9]+$/);
    expect(created.state).toBe("JOB_STATE_PENDING");
    expect(created.displayName).toBe("inline-batch");
    expect(created.model).toBe("models/gemini-2.5-flash");

    const { job, seen } = await waitForJob(test.gemini, created.name!);
    expect(job.state).toBe("JOB_STATE_SUCCEEDED");
    expect(seen).toContain("JOB_STATE_RUNNING");
    expect(job.endTime).toBeTypeOf("string");
    const responses = job.dest?.inlinedResponses ?? [];
    expect(responses.map((entry) => entry.metadata?.key)).toEqual(["k1", "k0", "k1", "k2"]);
    expect(responses[0].response?.candidates?.[0]?.content?.parts?.[0]?.text).toBe("Echo: Hello [system: be terse]");
    expect(responses[1].response?.usageMetadata?.promptTokenCount).toBeGreaterThan(0);
    expect(responses[1].response?.candidates?.[0]?.finishReason).toBe("STOP");
    expect(test.emulator.stats().gemini.batches_created).toBe(1);
  });

  test("a file batch answers every key exactly once, in shuffled order, in a downloadable responses file", async () => {
    const test = await start();
    const lines = keyedLines(40);
    const fileName = await uploadJsonl(test, lines);
    const created = await test.gemini.batches.create({ model: "gemini-2.5-flash", src: fileName, config: { displayName: "file-batch" } });
    const { job } = await waitForJob(test.gemini, created.name!);
    expect(job.state).toBe("JOB_STATE_SUCCEEDED");
    expect(job.dest?.fileName).toMatch(/^files\/batch-/);

    const output = await downloadLines(test, job.dest!.fileName!);
    const keys = output.map((line) => line.key);
    expect(new Set(keys)).toEqual(new Set(lines.map((line) => line.key)));
    expect(keys).toHaveLength(40);
    expect(keys).not.toEqual(lines.map((line) => line.key));
    const first = output[0];
    expect(first.response.candidates[0].content.parts[0].text).toBe(`Echo: question ${first.key.slice(4)}`);
    expect(first.response.usageMetadata.totalTokenCount).toBe(first.response.usageMetadata.promptTokenCount + first.response.usageMetadata.candidatesTokenCount);
  });

  test("the operation carries batchStats, the output in metadata and in response, and done once finished", async () => {
    const test = await start();
    const fileName = await uploadJsonl(test, [...keyedLines(2), { key: "bad", request: { contents: [] } }, "{not json"]);
    const created = await test.gemini.batches.create({ model: "gemini-2.5-flash", src: fileName });
    test.emulator.advanceClock(60_000);
    const raw = await (await fetch(`${test.emulator.url}/gemini/v1beta/${created.name}`, { headers: { "x-goog-api-key": "k" } })).json();
    expect(raw).toMatchObject({
      name: created.name,
      done: true,
      metadata: {
        "@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatch",
        state: "BATCH_STATE_SUCCEEDED",
        batchStats: { requestCount: "4", successfulRequestCount: "2", failedRequestCount: "2" },
        output: { responsesFile: expect.stringMatching(/^files\/batch-/) },
      },
      response: { "@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatchOutput", responsesFile: raw.metadata.output.responsesFile },
    });
    expect(raw.metadata.batchStats.pendingRequestCount).toBeUndefined();

    const output = await downloadLines(test, raw.metadata.output.responsesFile);
    expect(output.find((line) => line.key === "bad")?.error).toMatchObject({ code: 3, status: "INVALID_ARGUMENT" });
    expect(output.filter((line) => line.key === undefined)).toEqual([{ error: expect.objectContaining({ code: 3, status: "INVALID_ARGUMENT" }) }]);
  });

  test("both v1 and v1beta serve the same batches", async () => {
    const test = await start();
    const beta = geminiClient(test.emulator.url, "v1beta");
    const created = await beta.batches.create({ model: "gemini-2.5-flash", src: inlineRequests(2) });
    test.emulator.advanceClock(60_000);
    const viaV1 = await test.gemini.batches.get({ name: created.name! });
    expect(viaV1.state).toBe("JOB_STATE_SUCCEEDED");
    expect(viaV1.dest?.inlinedResponses).toHaveLength(2);
  });

  test("listing with a page size of 2 visits each of 5 batches once, newest first", async () => {
    const test = await start();
    const names: string[] = [];
    for (let index = 0; index < 5; index++) names.push((await test.gemini.batches.create({ model: "gemini-2.5-flash", src: inlineRequests(1) })).name!);
    const listed: string[] = [];
    const pager = await test.gemini.batches.list({ config: { pageSize: 2 } });
    for await (const job of pager) listed.push(job.name!);
    expect(listed).toEqual([...names].reverse());
  });

  test("cancelling a running batch makes it cancelled with the rows done so far; cancelling again is refused", async () => {
    const test = await start({ batchMs: 10_000 });
    const created = await test.gemini.batches.create({ model: "gemini-2.5-flash", src: inlineRequests(20) });
    test.emulator.advanceClock(5_000);
    await test.gemini.batches.cancel({ name: created.name! });
    const job = await test.gemini.batches.get({ name: created.name! });
    expect(job.state).toBe("JOB_STATE_CANCELLED");
    const done = job.dest?.inlinedResponses ?? [];
    expect(done.length).toBeGreaterThan(0);
    expect(done.length).toBeLessThan(20);
    await expect(test.gemini.batches.cancel({ name: created.name! })).rejects.toMatchObject({ status: 400, message: expect.stringContaining("FAILED_PRECONDITION") });
  });

  test("a deleted batch is gone (404 in Google's error shape)", async () => {
    const test = await start();
    const created = await test.gemini.batches.create({ model: "gemini-2.5-flash", src: inlineRequests(1) });
    await test.gemini.batches.delete({ name: created.name! });
    const error = await test.gemini.batches.get({ name: created.name! }).catch((caught: unknown) => caught as { status: number; message: string });
    expect(error).toMatchObject({ status: 404 });
    expect(JSON.parse((error as { message: string }).message)).toEqual({ error: { code: 404, message: `Requested entity was not found: ${created.name}.`, status: "NOT_FOUND" } });
  });

  test("partial faults fail single rows with an INTERNAL error and count as injected faults", async () => {
    const test = await start({ faults: "partial:0.5" });
    const fileName = await uploadJsonl(test, keyedLines(30));
    const created = await test.gemini.batches.create({ model: "gemini-2.5-flash", src: fileName });
    test.emulator.advanceClock(60_000);
    const job = await test.gemini.batches.get({ name: created.name! });
    const output = await downloadLines(test, job.dest!.fileName!);
    const failed = output.filter((line) => line.error);
    expect(output).toHaveLength(30);
    expect(failed.length).toBeGreaterThan(5);
    expect(failed[0].error).toMatchObject({ code: 13, status: "INTERNAL", message: expect.stringContaining("fault injected") });
    expect(test.emulator.stats().gemini.faults_injected).toBe(failed.length);
  });

  test("malformed faults cut responses-file lines in half so they no longer parse", async () => {
    const test = await start({ faults: "malformed:0.5" });
    const fileName = await uploadJsonl(test, keyedLines(20));
    const created = await test.gemini.batches.create({ model: "gemini-2.5-flash", src: fileName });
    test.emulator.advanceClock(60_000);
    const job = await test.gemini.batches.get({ name: created.name! });
    const path = join(test.dir, "malformed.jsonl");
    await test.gemini.files.download({ file: job.dest!.fileName!, downloadPath: path });
    const lines = (await readFile(path, "utf8")).split("\n").filter((line) => line !== "");
    const broken = lines.filter((line) => {
      try {
        JSON.parse(line);
        return false;
      } catch {
        return true;
      }
    });
    expect(lines).toHaveLength(20);
    expect(broken.length).toBeGreaterThan(3);
    expect(test.emulator.stats().gemini.faults_injected).toBe(broken.length);
  });

  test("the control API expires a running batch with part of the rows answered", async () => {
    const test = await start({ batchMs: 10_000 });
    const created = await test.gemini.batches.create({ model: "gemini-2.5-flash", src: inlineRequests(10) });
    test.emulator.advanceClock(5_000);
    const response = await fetch(`${test.emulator.url}/_emulator/batches/${encodeURIComponent(created.name!)}/expire`, { method: "POST" });
    expect(response.status).toBe(200);
    const job = await test.gemini.batches.get({ name: created.name! });
    expect(job.state).toBe("JOB_STATE_EXPIRED");
    expect(job.dest?.inlinedResponses?.length).toBeLessThan(10);
  });

  test.each([
    ["a missing input file", { src: "files/nosuchfile" }, 403, "PERMISSION_DENIED"],
    ["an empty inline list", { src: [] }, 400, "INVALID_ARGUMENT"],
  ])("batches.create with %s is refused in Google's error shape", async (_, params, status, code) => {
    const test = await start();
    const error = await test.gemini.batches.create({ model: "gemini-2.5-flash", ...(params as { src: string }) }).catch((caught: unknown) => caught as { status: number; message: string });
    expect(error).toMatchObject({ status });
    expect(JSON.parse((error as { message: string }).message).error.status).toBe(code);
  });

  test("inline requests over 20 MB in total are refused with the real size message", async () => {
    const test = await start();
    const big = "x".repeat(1024 * 1024);
    const src = Array.from({ length: 21 }, (_, index) => ({ contents: big, metadata: { key: `k${index}` } }));
    await expect(test.gemini.batches.create({ model: "gemini-2.5-flash", src })).rejects.toMatchObject({ status: 400, message: expect.stringContaining("Request payload size exceeds the limit: 20971520 bytes") });
  });
});
