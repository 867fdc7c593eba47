import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadConfig, resolveStep } from "../../src/data/config.js";
import { inspectDataset, readDataset } from "../../src/data/read-dataset.js";
import { compileTemplate, missingFields } from "../../src/data/template.js";
import type { InputProblem } from "../../src/errors.js";
import { getTask } from "../../src/eval/task-registry.js";

const run = promisify(execFile);
const folder = (name: string) => fileURLToPath(new URL(`../../datasets/${name}/`, import.meta.url));

async function readAll(file: string) {
  const problems: InputProblem[] = [];
  const rows: Record<string, unknown>[] = [];
  for await (const row of readDataset(file, (problem) => problems.push(problem))) rows.push(row.fields);
  return { rows, problems };
}

/** `| name | 40 |` rows of the README's tables, without the total. */
async function readmeCounts(name: string): Promise<Record<string, number>> {
  const readme = await readFile(folder(name) + "README.md", "utf8");
  const counts: Record<string, number> = {};
  for (const match of readme.matchAll(/^\| ([A-Za-z]+) \| (\d+) \|$/gm)) counts[match[1]] = Number(match[2]);
  return counts;
}

function tally(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

describe("mcq-mini", () => {
  const file = folder("mcq-mini") + "questions.json";

  it("loads with readDataset without problems and matches the README's counts", async () => {
    const { rows, problems } = await readAll(file);
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(200);
    expect(tally(rows.map((row) => row.category as string))).toEqual(await readmeCounts("mcq-mini"));
    expect(new Set(rows.map((row) => row.question_id)).size).toBe(200);
    expect(new Set(rows.map((row) => row.question)).size).toBe(200);
  });

  it("has four different options per question and an answer letter among them, 50 per letter", async () => {
    const { rows } = await readAll(file);
    for (const row of rows) {
      const options = row.options as Record<string, string>;
      expect(Object.keys(options), String(row.question_id)).toEqual(["A", "B", "C", "D"]);
      expect(new Set(Object.values(options)).size, String(row.question_id)).toBe(4);
      expect(Object.values(options).every((option) => typeof option === "string" && option.trim() !== "")).toBe(true);
      expect(Object.keys(options)).toContain(row.answer);
    }
    expect(tally(rows.map((row) => row.answer as string))).toEqual({ A: 50, B: 50, C: 50, D: 50 });
  });

  it("gets every generated math answer right", async () => {
    const { rows } = await readAll(file);
    const math = rows.filter((row) => row.category === "math");
    expect(math).toHaveLength(40);
    for (const row of math) {
      const correct = (row.options as Record<string, string>)[row.answer as string];
      expect(correct, String(row.question)).toBe(String(solve(row.question as string)));
    }
  });

  it("is keyed by question_id for the built-in mcq task, which scores the answer key as right", async () => {
    const task = getTask("mcq");
    const items = await task.load();
    expect(items).toHaveLength(200);
    expect(items[0].key).toBe("mcq-001");
    for (const { fields } of items) {
      const letter = fields.answer as string;
      expect(task.extract(letter, fields).answer).toBe(task.expected(fields));
      // Each option's text alone reads as its own letter.
      for (const [option, text] of Object.entries(fields.options as Record<string, string>)) {
        expect(task.extract(text, fields).answer, `${fields.question_id} ${text}`).toBe(option);
      }
    }
  });

  it("has a config whose step renders the same prompt as the mcq task", async () => {
    const { config, warnings } = await loadConfig(folder("mcq-mini") + "config.yaml");
    expect(warnings).toEqual([]);
    const step = resolveStep(config, "answer", { OPENAI_API_KEY: "sk-example" });
    expect(step).toMatchObject({ dataKey: "question_id", responseKey: "response" });
    const user = compileTemplate(step.user);
    const task = getTask("mcq");
    for (const row of (await readAll(file)).rows) {
      expect(missingFields(user, row)).toEqual([]);
      expect(user.render(row)).toBe(task.renderPrompt(row).user);
    }
    expect(step.system).toBe(task.templates?.system);
  });
});

describe("ner-mini", () => {
  const file = folder("ner-mini") + "sentences.json";

  it("loads with readDataset without problems and matches the README's counts", async () => {
    const { rows, problems } = await readAll(file);
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(100);
    const readme = await readmeCounts("ner-mini");
    const entities = rows.flatMap((row) => row.entities as { type: string }[]);
    expect({ ...tally(rows.map((row) => row.domain as string)), ...tally(entities.map((entity) => entity.type)) }).toEqual(readme);
    expect(new Set(rows.map((row) => row.sentence_id)).size).toBe(100);
  });

  it("has every entity span matching the sentence at its offsets, in order, with a known type", async () => {
    const { rows } = await readAll(file);
    for (const row of rows) {
      const text = row.text as string;
      let previousEnd = 0;
      for (const entity of row.entities as { text: string; type: string; start: number; end: number }[]) {
        expect(text.slice(entity.start, entity.end), `${row.sentence_id} ${entity.text}`).toBe(entity.text);
        expect(["PER", "ORG", "LOC", "MISC"]).toContain(entity.type);
        expect(entity.start).toBeGreaterThanOrEqual(previousEnd);
        previousEnd = entity.end;
      }
    }
  });

  it("scores the gold entities, given back as JSON, at F1 = 1 with the built-in ner task", async () => {
    const task = getTask("ner");
    const items = await task.load();
    expect(items.map((item) => item.key).slice(0, 2)).toEqual(["ner-001", "ner-002"]);
    for (const { fields } of items) {
      const reply = JSON.stringify((fields.entities as { text: string; type: string }[]).map(({ text, type }) => ({ text, type })));
      const answer = task.extract(reply, fields).answer!;
      expect(task.score!(answer, task.expected(fields)!, fields)).toEqual({ correct: true, score: 1 });
    }
  });

  it("has a config whose step renders the same prompt as the ner task", async () => {
    const { config, warnings } = await loadConfig(folder("ner-mini") + "config.yaml");
    expect(warnings).toEqual([]);
    const step = resolveStep(config, "entities", { OPENAI_API_KEY: "sk-example" });
    expect(step).toMatchObject({ dataKey: "sentence_id", responseKey: "response" });
    const user = compileTemplate(step.user);
    const task = getTask("ner");
    for (const row of (await readAll(file)).rows) expect(user.render(row)).toBe(task.renderPrompt(row).user);
    expect(step.system).toBe(task.templates?.system);
  });
});

/** Solve the generated arithmetic independently of the generator. */
function solve(question: string): number {
  let match = /^What is (\d+) ([+\-×÷]) (\d+)\?$/.exec(question);
  if (match) {
    const [a, b] = [Number(match[1]), Number(match[3])];
    return { "+": a + b, "-": a - b, "×": a * b, "÷": a / b }[match[2] as "+"];
  }
  match = /^What is (\d+) \+ (\d+) × (\d+)\?$/.exec(question);
  if (match) return Number(match[1]) + Number(match[2]) * Number(match[3]);
  match = /^What is (\d+)% of (\d+)\?$/.exec(question);
  if (match) return (Number(match[1]) * Number(match[2])) / 100;
  match = /^If (\d+)x \+ (\d+) = (\d+), what is x\?$/.exec(question);
  if (match) return (Number(match[3]) - Number(match[2])) / Number(match[1]);
  match = /^What is the square root of (\d+)\?$/.exec(question);
  if (match) return Math.sqrt(Number(match[1]));
  throw new Error(`unknown math question: ${question}`);
}

describe("the dataset generators", () => {
  for (const [name, file] of [["mcq-mini", "questions.json"], ["ner-mini", "sentences.json"]]) {
    it(`${name}/make-dataset.mjs writes the committed ${file} byte for byte`, async () => {
      const output = await mkdtemp(join(tmpdir(), `batchlab-${name}-`));
      try {
        await run(process.execPath, [folder(name) + "make-dataset.mjs", output]);
        expect(await readFile(join(output, file), "utf8")).toBe(await readFile(folder(name) + file, "utf8"));
      } finally {
        await rm(output, { recursive: true, force: true });
      }
    });
  }
});
