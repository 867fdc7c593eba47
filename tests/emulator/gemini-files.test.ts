import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { useGoogleEmulator } from "./google-support.js";

const start = useGoogleEmulator();

describe("Gemini Files API through @google/genai", () => {
  test("a file uploaded from a path is ACTIVE with its size, mime type and display name, and can be fetched again", async () => {
    const test = await start();
    const path = join(test.dir, "in.jsonl");
    await writeFile(path, '{"key":"k1","request":{"contents":[{"parts":[{"text":"Hello"}]}]}}\n');
    const file = await test.gemini.files.upload({ file: path, config: { mimeType: "jsonl", displayName: "batch-input" } });
    expect(file).toMatchObject({ mimeType: "jsonl", displayName: "batch-input", sizeBytes: "67", state: "ACTIVE", source: "UPLOADED" });
    expect(file.name).toMatch(/^files\/[a-z0-9]+$/);
    expect(file.uri).toBe(`${test.emulator.url}/gemini/v1/${file.name}`);
    expect(Date.parse(file.expirationTime!) - Date.parse(file.createTime!)).toBe(48 * 3600 * 1000);
    expect(await test.gemini.files.get({ name: file.name! })).toMatchObject({ name: file.name, sizeBytes: "67" });
    expect(test.emulator.stats().gemini.files_uploaded).toBe(1);
  });

  test("a 9 MiB upload arrives in two chunks (8 MiB, then the rest with finalize) and downloads byte for byte", async () => {
    const test = await start();
    const data = Buffer.alloc(9 * 1024 * 1024);
    for (let index = 0; index < data.length; index += 4096) data.write(`${index}\n`, index);
    const blob = new Blob([data], { type: "application/octet-stream" });
    const before = test.emulator.stats().gemini.requests;
    const file = await test.gemini.files.upload({ file: blob, config: { mimeType: "application/octet-stream" } });
    expect(test.emulator.stats().gemini.requests - before).toBe(3); // start + two chunks
    expect(file.sizeBytes).toBe(String(data.length));
    const path = join(test.dir, "copy.bin");
    await test.gemini.files.download({ file: file.name!, downloadPath: path });
    expect((await readFile(path)).equals(data)).toBe(true);
  });

  test("files can be listed page by page and deleted; a deleted file is a 403 like on the real API", async () => {
    const test = await start();
    const names: string[] = [];
    for (let index = 0; index < 3; index++) {
      names.push((await test.gemini.files.upload({ file: new Blob([`line ${index}\n`]), config: { mimeType: "text/plain" } })).name!);
    }
    const listed: string[] = [];
    for await (const file of await test.gemini.files.list({ config: { pageSize: 2 } })) listed.push(file.name!);
    expect(listed).toEqual([...names].reverse());
    await test.gemini.files.delete({ name: names[0] });
    await expect(test.gemini.files.get({ name: names[0] })).rejects.toMatchObject({ status: 403, message: expect.stringContaining("PERMISSION_DENIED") });
  });

  test("files expire 48 hours after upload on the emulator clock", async () => {
    const test = await start();
    const file = await test.gemini.files.upload({ file: new Blob(["x"]), config: { mimeType: "text/plain" } });
    test.emulator.advanceClock(48 * 3600 * 1000);
    await expect(test.gemini.files.get({ name: file.name! })).rejects.toMatchObject({ status: 403 });
  });

  test("a finalize with fewer bytes than declared is refused", async () => {
    const test = await start();
    const base = `${test.emulator.url}/gemini`;
    const headers = { "x-goog-api-key": "k", "content-type": "application/json" };
    const started = await fetch(`${base}/upload/v1beta/files`, {
      method: "POST",
      headers: { ...headers, "x-goog-upload-protocol": "resumable", "x-goog-upload-command": "start", "x-goog-upload-header-content-length": "10" },
      body: JSON.stringify({ file: { mimeType: "text/plain" } }),
    });
    const uploadUrl = started.headers.get("x-goog-upload-url")!;
    expect(uploadUrl).toMatch(new RegExp(`^${base}/upload/v1beta/files\\?upload_id=`));
    const finished = await fetch(uploadUrl, { method: "POST", headers: { ...headers, "x-goog-upload-command": "upload, finalize", "x-goog-upload-offset": "0" }, body: "short" });
    expect(finished.status).toBe(400);
    expect((await finished.json()).error.message).toContain("declared 10 bytes but 5 arrived");
  });
});
