import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { prepareChunks } from "../../src/plan/prepare.js";
import { useTempDirs } from "../support/temp-dir.js";
import { KEYED_STEP, STEP, outcome, referencePrepare, writeDataset } from "./prepare-cases.js";

const tempDir = useTempDirs();

/** The same prepare done by the reference loop and by prepareChunks, in separate folders. */
async function compare(datasetFile: string, options: Record<string, unknown> & { step: typeof STEP; limits: { maxRequests: number; maxBytes: number } }) {
  const dir = tempDir();
  mkdirSync(join(dir, "a"));
  mkdirSync(join(dir, "b"));
  const expected = await outcome(referencePrepare, { datasetFile, ...options, chunksDir: join(dir, "a") });
  const actual = await outcome(prepareChunks as never, { datasetFile, ...options, chunksDir: join(dir, "b") });
  return { expected, actual };
}

const WIDE = { maxRequests: 50_000, maxBytes: 200 * 1024 * 1024 };

describe("prepare pipeline", () => {
  it("writes the same chunk files, items and hashes as a one-row-at-a-time loop, across request and byte limits", async () => {
    const file = writeDataset(tempDir(), "clean");
    for (const limits of [WIDE, { maxRequests: 700, maxBytes: WIDE.maxBytes }, { maxRequests: 50_000, maxBytes: 40_000 }]) {
      const { expected, actual } = await compare(file, { step: STEP, limits });
      expect(actual.items.length).toBe(3000);
      expect(actual).toEqual(expected);
    }
  });

  it("keys repeated content rows ~2, ~3 and reads BOM, blank, CRLF and unterminated lines as before", async () => {
    const { expected, actual } = await compare(writeDataset(tempDir(), "awkward"), { step: STEP, limits: WIDE });
    expect(actual.items.map(([key]) => key).filter((key) => key.includes("~"))).toHaveLength(2);
    expect(actual).toEqual(expected);
  });

  it("reports the same problems, in the same order, with file, row, column and field", async () => {
    const { expected, actual } = await compare(writeDataset(tempDir(), "problems"), { step: STEP, limits: WIDE });
    expect(actual.problems!.length).toBeGreaterThan(4);
    expect(actual).toEqual(expected);
  });

  it("reports duplicate and missing data keys like before, and encodes hashed wire ids", async () => {
    const { expected, actual } = await compare(writeDataset(tempDir(), "keyed"), { step: KEYED_STEP, limits: WIDE });
    expect(actual.problems!.map((problem) => problem.field)).toContain("prompt_id");
    expect(actual).toEqual(expected);
  });

  it("prepares only the listed keys for a retry, and rejects rows over the byte limit", async () => {
    const file = writeDataset(tempDir(), "clean");
    const all = await compare(file, { step: STEP, limits: WIDE });
    const only = new Set(all.expected.items.filter((_, index) => index % 7 === 0).map(([key]) => key));
    const retry = await compare(file, { step: STEP, limits: WIDE, only });
    expect(retry.actual.items.length).toBe(only.size);
    expect(retry.actual).toEqual(retry.expected);
    const tooBig = await compare(file, { step: STEP, limits: { maxRequests: 50_000, maxBytes: 150 } });
    // The first 1,000 problems are kept and the rest counted (the reference keeps them all).
    expect(tooBig.actual.problems!.slice(0, 1000)).toEqual(tooBig.expected.problems!.slice(0, 1000));
    expect(tooBig.actual.problems![1000].message).toBe("2000 more problems not listed");
  });

  it("gives CSV and JSON datasets the same rows and problems as before", async () => {
    const dir = tempDir();
    const csv = join(dir, "data.csv");
    writeFileSync(csv, 'prompt,n\n"a, quoted",1\nplain,2\nplain,2\n,3\n');
    const json = join(dir, "data.json");
    writeFileSync(json, JSON.stringify([{ prompt: "x" }, "bare", { prompt: 5 }, { prompt: "x" }]));
    for (const file of [csv, json]) {
      const { expected, actual } = await compare(file, { step: STEP, limits: WIDE });
      expect(actual).toEqual(expected);
    }
  });
});
