import { afterEach, describe, expect, test } from "vitest";
import { chatLines, createBatch, finishNow, startTestEmulator, type TestEmulator } from "./support.js";

let current: TestEmulator | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

async function start(): Promise<TestEmulator> {
  current = await startTestEmulator();
  return current;
}

async function control(test: TestEmulator, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${test.emulator.url}/_emulator${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}

describe("control API", () => {
  test("stats count the surface's requests, uploads, batches and chat completions", async () => {
    const test = await start();
    await createBatch(test, chatLines(2)); // upload + create = 2 requests
    await test.client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "hi" }] });
    await test.client.files.list();
    const expected = { requests: 4, files_uploaded: 1, batches_created: 1, chat_completions: 1, rate_limited: 0, faults_injected: 0 };
    expect(test.emulator.stats().openai).toEqual(expected);
    expect((await control(test, "GET", "/stats")).json.openai).toEqual(expected);
  });

  test("reset zeroes the stats but keeps files and batches", async () => {
    const test = await start();
    const created = await createBatch(test, chatLines(1));
    const reset = await control(test, "POST", "/reset");
    expect(reset.json.openai).toMatchObject({ requests: 0, batches_created: 0, files_uploaded: 0 });
    expect((await test.client.batches.retrieve(created.id)).id).toBe(created.id);
  });

  test("the clock endpoint moves emulator time forward and finishes batches", async () => {
    const test = await start();
    const created = await createBatch(test, chatLines(1));
    const before = await control(test, "GET", "/clock");
    const moved = await control(test, "POST", "/clock", { advanceMs: 60_000 });
    expect(moved.json.offset_ms - before.json.offset_ms).toBe(60_000);
    expect((await test.client.batches.retrieve(created.id)).status).toBe("completed");
    expect((await control(test, "POST", "/clock", { advanceMs: -5 })).status).toBe(400);
  });

  test("faults can be set by spec or script, read back, and a bad spec is a 400 naming the part", async () => {
    const test = await start();
    const set = await control(test, "POST", "/faults", { spec: "429:0.5", script: [{ path: "/openai/v1/files", fault: "500", times: 2 }] });
    expect(set.json).toEqual({ spec: "429:0.5", script: [{ path: "/openai/v1/files", fault: "500", times: 2 }] });
    const bad = await control(test, "POST", "/faults", { spec: "429:0.5,explode:1" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain('unknown kind "explode"');
    expect((await control(test, "GET", "/faults")).json.spec).toBe("429:0.5");
  });

  test("expiring an unknown batch is a 404 and a finished one a 409", async () => {
    const test = await start();
    expect((await control(test, "POST", "/batches/batch_nope/expire")).status).toBe(404);
    const batch = await finishNow(test, (await createBatch(test, chatLines(1))).id);
    const finished = await control(test, "POST", `/batches/${batch.id}/expire`);
    expect(finished.status).toBe(409);
    expect(finished.json.error.message).toContain("completed");
  });

  test("an unknown control path is a 404 listing the endpoints", async () => {
    const test = await start();
    const response = await control(test, "GET", "/nothing");
    expect(response.status).toBe(404);
    expect(response.json.error.message).toContain("/_emulator/stats");
  });
});
