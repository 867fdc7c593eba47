import { describe, expect, it } from "vitest";
import { inspectDataset } from "../../src/data/read-dataset.js";
import { formatProblem } from "../../src/errors.js";
import { readAll, tempFolder } from "./fixtures.js";

const folder = tempFolder();

describe("JSON datasets", () => {
  it("reads a list of prompt objects with array positions as rows and prompt_id as the default key", async () => {
    const file = await folder.write(
      "objects.json",
      JSON.stringify([
        { prompt_id: "a", prompt: "One?", topic: "x" },
        { prompt_id: 2, prompt: "Two?" },
      ]),
    );
    const info = await inspectDataset(file);
    expect(info).toEqual({ file, format: "json", shape: "prompt-objects", defaultKeyField: "prompt_id" });
    const { rows, problems } = await readAll(file);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { row: 1, fields: { prompt_id: "a", prompt: "One?", topic: "x" } },
      { row: 2, fields: { prompt_id: 2, prompt: "Two?" } },
    ]);
  });

  it("reads a batch object, keeping batch_name, description and metadata as meta", async () => {
    const file = await folder.write(
      "batch.json",
      JSON.stringify({
        batch_name: "demo",
        description: "two prompts",
        prompts: [{ prompt_id: "p1", prompt: "Hi" }, "A bare string"],
        metadata: { version: 2 },
      }),
    );
    const info = await inspectDataset(file);
    expect(info.shape).toBe("batch-object");
    expect(info.defaultKeyField).toBe("prompt_id");
    expect(info.meta).toEqual({ batch_name: "demo", description: "two prompts", metadata: { version: 2 } });
    const { rows, problems } = await readAll(file);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { row: 1, fields: { prompt_id: "p1", prompt: "Hi" } },
      { row: 2, fields: { prompt: "A bare string" } },
    ]);
  });

  it("turns a list of strings into {prompt} rows with no default key field", async () => {
    const file = await folder.write("strings.json", JSON.stringify(["first", "second", "third"]));
    const info = await inspectDataset(file);
    expect(info).toEqual({ file, format: "json", shape: "strings" });
    const { rows } = await readAll(file);
    expect(rows.map((row) => [row.row, row.fields])).toEqual([
      [1, { prompt: "first" }],
      [2, { prompt: "second" }],
      [3, { prompt: "third" }],
    ]);
  });

  it("reads a list of other objects as records", async () => {
    const file = await folder.write("records.json", JSON.stringify([{ question: "q", answer: "a" }]));
    expect((await inspectDataset(file)).shape).toBe("records");
    const { rows, problems } = await readAll(file);
    expect(problems).toEqual([]);
    expect(rows[0].fields).toEqual({ question: "q", answer: "a" });
  });

  it("reports each bad prompt object with its row and field and keeps the good ones", async () => {
    const file = await folder.write(
      "bad-rows.json",
      JSON.stringify([
        { prompt_id: "a", prompt: "ok" },
        { prompt_id: "b" },
        { prompt_id: "c", prompt: 42 },
        "not an object",
        { prompt_id: "", prompt: "empty id" },
      ]),
    );
    const { rows, problems } = await readAll(file);
    expect(rows.map((row) => row.row)).toEqual([1]);
    expect(problems).toEqual([
      { file, row: 2, field: "prompt", message: expect.stringContaining("is missing") },
      { file, row: 3, field: "prompt", message: expect.stringContaining("is not a string") },
      { file, row: 4, message: expect.stringContaining("expected a {prompt_id, prompt} object, got a string") },
      { file, row: 5, field: "prompt_id", message: expect.stringContaining("non-empty string or a number") },
    ]);
  });

  it("reports malformed JSON with the line and column of the syntax error", async () => {
    const text = '[\n  {"prompt_id": "a", "prompt": "x"},\n  {"prompt_id": "b", "prompt": "y"},\n]\n';
    const file = await folder.write("malformed.json", text);
    const { rows, problems } = await readAll(file);
    expect(rows).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file, row: 4, column: 1 });
    expect(formatProblem(problems[0])).toBe(`  ${file}:4:1: Unexpected token ] — fix the JSON and run again`);
  });

  it("reports an object without a prompts list as the wrong top-level shape", async () => {
    const file = await folder.write("wrong.json", JSON.stringify({ items: [] }));
    const { problems } = await readAll(file);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain('an object with a "prompts" list; got an object with keys items');
  });

  it("reports a batch object whose prompts is not a list", async () => {
    const file = await folder.write("bad-batch.json", JSON.stringify({ batch_name: "x", prompts: "nope" }));
    const { rows, problems } = await readAll(file);
    expect(rows).toEqual([]);
    expect(problems).toEqual([{ file, field: "prompts", message: expect.stringContaining("must be a list") }]);
  });
});
