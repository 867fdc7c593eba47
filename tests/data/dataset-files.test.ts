import { describe, expect, it } from "vitest";
import { inspectDataset, readDataset } from "../../src/data/read-dataset.js";
import { BatchlabError, ValidationError } from "../../src/errors.js";
import { readAll, tempFolder } from "./fixtures.js";

const folder = tempFolder();

describe("dataset files", () => {
  it("throws a BatchlabError naming a missing file and what to do", async () => {
    const iterate = async () => {
      for await (const _ of readDataset("no/such/file.jsonl", () => {})) void _;
    };
    await expect(iterate()).rejects.toThrow(BatchlabError);
    await expect(iterate()).rejects.toThrow(/dataset file not found: no\/such\/file\.jsonl .*check the path/);
    await expect(inspectDataset("no/such/file.csv")).rejects.toThrow(/not found/);
  });

  it("reports an unknown extension as a problem listing the supported ones", async () => {
    const file = await folder.write("data.txt", "hello");
    const { rows, problems } = await readAll(file);
    expect(rows).toEqual([]);
    expect(problems).toEqual([{ file, message: "unsupported dataset format (.txt); use a .json, .jsonl, .ndjson or .csv file" }]);
    await expect(inspectDataset(file)).rejects.toThrow(ValidationError);
  });

  it("gives shape records from inspect when the JSON does not parse, leaving the report to the reader", async () => {
    const file = await folder.write("broken.json", "[{");
    expect(await inspectDataset(file)).toEqual({ file, format: "json", shape: "records" });
    const { problems } = await readAll(file);
    expect(problems).toHaveLength(1);
  });
});
