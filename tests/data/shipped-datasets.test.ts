import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadConfig, resolveStep } from "../../src/data/config.js";
import { inspectDataset } from "../../src/data/read-dataset.js";
import { compileTemplate, missingFields } from "../../src/data/template.js";
import { readAll } from "./fixtures.js";

const folder = fileURLToPath(new URL("../../datasets/prompts/", import.meta.url));

const expected = [
  { name: "prompt-objects.json", format: "json", shape: "prompt-objects", key: "prompt_id" },
  { name: "batch-object.json", format: "json", shape: "batch-object", key: "prompt_id" },
  { name: "strings.json", format: "json", shape: "strings", key: undefined },
  { name: "prompts.jsonl", format: "jsonl", shape: "prompt-objects", key: "prompt_id" },
  { name: "prompts.csv", format: "csv", shape: "prompt-objects", key: "prompt_id" },
] as const;

describe("shipped prompt datasets", () => {
  for (const { name, format, shape, key } of expected) {
    it(`${name} loads as ${shape} with 20 prompts and no problems`, async () => {
      const file = folder + name;
      const info = await inspectDataset(file);
      expect([info.format, info.shape, info.defaultKeyField]).toEqual([format, shape, key]);
      const { rows, problems } = await readAll(file);
      expect(problems).toEqual([]);
      expect(rows).toHaveLength(20);
      expect(rows.every((row) => typeof row.fields.prompt === "string" && row.fields.prompt.length > 10)).toBe(true);
      if (key) expect(new Set(rows.map((row) => row.fields[key])).size).toBe(20);
    });
  }

  it("jsonl and csv hold the same prompts as prompt-objects.json, plus a category", async () => {
    const objects = (await readAll(folder + "prompt-objects.json")).rows.map((row) => row.fields);
    for (const name of ["prompts.jsonl", "prompts.csv"]) {
      const rows = (await readAll(folder + name)).rows.map((row) => row.fields);
      expect(rows.map(({ prompt_id, prompt }) => ({ prompt_id, prompt }))).toEqual(objects);
      expect(new Set(rows.map((row) => row.category))).toEqual(new Set(["facts", "math", "rewriting", "classification"]));
    }
  });

  it("batch-object.json carries its name, description and metadata", async () => {
    const info = await inspectDataset(folder + "batch-object.json");
    expect(Object.keys(info.meta ?? {}).sort()).toEqual(["batch_name", "description", "metadata"]);
  });

  it("the example config loads without warnings and its templates fit the datasets", async () => {
    const { config, warnings } = await loadConfig(folder + "config.yaml");
    expect(warnings).toEqual([]);
    const step = resolveStep(config, "answer", { OPENAI_API_KEY: "sk-example" });
    expect(step).toMatchObject({
      provider: "openai",
      model: "gpt-4o-mini",
      responseKey: "answer",
      dataKey: "prompt_id",
      params: { temperature: 0, max_tokens: 200 },
      apiKey: "sk-example",
    });
    const user = compileTemplate(step.user);
    for (const name of ["prompt-objects.json", "batch-object.json", "prompts.jsonl", "prompts.csv"]) {
      for (const row of (await readAll(folder + name)).rows) expect(missingFields(user, row.fields)).toEqual([]);
    }
  });
});
