import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ChunkWriter } from "../../src/plan/chunk-writer.js";
import { useTempDirs } from "../support/temp-dir.js";

const tempDir = useTempDirs();

async function writeLines(limits: { maxRequests: number; maxBytes: number }, lines: string[]) {
  const writer = new ChunkWriter(tempDir(), "chunk", limits);
  for (const line of lines) {
    const bytes = Buffer.byteLength(line) + 1;
    await writer.place(bytes);
    await writer.append(line, bytes);
  }
  return writer.finish();
}

describe("chunk writer", () => {
  it("starts a new chunk when the request limit is reached", async () => {
    const lines = Array.from({ length: 25 }, (_, index) => `{"n":${index}}`);
    const chunks = await writeLines({ maxRequests: 10, maxBytes: 1e9 }, lines);
    expect(chunks.map((chunk) => chunk.rows)).toEqual([10, 10, 5]);
    expect(chunks.map((chunk) => chunk.id)).toEqual(["chunk-0000", "chunk-0001", "chunk-0002"]);
  });

  it("never lets a chunk file grow past the byte limit", async () => {
    const lines = Array.from({ length: 40 }, (_, index) => `{"text":"${"x".repeat(index * 3)}"}`);
    const chunks = await writeLines({ maxRequests: 1000, maxBytes: 300 }, lines);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      const bytes = readFileSync(chunk.path);
      expect(bytes.length).toBe(chunk.bytes);
      expect(chunk.bytes).toBeLessThanOrEqual(300);
    }
  });

  it("keeps every line, in order, across chunks, with each file's sha256 recorded", async () => {
    const lines = Array.from({ length: 1234 }, (_, index) => JSON.stringify({ index, text: "é".repeat(index % 7) }));
    const chunks = await writeLines({ maxRequests: 500, maxBytes: 1e9 }, lines);
    const written = chunks.flatMap((chunk) => readFileSync(chunk.path, "utf8").trimEnd().split("\n"));
    expect(written).toEqual(lines);
    for (const chunk of chunks) {
      expect(chunk.sha256).toBe(createHash("sha256").update(readFileSync(chunk.path)).digest("hex"));
    }
  });
});
