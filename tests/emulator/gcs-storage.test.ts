import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CRC32C, type File } from "@google-cloud/storage";
import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { setFaultScript, useGoogleEmulator } from "./google-support.js";

const start = useGoogleEmulator({ buckets: ["bkt"] });

function crc32cOf(data: Buffer): string {
  const crc = new CRC32C();
  crc.update(data);
  return crc.toString();
}

describe("Cloud Storage through @google-cloud/storage", () => {
  test("a resumable upload from a file passes the SDK's CRC32C check and reports size, crc32c and md5Hash", async () => {
    const test = await start();
    const data = Buffer.from(Array.from({ length: 500 }, (_, index) => `{"request":{"n":${index}}}`).join("\n") + "\n");
    const path = join(test.dir, "input.jsonl");
    await writeFile(path, data);
    const [file] = await test.storage.bucket("bkt").upload(path, { destination: "in/input.jsonl", contentType: "application/jsonl" });
    const [metadata] = await file.getMetadata();
    expect(metadata).toMatchObject({
      name: "in/input.jsonl",
      bucket: "bkt",
      size: String(data.length),
      contentType: "application/jsonl",
      crc32c: crc32cOf(data),
      md5Hash: createHash("md5").update(data).digest("base64"),
    });
    const [downloaded] = await file.download();
    expect(downloaded.equals(data)).toBe(true);
    expect(test.emulator.stats().gcs).toMatchObject({ objects_uploaded: 1, bytes_uploaded: data.length });
  });

  test("a chunked resumable upload goes through 308 Range replies and stores every byte", async () => {
    const test = await start();
    const data = Buffer.alloc(600 * 1024, "chunked data ");
    const file = test.storage.bucket("bkt").file("chunked.bin");
    await file.save(data, { resumable: true, chunkSize: 256 * 1024 });
    const [downloaded] = await file.download();
    expect(downloaded.length).toBe(data.length);
    expect(downloaded.equals(data)).toBe(true);
  });

  test("a multipart upload keeps the content type and an empty object is fine", async () => {
    const test = await start();
    const bucket = test.storage.bucket("bkt");
    await bucket.file("in/simple.jsonl").save('{"b":2}\n', { resumable: false, contentType: "application/jsonl" });
    await bucket.file("empty.txt").save("", { resumable: false });
    const [metadata] = await bucket.file("in/simple.jsonl").getMetadata();
    expect(metadata.contentType).toBe("application/jsonl");
    expect((await bucket.file("in/simple.jsonl").download())[0].toString()).toBe('{"b":2}\n');
    expect((await bucket.file("empty.txt").download())[0].length).toBe(0);
  });

  test("uploadType=media stores the raw body under ?name=", async () => {
    const test = await start();
    const response = await fetch(`${test.emulator.url}/gcs/upload/storage/v1/b/bkt/o?uploadType=media&name=raw%2Fa.txt`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "raw bytes",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ name: "raw/a.txt", size: "9", contentType: "text/plain", crc32c: crc32cOf(Buffer.from("raw bytes")) });
  });

  test("a ranged download returns just those bytes", async () => {
    const test = await start();
    const file = test.storage.bucket("bkt").file("digits.txt");
    await file.save("0123456789");
    expect((await file.download({ start: 2, end: 5 }))[0].toString()).toBe("2345");
    const response = await fetch(`${test.emulator.url}/gcs/storage/v1/b/bkt/o/digits.txt?alt=media`, { headers: { range: "bytes=-3" } });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe("bytes 7-9/10");
    expect(await response.text()).toBe("789");
  });

  test("listing with a prefix pages through more than one page, and a delimiter rolls names into prefixes", async () => {
    const test = await start();
    const bucket = test.storage.bucket("bkt");
    for (const name of ["in/a.jsonl", "in/b.jsonl", "in/c.jsonl", "in/sub/d.jsonl", "in/sub/e.jsonl", "out/x.jsonl"]) await bucket.file(name).save("x", { resumable: false });
    const seen: string[] = [];
    let query: Record<string, unknown> | null = { prefix: "in/", maxResults: 2, autoPaginate: false };
    let pages = 0;
    while (query) {
      const [files, next]: [File[], Record<string, unknown> | null] = (await bucket.getFiles(query)) as never;
      seen.push(...files.map((file) => file.name));
      query = next;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(["in/a.jsonl", "in/b.jsonl", "in/c.jsonl", "in/sub/d.jsonl", "in/sub/e.jsonl"]);
    const [all] = await bucket.getFiles({ prefix: "in/" });
    expect(all).toHaveLength(5);

    const response = await fetch(`${test.emulator.url}/gcs/storage/v1/b/bkt/o?prefix=in%2F&delimiter=%2F`);
    const listing = await response.json();
    expect(listing.items.map((item: { name: string }) => item.name)).toEqual(["in/a.jsonl", "in/b.jsonl", "in/c.jsonl"]);
    expect(listing.prefixes).toEqual(["in/sub/"]);
  });

  test("exists() is true for an uploaded object, false after delete, and a missing object is a 404 in GCS shape", async () => {
    const test = await start();
    const file = test.storage.bucket("bkt").file("in/x.jsonl");
    expect((await file.exists())[0]).toBe(false);
    await file.save("x");
    expect((await file.exists())[0]).toBe(true);
    await file.delete();
    expect((await file.exists())[0]).toBe(false);
    const response = await fetch(`${test.emulator.url}/gcs/storage/v1/b/bkt/o/in%2Fx.jsonl`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 404, message: "No such object: bkt/in/x.jsonl", errors: [{ message: "No such object: bkt/in/x.jsonl", domain: "global", reason: "notFound" }] },
    });
  });

  test("buckets can be created once, then exist; none exist unless created or pre-created", async () => {
    const test = await start({ buckets: [] });
    const bucket = test.storage.bucket("fresh-bucket");
    expect((await bucket.exists())[0]).toBe(false);
    await expect(bucket.file("a").save("x")).rejects.toMatchObject({ code: 404 });
    await test.storage.createBucket("fresh-bucket");
    expect((await bucket.exists())[0]).toBe(true);
    await expect(test.storage.createBucket("fresh-bucket")).rejects.toMatchObject({ code: 409 });
    expect(test.emulator.stats().gcs.buckets_created).toBe(1);
  });

  test("the bare /b/... paths of STORAGE_EMULATOR_HOST serve the same objects", async () => {
    const test = await start();
    await test.storage.bucket("bkt").file("in/a.txt").save("hello");
    const listing = await (await fetch(`${test.emulator.url}/gcs/b/bkt/o?prefix=in%2F`)).json();
    expect(listing.items[0].name).toBe("in/a.txt");
    expect(await (await fetch(`${test.emulator.url}/gcs/b/bkt/o/in%2Fa.txt?alt=media`)).text()).toBe("hello");
    expect(await (await fetch(listing.items[0].mediaLink)).text()).toBe("hello");
  });

  test("when the reply to a resumable PUT is lost, the SDK's status query finds the finished object (retries need a precondition)", async () => {
    const test = await start();
    await setFaultScript(test.emulator, [{ method: "PUT", path: "/gcs/upload/storage/v1/b/bkt/o", fault: "drop_after" }]);
    const file = test.storage.bucket("bkt").file("x.txt");
    await file.save("hello world", { resumable: true, preconditionOpts: { ifGenerationMatch: 0 } });
    expect((await file.download())[0].toString()).toBe("hello world");
    expect(test.emulator.stats().gcs).toMatchObject({ objects_uploaded: 1, faults_injected: 1 });
  });

  test("a scripted 429 comes back in the GCS error shape and counts as an injected fault", async () => {
    const test = await start();
    await setFaultScript(test.emulator, [{ method: "GET", path: "/gcs/storage/v1/b/bkt", fault: "429" }]);
    const response = await fetch(`${test.emulator.url}/gcs/storage/v1/b/bkt`);
    expect(response.status).toBe(429);
    expect((await response.json()).error.errors[0].reason).toBe("rateLimitExceeded");
    expect(test.emulator.stats().gcs.faults_injected).toBe(1);
  });
});
