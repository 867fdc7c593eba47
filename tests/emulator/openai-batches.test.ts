import { afterEach, describe, expect, test } from "vitest";
import { chatLine, chatLines, createBatch, finishNow, readJsonl, startTestEmulator, uploadLines, waitForBatch, type TestEmulator } from "./support.js";

let current: TestEmulator | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

async function start(options: Parameters<typeof startTestEmulator>[0] = {}): Promise<TestEmulator> {
  current = await startTestEmulator(options);
  return current;
}

describe("OpenAI batches through the official SDK", () => {
  test("a 50-line batch goes validating → in_progress → completed and its output has one line per input, shuffled", async () => {
    const test = await start({ batchMs: 300 });
    const lines = chatLines(50);
    const created = await createBatch(test, lines, { job: "demo" });
    expect(created.status).toBe("validating");
    expect(created.metadata).toEqual({ job: "demo" });

    const { batch, seen } = await waitForBatch(test, created.id);
    expect(batch.status).toBe("completed");
    expect(seen).toContain("in_progress");
    expect(batch.request_counts).toEqual({ total: 50, completed: 50, failed: 0 });
    expect(batch.error_file_id).toBeNull();
    expect(batch.model).toBe("gpt-4o-mini");
    for (const field of ["created_at", "in_progress_at", "finalizing_at", "completed_at"] as const) expect(batch[field]).toBeTypeOf("number");

    const output = await readJsonl(test, batch.output_file_id!);
    expect(output).toHaveLength(50);
    const ids = output.map((line) => line.custom_id);
    expect(new Set(ids)).toEqual(new Set(lines.map((line) => line.custom_id)));
    expect(ids).not.toEqual(lines.map((line) => line.custom_id));
    const first = output[0];
    expect(first.id).toMatch(/^batch_req_/);
    expect(first.error).toBeNull();
    expect(first.response.status_code).toBe(200);
    expect(first.response.body.choices[0].message.content).toBe(`Echo: question ${first.custom_id}`);
    const usage = output.reduce((sum, line) => sum + line.response.body.usage.prompt_tokens, 0);
    expect(batch.usage?.input_tokens).toBe(usage);
    expect(batch.usage?.total_tokens).toBe(batch.usage!.input_tokens + batch.usage!.output_tokens);

    const outputFile = await test.client.files.retrieve(batch.output_file_id!);
    expect(outputFile.purpose).toBe("batch_output");
  });

  test("advancing the emulator clock completes a batch on the next read", async () => {
    const test = await start({ batchMs: 3_600_000 });
    const created = await createBatch(test, chatLines(3));
    expect((await test.client.batches.retrieve(created.id)).status).toBe("validating");
    const batch = await finishNow(test, created.id, 3_600_000);
    expect(batch.status).toBe("completed");
    expect(batch.request_counts?.completed).toBe(3);
  });

  test("request counts grow while the batch is in progress", async () => {
    const test = await start({ batchMs: 10_000 });
    const created = await createBatch(test, chatLines(100));
    test.emulator.advanceClock(5_000); // validation ends at 1 s, finalizing starts at 9 s: about half done
    const batch = await test.client.batches.retrieve(created.id);
    expect(batch.status).toBe("in_progress");
    expect(batch.request_counts!.completed).toBeGreaterThan(30);
    expect(batch.request_counts!.completed).toBeLessThan(70);
  });

  test.each([
    ["duplicate_custom_id", [chatLine("a"), chatLine("a")], "custom_id", 2],
    ["mixed_models", [chatLine("a", "x", "gpt-4o-mini"), chatLine("b", "y", "gpt-4o")], "body.model", 2],
    ["mismatched_url", [chatLine("a"), { ...chatLine("b"), url: "/v1/embeddings" }], "url", 2],
    ["invalid_method", [{ ...chatLine("a"), method: "GET" }], "method", 1],
    ["invalid_json_line", [chatLine("a"), "{not json"], null, 2],
    ["missing_custom_id", [{ method: "POST", url: "/v1/chat/completions", body: { model: "m" } }], "custom_id", 1],
  ])("an input file with a %s problem makes the batch fail with that error and its line", async (code, lines, param, line) => {
    const test = await start();
    const created = await createBatch(test, lines);
    const batch = await finishNow(test, created.id);
    expect(batch.status).toBe("failed");
    expect(batch.failed_at).toBeTypeOf("number");
    expect(batch.output_file_id).toBeNull();
    expect(batch.errors?.data).toContainEqual(expect.objectContaining({ code, param, line }));
  });

  test("more requests than the configured limit fails the batch with request_limit_exceeded", async () => {
    const test = await start({ limits: { maxRequests: 3 } });
    const batch = await finishNow(test, (await createBatch(test, chatLines(4))).id);
    expect(batch.status).toBe("failed");
    expect(batch.errors?.data?.[0]).toMatchObject({ code: "request_limit_exceeded" });
    expect(batch.errors?.data?.[0].message).toContain("at most 3");
  });

  test("an input file over the byte limit fails the batch with file_size_limit_exceeded", async () => {
    const test = await start({ limits: { maxBytes: 100 } });
    const batch = await finishNow(test, (await createBatch(test, chatLines(5))).id);
    expect(batch.errors?.data?.[0]).toMatchObject({ code: "file_size_limit_exceeded", line: null });
  });

  test("a row whose body the endpoint rejects fails alone with a 400 line in the error file", async () => {
    const test = await start();
    const bad = { ...chatLine("bad"), body: { model: "gpt-4o-mini", messages: [] } };
    const batch = await finishNow(test, (await createBatch(test, [chatLine("good"), bad])).id);
    expect(batch.status).toBe("completed");
    expect(batch.request_counts).toEqual({ total: 2, completed: 1, failed: 1 });
    const errors = await readJsonl(test, batch.error_file_id!);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ custom_id: "bad", error: null, response: { status_code: 400 } });
    expect(errors[0].response.body.error.param).toBe("messages");
  });

  test("listing with a page size of 2 visits each of 5 batches exactly once, newest first", async () => {
    const test = await start();
    const fileId = await uploadLines(test, chatLines(1));
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) {
      ids.push((await test.client.batches.create({ input_file_id: fileId, endpoint: "/v1/chat/completions", completion_window: "24h" })).id);
    }
    const listed: string[] = [];
    for await (const batch of test.client.batches.list({ limit: 2 })) listed.push(batch.id);
    expect(listed).toEqual([...ids].reverse());

    const firstPage = await test.client.batches.list({ limit: 2 });
    expect(firstPage.has_more).toBe(true);
    expect(firstPage.data.map((batch) => batch.id)).toEqual([ids[4], ids[3]]);
  });

  test("cancelling a running batch gives cancelled with done rows in the output and the rest as batch_cancelled", async () => {
    const test = await start({ batchMs: 10_000 });
    const created = await createBatch(test, chatLines(20));
    test.emulator.advanceClock(5_000);
    const cancelling = await test.client.batches.cancel(created.id);
    expect(cancelling.status).toBe("cancelling");
    expect(cancelling.cancelling_at).toBeTypeOf("number");
    test.emulator.advanceClock(2_000);
    const batch = await test.client.batches.retrieve(created.id);
    expect(batch.status).toBe("cancelled");
    const output = await readJsonl(test, batch.output_file_id!);
    const errors = await readJsonl(test, batch.error_file_id!);
    expect(output.length).toBeGreaterThan(0);
    expect(errors.length).toBeGreaterThan(0);
    expect(output.length + errors.length).toBe(20);
    expect(errors.every((line) => line.response === null && line.error.code === "batch_cancelled")).toBe(true);
    expect(batch.request_counts?.completed).toBe(output.length);
  });

  test("cancelling a completed batch is a 400 invalid_request_error", async () => {
    const test = await start();
    const batch = await finishNow(test, (await createBatch(test, chatLines(1))).id);
    await expect(test.client.batches.cancel(batch.id)).rejects.toMatchObject({ status: 400, type: "invalid_request_error" });
  });

  test("the control API expires a running batch with partial output and batch_expired error lines", async () => {
    const test = await start({ batchMs: 10_000 });
    const created = await createBatch(test, chatLines(20));
    test.emulator.advanceClock(5_000);
    const response = await fetch(`${test.emulator.url}/_emulator/batches/${created.id}/expire`, { method: "POST" });
    expect(response.status).toBe(200);
    const batch = await test.client.batches.retrieve(created.id);
    expect(batch.status).toBe("expired");
    expect(batch.expired_at).toBeTypeOf("number");
    const output = await readJsonl(test, batch.output_file_id!);
    const errors = await readJsonl(test, batch.error_file_id!);
    expect(output.length + errors.length).toBe(20);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({
      response: null,
      error: { code: "batch_expired", message: "This request could not be executed before the completion window expired." },
    });
  });

  test("deleting the input file does not break a batch that is still running", async () => {
    const test = await start({ batchMs: 10_000 });
    const created = await createBatch(test, chatLines(3));
    await test.client.files.delete(created.input_file_id);
    const batch = await finishNow(test, created.id);
    expect(batch.status).toBe("completed");
    expect(await readJsonl(test, batch.output_file_id!)).toHaveLength(3);
  });

  test.each([
    [{ completion_window: "48h" }, "completion_window"],
    [{ endpoint: "/v1/nope" }, "endpoint"],
    [{ metadata: { n: 5 } }, "metadata.n"],
  ])("batches.create with a bad field (%j) is a 400 naming the field", async (override, param) => {
    const test = await start();
    const fileId = await uploadLines(test, chatLines(1));
    const body = { input_file_id: fileId, endpoint: "/v1/chat/completions", completion_window: "24h", ...override } as never;
    await expect(test.client.batches.create(body)).rejects.toMatchObject({ status: 400, param });
  });

  test("an unknown batch id is a 404 NotFoundError", async () => {
    const test = await start();
    await expect(test.client.batches.retrieve("batch_missing")).rejects.toMatchObject({ status: 404, message: expect.stringContaining("batch_missing") });
  });
});
