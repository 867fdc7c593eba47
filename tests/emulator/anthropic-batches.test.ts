import { afterEach, describe, expect, test } from "vitest";
import { BadRequestError, NotFoundError } from "@anthropic-ai/sdk";
import { batchRequest, batchRequests, closeAll, collectResults, errorMessage, startAnthropic } from "./anthropic-support.js";

afterEach(closeAll);

const RFC_3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

describe("Anthropic Message Batches", () => {
  test("a batch is in_progress with every request processing, then ends with one result per custom_id", async () => {
    const test = await startAnthropic();
    const created = await test.client.messages.batches.create({ requests: batchRequests(12) });
    expect(created).toMatchObject({ type: "message_batch", processing_status: "in_progress", results_url: null, ended_at: null, archived_at: null });
    expect(created.id).toMatch(/^msgbatch_/);
    expect(created.request_counts).toEqual({ processing: 12, succeeded: 0, errored: 0, canceled: 0, expired: 0 });
    expect(created.created_at).toMatch(RFC_3339);
    expect(Date.parse(created.expires_at) - Date.parse(created.created_at)).toBe(24 * 60 * 60 * 1000);

    test.emulator.advanceClock(60_000);
    const ended = await test.client.messages.batches.retrieve(created.id);
    expect(ended.processing_status).toBe("ended");
    expect(ended.ended_at).toMatch(RFC_3339);
    expect(ended.request_counts).toEqual({ processing: 0, succeeded: 12, errored: 0, canceled: 0, expired: 0 });
    expect(ended.results_url).toBe(`${test.emulator.url}/anthropic/v1/messages/batches/${created.id}/results`);

    const results = await collectResults(test, created.id);
    expect(results.map((result) => result.custom_id).sort()).toEqual(batchRequests(12).map((request) => request.custom_id).sort());
    const first = results.find((result) => result.custom_id === "row-3")!;
    expect(first.result).toMatchObject({
      type: "succeeded",
      message: { type: "message", role: "assistant", model: "claude-sonnet-4-5", content: [{ type: "text", text: "Echo: question row-3" }], stop_reason: "end_turn" },
    });
    if (first.result.type !== "succeeded") throw new Error("expected a succeeded result");
    expect(first.result.message.usage.input_tokens).toBeGreaterThan(0);
    expect(test.emulator.stats().anthropic).toMatchObject({ batches_created: 1, faults_injected: 0 });
  });

  test("the results file is shuffled JSONL without blank lines", async () => {
    const test = await startAnthropic();
    const created = await test.client.messages.batches.create({ requests: batchRequests(30) });
    test.emulator.advanceClock(60_000);
    const { results_url: url } = await test.client.messages.batches.retrieve(created.id);
    const text = await (await fetch(url!, { headers: { "x-api-key": "k" } })).text();
    expect(text.endsWith("\n")).toBe(true);
    const lines = text.slice(0, -1).split("\n");
    expect(lines.every((line) => line.trim() !== "")).toBe(true);
    const order = lines.map((line) => JSON.parse(line).custom_id as string);
    expect(order).toHaveLength(30);
    expect(order).not.toEqual(batchRequests(30).map((request) => request.custom_id));
  });

  test("a bad custom_id is a 400 invalid_request_error naming the request, and nothing is created", async () => {
    const test = await startAnthropic();
    const attempt = test.client.messages.batches.create({ requests: [batchRequest("ok-1"), batchRequest("has space"), batchRequest("x".repeat(65))] });
    await expect(attempt).rejects.toBeInstanceOf(BadRequestError);
    const error = (await attempt.catch((caught: unknown) => caught)) as BadRequestError;
    expect(error.error).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
    const message = await errorMessage(attempt);
    expect(message).toContain(`requests.1.custom_id: "has space" must be 1-64 characters`);
    expect(message).toContain("requests.2.custom_id");
    expect(message).not.toContain("requests.0");
    expect((await test.client.messages.batches.list()).data).toHaveLength(0);
  });

  test("a duplicate custom_id and missing params are 400s naming both places", async () => {
    const test = await startAnthropic();
    const duplicate = test.client.messages.batches.create({ requests: [batchRequest("a"), batchRequest("b"), batchRequest("a")] });
    expect(await errorMessage(duplicate)).toBe(`requests.2.custom_id: "a" repeats requests.0; custom_id must be unique within a batch`);
    const missing = { custom_id: "c", params: { model: "claude-sonnet-4-5", messages: [{ role: "user", content: "hi" }] } };
    expect(await errorMessage(test.client.messages.batches.create({ requests: [missing as never] }))).toBe("requests.0.params.max_tokens: Field required");
    await expect(test.client.messages.batches.create({ requests: [] })).rejects.toMatchObject({ status: 400 });
  });

  test("more than 100,000 requests is a 400 naming the limit", async () => {
    const test = await startAnthropic();
    const requests = Array.from({ length: 100_001 }, (_, index) => ({ custom_id: `r${index}`, params: {} }));
    const response = await fetch(`${test.emulator.url}/anthropic/v1/messages/batches`, {
      method: "POST",
      headers: { "x-api-key": "k", "content-type": "application/json" },
      body: JSON.stringify({ requests }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toEqual({ type: "invalid_request_error", message: expect.stringContaining("at most 100000") });
  });

  test("list pages newest first with after_id and before_id", async () => {
    const test = await startAnthropic();
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) ids.push((await test.client.messages.batches.create({ requests: [batchRequest(`r${index}`)] })).id);
    const newestFirst = [...ids].reverse();
    const page = await test.client.messages.batches.list({ limit: 2 });
    expect(page.data.map((batch) => batch.id)).toEqual(newestFirst.slice(0, 2));
    expect(page).toMatchObject({ has_more: true, first_id: newestFirst[0], last_id: newestFirst[1] });
    const all: string[] = [];
    for await (const batch of test.client.messages.batches.list({ limit: 2 })) all.push(batch.id);
    expect(all).toEqual(newestFirst);
    const before = await test.client.messages.batches.list({ limit: 2, before_id: newestFirst[3] });
    expect(before.data.map((batch) => batch.id)).toEqual(newestFirst.slice(1, 3));
    expect(before.has_more).toBe(true);
  });

  test("cancel moves to canceling, then ended with canceled results", async () => {
    const test = await startAnthropic({ batchMs: 10_000 });
    const created = await test.client.messages.batches.create({ requests: batchRequests(8) });
    const canceling = await test.client.messages.batches.cancel(created.id);
    expect(canceling.processing_status).toBe("canceling");
    expect(canceling.cancel_initiated_at).toMatch(RFC_3339);
    expect(canceling.request_counts.processing).toBe(8);
    test.emulator.advanceClock(1_000);
    const ended = await test.client.messages.batches.retrieve(created.id);
    expect(ended.processing_status).toBe("ended");
    expect(ended.request_counts).toMatchObject({ processing: 0, canceled: 8, succeeded: 0 });
    const results = await collectResults(test, created.id);
    expect(results.map((result) => result.result.type)).toEqual(Array(8).fill("canceled"));
    await expect(test.client.messages.batches.cancel(created.id)).rejects.toBeInstanceOf(BadRequestError);
  });

  test("delete is refused while processing and allowed once ended", async () => {
    const test = await startAnthropic();
    const created = await test.client.messages.batches.create({ requests: batchRequests(2) });
    const refused = test.client.messages.batches.delete(created.id);
    await expect(refused).rejects.toBeInstanceOf(BadRequestError);
    expect(await errorMessage(refused)).toMatch(/still in_progress; a batch can be deleted once processing has ended/);
    test.emulator.advanceClock(60_000);
    expect(await test.client.messages.batches.delete(created.id)).toEqual({ id: created.id, type: "message_batch_deleted" });
    await expect(test.client.messages.batches.retrieve(created.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  test("rows with params the API rejects end as errored results, the others succeed", async () => {
    const test = await startAnthropic();
    const bad = { custom_id: "bad", params: { model: "m", max_tokens: 5, messages: [{ role: "user", content: [{ type: "tool_use", id: "t", name: "x", input: {} }] }] } };
    const created = await test.client.messages.batches.create({ requests: [batchRequest("good"), bad as never] });
    test.emulator.advanceClock(60_000);
    const results = Object.fromEntries((await collectResults(test, created.id)).map((result) => [result.custom_id, result.result]));
    expect(results.good.type).toBe("succeeded");
    expect(results.bad).toMatchObject({ type: "errored", error: { type: "error", error: { type: "invalid_request_error" } } });
    expect(JSON.stringify(results.bad)).toContain("requests.1.params.messages.0.content.0");
  });

  test("the expire control ends a running batch with the unprocessed rows expired", async () => {
    const test = await startAnthropic({ batchMs: 100_000 });
    const created = await test.client.messages.batches.create({ requests: batchRequests(10) });
    test.emulator.advanceClock(50_000);
    const response = await fetch(`${test.emulator.url}/_emulator/batches/${created.id}/expire`, { method: "POST" });
    expect(response.status).toBe(200);
    const ended = await test.client.messages.batches.retrieve(created.id);
    expect(ended.request_counts).toMatchObject({ succeeded: 5, expired: 5, processing: 0 });
    const types = (await collectResults(test, created.id)).map((result) => result.result.type).sort();
    expect(types).toEqual([...Array(5).fill("expired"), ...Array(5).fill("succeeded")]);
  });

  test("malformed cuts some result lines, which the SDK's results iterator cannot parse", async () => {
    const test = await startAnthropic({ faults: "malformed:0.5" });
    const created = await test.client.messages.batches.create({ requests: batchRequests(20) });
    test.emulator.advanceClock(60_000);
    const { results_url: url } = await test.client.messages.batches.retrieve(created.id);
    const lines = (await (await fetch(url!, { headers: { "x-api-key": "k" } })).text()).split("\n").filter(Boolean);
    const broken = lines.filter((line) => !isJson(line));
    expect(lines).toHaveLength(20);
    expect(broken.length).toBeGreaterThan(0);
    expect(broken.length).toBeLessThan(20);
    await expect(collectResults(test, created.id)).rejects.toThrow();
    expect(test.emulator.stats().anthropic.faults_injected).toBe(broken.length);
  });

  test("partial and expire faults give errored and expired rows and count as faults", async () => {
    const test = await startAnthropic({ faults: "partial:0.5,expire:1" });
    const created = await test.client.messages.batches.create({ requests: batchRequests(40) });
    test.emulator.advanceClock(60_000);
    const ended = await test.client.messages.batches.retrieve(created.id);
    const counts = ended.request_counts;
    expect(counts.expired).toBeGreaterThan(0);
    expect(counts.errored).toBeGreaterThan(0);
    expect(counts.succeeded + counts.errored + counts.expired).toBe(40);
    const errored = (await collectResults(test, created.id)).find((result) => result.result.type === "errored");
    expect(errored?.result).toMatchObject({ error: { error: { type: "api_error" } } });
    expect(test.emulator.stats().anthropic.faults_injected).toBe(counts.errored + 1);
  });
});

function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}
