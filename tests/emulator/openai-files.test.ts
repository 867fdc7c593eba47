import { request } from "node:http";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { createReadStream } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { toFile } from "openai";
import { startTestEmulator, type TestEmulator } from "./support.js";

let current: TestEmulator | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

async function start(options: Parameters<typeof startTestEmulator>[0] = {}): Promise<TestEmulator> {
  current = await startTestEmulator(options);
  return current;
}

describe("OpenAI files through the official SDK", () => {
  test("an uploaded file keeps its name, size and bytes, and has the spec's file object", async () => {
    const test = await start();
    const bytes = Buffer.from('{"a":1}\n{"b":"é"}\n');
    const file = await test.client.files.create({ file: await toFile(bytes, "in2.jsonl"), purpose: "batch" });
    expect(file).toMatchObject({ object: "file", bytes: bytes.length, filename: "in2.jsonl", purpose: "batch", status: "processed", status_details: null });
    expect(file.id).toMatch(/^file-/);
    expect(file.expires_at! - file.created_at).toBe(30 * 24 * 3600);
    expect(await test.client.files.retrieve(file.id)).toEqual(file);
    const content = Buffer.from(await (await test.client.files.content(file.id)).arrayBuffer());
    expect(content.equals(bytes)).toBe(true);
  });

  test("a 5 MB file uploaded as a chunked stream comes back byte for byte", async () => {
    const test = await start();
    const path = join(test.dir, "big.jsonl");
    const line = JSON.stringify({ text: "x".repeat(1000) }) + "\n";
    await writeFile(path, line.repeat(5000));
    const file = await test.client.files.create({ file: createReadStream(path), purpose: "batch" });
    expect(file.bytes).toBe(line.length * 5000);
    const text = await (await test.client.files.content(file.id)).text();
    expect(text === line.repeat(5000)).toBe(true);
  });

  test("a multipart body arriving one byte per chunk is parsed the same", async () => {
    const test = await start();
    const boundary = "openai-tiny";
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="tiny.jsonl"\r\nContent-Type: application/octet-stream\r\n\r\n` +
        `{"x":"--${boundary}-not-a-boundary"}\n\r\n--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n--${boundary}--\r\n`,
    );
    const status = await new Promise<{ status: number; json: any }>((resolve, reject) => {
      const req = request(`${test.emulator.url}/openai/v1/files`, {
        method: "POST",
        headers: { authorization: "Bearer sk-test", "content-type": `multipart/form-data; boundary=${boundary}`, "transfer-encoding": "chunked" },
      });
      req.on("response", (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
      });
      req.on("error", reject);
      const send = (index: number): void => {
        if (index >= body.length) return void req.end();
        req.write(body.subarray(index, index + 1), () => send(index + 1));
      };
      send(0);
    });
    expect(status.status).toBe(200);
    const content = await (await test.client.files.content(status.json.id)).text();
    expect(content).toBe(`{"x":"--${boundary}-not-a-boundary"}\n`);
  });

  test("listing files filters by purpose, orders, and pages with after", async () => {
    const test = await start();
    const ids: string[] = [];
    for (const name of ["a.jsonl", "b.jsonl", "c.jsonl"]) {
      ids.push((await test.client.files.create({ file: await toFile(Buffer.from("{}\n"), name), purpose: "batch" })).id);
    }
    await test.client.files.create({ file: await toFile(Buffer.from("x"), "notes.txt"), purpose: "user_data" });
    const all: string[] = [];
    for await (const file of test.client.files.list({ purpose: "batch", limit: 2, order: "asc" })) all.push(file.id);
    expect(all).toEqual(ids);
    const newest = await test.client.files.list({ purpose: "batch", limit: 1 });
    expect(newest.data.map((file) => file.id)).toEqual([ids[2]]);
  });

  test("a deleted file is gone: delete answers deleted, then retrieve is a 404 'No such File object'", async () => {
    const test = await start();
    const file = await test.client.files.create({ file: await toFile(Buffer.from("{}\n"), "x.jsonl"), purpose: "batch" });
    expect(await test.client.files.delete(file.id)).toEqual({ id: file.id, object: "file", deleted: true });
    await expect(test.client.files.retrieve(file.id)).rejects.toMatchObject({ status: 404, message: `404 No such File object: ${file.id}` });
  });

  test("a batch-purpose upload that is not .jsonl is refused with a 400 naming the file", async () => {
    const test = await start();
    await expect(test.client.files.create({ file: await toFile(Buffer.from("{}"), "data.csv"), purpose: "batch" })).rejects.toMatchObject({
      status: 400,
      param: "file",
    });
  });

  test("an upload with an unknown purpose is refused with a 400 on purpose", async () => {
    const test = await start();
    await expect(test.client.files.create({ file: await toFile(Buffer.from("{}"), "a.jsonl"), purpose: "nonsense" as never })).rejects.toMatchObject({
      status: 400,
      param: "purpose",
    });
  });

  test("an upload cut off mid-body leaves no file behind and the server keeps serving", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "batchlab-emulator-data-"));
    try {
      const test = await start({ dataDir });
      const req = request(`${test.emulator.url}/openai/v1/files`, {
        method: "POST",
        headers: { authorization: "Bearer sk-test", "content-type": "multipart/form-data; boundary=cut", "transfer-encoding": "chunked" },
      });
      req.on("error", () => undefined);
      req.write('--cut\r\nContent-Disposition: form-data; name="file"; filename="a.jsonl"\r\n\r\n{"partial":');
      await new Promise((resolve) => setTimeout(resolve, 50));
      req.destroy();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await readdir(join(dataDir, "openai", "uploads"))).toEqual([]);
      expect((await test.client.files.list()).data).toEqual([]);
    } finally {
      await current?.close();
      current = undefined;
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
