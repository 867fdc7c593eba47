import { afterEach, describe, expect, test } from "vitest";
import { APIConnectionError } from "openai";
import { parseFaultSpec, startEmulator } from "../../src/emulator/index.js";
import { chatLines, createBatch, finishNow, readJsonl, startTestEmulator, uploadLines, type TestEmulator } from "./support.js";

const started: TestEmulator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((test) => test.close()));
});

async function start(options: Parameters<typeof startTestEmulator>[0] = {}, maxRetries = 2): Promise<TestEmulator> {
  const test = await startTestEmulator(options, { maxRetries });
  started.push(test);
  return test;
}

async function script(test: TestEmulator, entries: unknown[]): Promise<void> {
  const response = await fetch(`${test.emulator.url}/_emulator/faults`, { method: "POST", body: JSON.stringify({ script: entries }) });
  expect(response.status).toBe(200);
}

describe("fault spec grammar", () => {
  test("parses kind:rate rules, slow's @ms with a 500 ms default, and empty specs", () => {
    expect(parseFaultSpec(" 429:0.1, slow:0.2@300 ,drop_after:1,partial:0").rules).toEqual([
      { kind: "429", rate: 0.1 },
      { kind: "slow", rate: 0.2, delayMs: 300 },
      { kind: "drop_after", rate: 1 },
      { kind: "partial", rate: 0 },
    ]);
    expect(parseFaultSpec("slow:0.5").rules).toEqual([{ kind: "slow", rate: 0.5, delayMs: 500 }]);
    expect(parseFaultSpec("")).toEqual({ rules: [], script: [] });
    expect(parseFaultSpec("none")).toEqual({ rules: [], script: [] });
  });

  test("accepts the JSON form with a script", () => {
    const spec = parseFaultSpec('{"spec":"500:0.1","script":[{"method":"post","path":"/openai/v1/batches","fault":"drop_after"}]}');
    expect(spec.rules).toEqual([{ kind: "500", rate: 0.1 }]);
    expect(spec.script).toEqual([{ method: "POST", path: "/openai/v1/batches", fault: "drop_after", times: 1 }]);
  });

  test.each([
    ["429", /"429".*kind:rate/],
    ["429:1.5", /"429:1.5".*from 0 to 1/],
    ["boom:0.1", /unknown kind "boom"/],
    ["500:0.1@20", /only slow takes "@ms"/],
    ["429:0.1,429:0.2", /given twice/],
    ["slow:0.1@soon", /whole milliseconds/],
    ['{"script":[{"path":"/x","fault":"partial"}]}', /script\[0\]\.fault "partial"/],
  ])("rejects %s with an error naming the bad part", (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(message);
  });

  test("startEmulator refuses a bad fault spec before listening", async () => {
    await expect(startEmulator({ faults: "429:lots" })).rejects.toThrow(/rate "lots"/);
  });
});

describe("request faults against the official SDK", () => {
  test("429s carry retry-after headers and the SDK retries through them", async () => {
    const test = await start({ faults: "429:0.3" }, 6);
    for (let index = 0; index < 10; index++) {
      const completion = await test.client.chat.completions.create({ model: "m", messages: [{ role: "user", content: `q${index}` }] });
      expect(completion.choices[0].message.content).toBe(`Echo: q${index}`);
    }
    const stats = test.emulator.stats().openai;
    expect(stats.faults_injected).toBeGreaterThan(0);
    expect(stats.requests).toBe(10 + stats.faults_injected);
    expect(stats.chat_completions).toBe(10);
  });

  test("a scripted 429 answers with the spec's body and short retry headers", async () => {
    const test = await start();
    await script(test, [{ path: "/openai/v1/chat/completions", fault: "429" }]);
    const response = await fetch(`${test.emulator.url}/openai/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer k", "content-type": "application/json" },
      body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(response.status).toBe(429);
    expect(["0", "1"]).toContain(response.headers.get("retry-after"));
    const waitMs = Number(response.headers.get("retry-after-ms"));
    expect(waitMs).toBeGreaterThanOrEqual(50);
    expect(waitMs).toBeLessThanOrEqual(200);
    expect((await response.json()).error).toMatchObject({ type: "requests", code: "rate_limit_exceeded" });
  });

  test("drop_after on batches.create creates the batch although the client sees a connection error", async () => {
    const test = await start({}, 0);
    const fileId = await uploadLines(test, chatLines(2));
    await script(test, [{ method: "POST", path: "/openai/v1/batches", fault: "drop_after", times: 1 }]);
    const attempt = test.client.batches.create({ input_file_id: fileId, endpoint: "/v1/chat/completions", completion_window: "24h", metadata: { chunk: "c1" } });
    await expect(attempt).rejects.toBeInstanceOf(APIConnectionError);
    expect(test.emulator.stats().openai).toMatchObject({ batches_created: 1, faults_injected: 1 });
    const listed = await test.client.batches.list();
    expect(listed.data.map((batch) => batch.metadata)).toEqual([{ chunk: "c1" }]);
  });

  test("drop before handling does nothing, and the SDK's retry then succeeds", async () => {
    const test = await start({}, 2);
    await script(test, [{ method: "POST", path: "/openai/v1/batches", fault: "drop" }]);
    const fileId = await uploadLines(test, chatLines(1));
    const batch = await test.client.batches.create({ input_file_id: fileId, endpoint: "/v1/chat/completions", completion_window: "24h" });
    expect(batch.status).toBe("validating");
    expect(test.emulator.stats().openai).toMatchObject({ batches_created: 1, faults_injected: 1 });
  });

  test("scripted 500 and 503 on a path pattern are retried by the SDK", async () => {
    const test = await start({}, 3);
    const created = await createBatch(test, chatLines(1));
    await script(test, [
      { method: "GET", path: "/openai/v1/batches/*", fault: "500" },
      { method: "GET", path: "/openai/v1/batches/*", fault: "503" },
    ]);
    const batch = await test.client.batches.retrieve(created.id);
    expect(batch.id).toBe(created.id);
    expect(test.emulator.stats().openai.faults_injected).toBe(2);
  });

  test("slow delays the response by the given milliseconds", async () => {
    const test = await start();
    await script(test, [{ path: "/openai/v1/files", fault: "slow@300" }]);
    const started = Date.now();
    await test.client.files.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  test("the control API is never faulted or counted", async () => {
    const test = await start({ faults: "500:1,drop:1" });
    const response = await fetch(`${test.emulator.url}/_emulator/stats`);
    expect(response.status).toBe(200);
    expect((await response.json()).openai.requests).toBe(0);
  });
});

describe("batch faults", () => {
  test("partial fails some rows with a 500 response line in the error file", async () => {
    const test = await start({ faults: "partial:0.5" });
    const batch = await finishNow(test, (await createBatch(test, chatLines(40))).id);
    expect(batch.status).toBe("completed");
    const errors = await readJsonl(test, batch.error_file_id!);
    const output = await readJsonl(test, batch.output_file_id!);
    expect(errors.length).toBeGreaterThan(5);
    expect(errors.length + output.length).toBe(40);
    expect(errors[0]).toMatchObject({ error: null, response: { status_code: 500, body: { error: { type: "server_error" } } } });
    expect(batch.request_counts).toEqual({ total: 40, completed: output.length, failed: errors.length });
    expect(test.emulator.stats().openai.faults_injected).toBe(errors.length);
  });

  test("malformed writes some output lines that do not parse", async () => {
    const test = await start({ faults: "malformed:0.5" });
    const batch = await finishNow(test, (await createBatch(test, chatLines(40))).id);
    const text = await (await test.client.files.content(batch.output_file_id!)).text();
    const lines = text.split("\n").filter(Boolean);
    const broken = lines.filter((line) => {
      try {
        JSON.parse(line);
        return false;
      } catch {
        return true;
      }
    });
    expect(lines).toHaveLength(40);
    expect(broken.length).toBeGreaterThan(5);
    expect(broken.length).toBeLessThan(40);
  });

  test("expire makes the batch end expired at its finish time, with done rows in the output", async () => {
    const test = await start({ faults: "expire:1" });
    const batch = await finishNow(test, (await createBatch(test, chatLines(30))).id);
    expect(batch.status).toBe("expired");
    expect(batch.finalizing_at).toBeNull();
    const output = await readJsonl(test, batch.output_file_id!);
    const errors = await readJsonl(test, batch.error_file_id!);
    expect(output.length).toBeGreaterThan(0);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((line) => line.error?.code === "batch_expired")).toBe(true);
  });

  test("the same seed gives the same failed rows; faults in force at creation apply", async () => {
    const failedIds = async (seed: number): Promise<string[]> => {
      const test = await start({ seed, faults: "partial:0.3" });
      const created = await createBatch(test, chatLines(40));
      test.emulator.setFaults("none"); // too late: the batch keeps the rates it was created with
      const batch = await finishNow(test, created.id);
      return (await readJsonl(test, batch.error_file_id!)).map((line) => line.custom_id).sort();
    };
    const first = await failedIds(7);
    expect(first.length).toBeGreaterThan(0);
    expect(await failedIds(7)).toEqual(first);
    expect(await failedIds(8)).not.toEqual(first);
  });
});
