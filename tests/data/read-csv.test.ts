import { describe, expect, it } from "vitest";
import { inspectDataset } from "../../src/data/read-dataset.js";
import { readAll, tempFolder } from "./fixtures.js";

const folder = tempFolder();

describe("CSV datasets", () => {
  it("names fields from the header, keeps values as strings and numbers rows by line", async () => {
    const file = await folder.write(
      "rows.csv",
      '\uFEFFprompt_id,prompt,category\n1,"Hello, world",greeting\n2,"Two\nlines",multi\n\n3,plain,x\n',
    );
    expect(await inspectDataset(file)).toEqual({ file, format: "csv", shape: "prompt-objects", defaultKeyField: "prompt_id" });
    const { rows, problems } = await readAll(file);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { row: 2, fields: { prompt_id: "1", prompt: "Hello, world", category: "greeting" } },
      { row: 3, fields: { prompt_id: "2", prompt: "Two\nlines", category: "multi" } },
      { row: 6, fields: { prompt_id: "3", prompt: "plain", category: "x" } },
    ]);
  });

  it("reports a ragged row with its line number and keeps reading", async () => {
    const file = await folder.write("ragged.csv", "id,prompt\na,one\nb,two,extra\nc\nd,four\n");
    const { rows, problems } = await readAll(file);
    expect(rows.map((row) => row.fields.id)).toEqual(["a", "d"]);
    expect(problems).toEqual([
      { file, row: 3, message: expect.stringContaining("has 3 columns but the header has 2") },
      { file, row: 4, message: expect.stringContaining("has 1 columns but the header has 2") },
    ]);
  });

  it("reports a stray quote with its line instead of throwing", async () => {
    const file = await folder.write("quote.csv", 'id,prompt\na,"bad"x\n');
    const { rows, problems } = await readAll(file);
    expect(rows).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file, row: 2, message: expect.stringContaining("Invalid Closing Quote") });
  });

  it("reports duplicate and empty header names", async () => {
    const file = await folder.write("header.csv", "prompt,prompt,\nx,y,z\n");
    const { problems } = await readAll(file);
    expect(problems).toEqual([
      { file, row: 1, column: 2, field: "prompt", message: expect.stringContaining("appears twice") },
      { file, row: 1, column: 3, message: expect.stringContaining("has no name") },
    ]);
  });

  it("calls a CSV without prompt columns records", async () => {
    const file = await folder.write("records.csv", "question,answer\nq,a\n");
    expect(await inspectDataset(file)).toEqual({ file, format: "csv", shape: "records" });
  });
});
