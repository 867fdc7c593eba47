import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

/** Stream the non-blank lines of a text file with their 1-based line numbers. */
export async function* readLines(path: string): AsyncGenerator<{ line: number; text: string }> {
  const input = createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() !== "") yield { line, text };
  }
}
