import { describe, expect, it } from "vitest";
import { inspectDataset } from "../../src/data/read-dataset.js";
import { readAll, tempFolder } from "./fixtures.js";

const folder = tempFolder();

describe("JSONL datasets", () => {
  it("reads one object per line with file line numbers, skipping blank lines", async () => {
    const file = await folder.write(
      "rows.jsonl",
      '{"prompt_id":"a","prompt":"one"}\n\n   \n{"prompt_id":"b","prompt":"two"}\n"a bare string"\n',
    );
    const { rows, problems } = await readAll(file);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { row: 1, fields: { prompt_id: "a", prompt: "one" } },
      { row: 4, fields: { prompt_id: "b", prompt: "two" } },
      { row: 5, fields: { prompt: "a bare string" } },
    ]);
    expect(await inspectDataset(file)).toEqual({
      file,
      format: "jsonl",
      shape: "prompt-objects",
      defaultKeyField: "prompt_id",
    });
  });

  it("reports both bad lines with line and column and still yields the good rows", async () => {
    const file = await folder.write(
      "two-bad.jsonl",
      [
        '{"prompt_id":"a","prompt":"ok 1"}',
        '{"prompt_id":"b","prompt":"broken}',
        '{"prompt_id":"c","prompt":"ok 2"}',
        '{"prompt_id":"d" "prompt":"missing comma"}',
        '{"prompt_id":"e","prompt":"ok 3"}',
      ].join("\n"),
    );
    const { rows, problems } = await readAll(file);
    expect(rows.map((row) => row.fields.prompt_id)).toEqual(["a", "c", "e"]);
    expect(rows.map((row) => row.row)).toEqual([1, 3, 5]);
    expect(problems).toEqual([
      { file, row: 2, column: 35, message: expect.stringMatching(/^Unterminated string — fix this line/) },
      { file, row: 4, column: 18, message: expect.stringMatching(/^Expected ',' or '}' after property value/) },
    ]);
  });

  it("reports lines that are neither objects nor strings, and prompts that are not strings", async () => {
    const file = await folder.write("kinds.jsonl", '[1,2]\n42\nnull\n{"prompt": 7}\n{"prompt": "fine"}\n');
    const { rows, problems } = await readAll(file);
    expect(rows).toEqual([{ row: 5, fields: { prompt: "fine" } }]);
    expect(problems.map((problem) => [problem.row, problem.field, problem.message])).toEqual([
      [1, undefined, "expected a JSON object or a string, got a list"],
      [2, undefined, "expected a JSON object or a string, got a number (42)"],
      [3, undefined, "expected a JSON object or a string, got null"],
      [4, "prompt", expect.stringContaining("is not a string")],
    ]);
  });

  it("handles a BOM, CRLF line ends, multi-byte text and a last line without a newline", async () => {
    const text = '\uFEFF{"prompt":"héllo wörld ✓"}\r\n{"prompt":"日本語"}';
    const file = await folder.write("crlf.jsonl", Buffer.from(text, "utf8"));
    const { rows, problems } = await readAll(file);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { row: 1, fields: { prompt: "héllo wörld ✓" } },
      { row: 2, fields: { prompt: "日本語" } },
    ]);
  });

  it("reads lines longer than the 1 MB read size and lines split across reads", async () => {
    const long = "é".repeat(700_000); // 1.4 MB in UTF-8: spans two reads, split inside characters
    const lines = [JSON.stringify({ prompt: "short" }), JSON.stringify({ prompt: long })];
    for (let index = 0; index < 3000; index++) lines.push(JSON.stringify({ prompt: `row ${index}`, pad: "x".repeat(300) }));
    const file = await folder.write("long.jsonl", lines.join("\n") + "\n");
    const { rows, problems } = await readAll(file);
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(3002);
    expect(rows[1].fields.prompt).toBe(long);
    expect(rows.at(-1)).toEqual({ row: 3002, fields: { prompt: "row 2999", pad: "x".repeat(300) } });
    expect(rows.every((row, index) => row.row === index + 1)).toBe(true);
  });

  it("treats .ndjson as JSONL and a first-line string as the strings shape", async () => {
    const file = await folder.write("strings.ndjson", '"first"\n"second"\n');
    expect(await inspectDataset(file)).toEqual({ file, format: "jsonl", shape: "strings" });
    const { rows } = await readAll(file);
    expect(rows.map((row) => row.fields)).toEqual([{ prompt: "first" }, { prompt: "second" }]);
  });
});
