import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readLines } from "../../src/util/jsonl.js";
import { lineRanges } from "../../src/util/line-ranges.js";
import { useTempDirs } from "../support/temp-dir.js";

const tempDir = useTempDirs();

async function both(content: string | Buffer) {
  const path = join(tempDir(), "lines.txt");
  writeFileSync(path, content);
  const expected: string[] = [];
  for await (const { text } of readLines(path)) expected.push(text);
  const actual = await linesOf(path, false);
  // Reading on the calling thread (as collect workers do) splits the same way.
  expect(await linesOf(path, true)).toEqual(actual);
  return { expected, actual };
}

async function linesOf(path: string, blocking: boolean): Promise<string[]> {
  const lines: string[] = [];
  for await (const { data, starts, ends } of lineRanges(path, { blocking })) {
    for (let index = 0; index < starts.length; index++) lines.push(data.toString("utf8", starts[index], ends[index]));
  }
  return lines;
}

describe("line ranges", () => {
  it("splits and skips lines exactly as readLines (node:readline) does", async () => {
    for (const content of ["a\nb\n", "a\r\nb", "a\rb\r\n\r\nc", "\n\n  \n x \r", "é\u00a0\n\u00a0\n\ufeff\n\t\v\f\n", "", "\r", "\r\n", "last\r"]) {
      const { expected, actual } = await both(content);
      expect(actual, JSON.stringify(content)).toEqual(expected);
    }
  });

  it("keeps a \\r\\n that straddles two reads as one line break, and lines longer than a read whole", async () => {
    const read = 1 << 20;
    const straddle = "x".repeat(read - 1) + "\r\n" + "next\n";
    const long = "y".repeat(3 * read) + "\r" + "z".repeat(10);
    for (const content of [straddle, long, "a".repeat(read - 2) + "\r\n\r\n" + "b"]) {
      const { expected, actual } = await both(content);
      expect(actual.map((line) => line.length)).toEqual(expected.map((line) => line.length));
      expect(actual).toEqual(expected);
    }
  });

  it("agrees with readLines on a large mixed file", async () => {
    let content = "";
    for (let index = 0; index < 60_000; index++) content += index % 7 === 0 ? `line ${index}\r\n` : index % 11 === 0 ? `l${index}\r` : index % 13 === 0 ? "   \n" : `{"n":${index}}\n`;
    const { expected, actual } = await both(content);
    expect(actual.length).toBe(expected.length);
    expect(actual).toEqual(expected);
  });
});
