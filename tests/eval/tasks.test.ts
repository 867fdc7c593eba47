import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { accuracyMetric, meanMetric } from "../../src/eval/metric.js";
import { defineTask } from "../../src/eval/task.js";
import { getTask, listTasks, registerTask, unregisterTask } from "../../src/eval/task-registry.js";
import { resultRow } from "./fixtures.js";

describe("the task registry", () => {
  it("holds the built-in tasks with their datasets and metrics", () => {
    const tasks = listTasks();
    expect(tasks.map((task) => task.name)).toEqual(["mcq", "ner", "open", "vqa"]);
    expect(tasks.find((task) => task.name === "mcq")).toMatchObject({
      dataset: "mcq-mini",
      metrics: ["accuracy", "parsed_accuracy", "unparseable_rate"],
      groupBy: ["category"],
    });
    expect(tasks.find((task) => task.name === "ner")?.metrics).toContain("f1_MISC");
  });

  it("names the known tasks when asked for an unknown one", () => {
    expect(() => getTask("mcqq")).toThrow(ConfigError);
    expect(() => getTask("mcqq")).toThrow('unknown task "mcqq" — known tasks: mcq, ner, open, vqa');
  });

  it("registers a suite's own task, refuses a taken name, and replaces on request", () => {
    const yesNo = {
      name: "yes-no",
      load: () => [{ key: "q1", row: 1, fields: { question: "Is water wet?", label: "yes" } }],
      prompt: "{question} Answer yes or no.",
      extract: (text: string) => {
        const match = /\b(yes|no)\b/i.exec(text);
        return match ? { answer: match[1].toLowerCase() } : { answer: null, reason: "no yes/no" };
      },
      expected: (fields: Record<string, unknown>) => fields.label as string,
      metrics: [accuracyMetric()],
    };
    try {
      const task = registerTask(yesNo);
      expect(getTask("yes-no")).toBe(task);
      expect(() => registerTask(yesNo)).toThrow(/already registered/);
      const replaced = registerTask({ ...yesNo, description: "v2" }, { replace: true });
      expect(getTask("yes-no").description).toBe("v2");
      const evaluation = evaluate("yes-no", [
        resultRow("q1", { question: "Is water wet?", label: "yes" }, "Yes, it is."),
        resultRow("q2", { question: "Is fire cold?", label: "no" }, "Yes."),
      ]);
      expect(evaluation.metrics.accuracy.value).toBe(0.5);
      expect(replaced.renderPrompt({ question: "Is ice cold?" })).toEqual({ user: "Is ice cold? Answer yes or no." });
    } finally {
      unregisterTask("yes-no");
    }
    expect(listTasks().map((task) => task.name)).not.toContain("yes-no");
  });
});

describe("defining a task", () => {
  const base = { name: "t", load: () => [], prompt: "{x}", extract: (text: string) => ({ answer: text }), metrics: [accuracyMetric()] };

  it("rejects a bad name, no metrics, duplicate metric names and a broken template", () => {
    expect(() => defineTask({ ...base, name: "has space" })).toThrow(/task name "has space" is invalid/);
    expect(() => defineTask({ ...base, metrics: [] })).toThrow(/has no metrics/);
    expect(() => defineTask({ ...base, metrics: [accuracyMetric(), accuracyMetric()] })).toThrow(/two metrics named "accuracy"/);
    expect(() => defineTask({ ...base, prompt: "{x" })).toThrow(/task "t" prompt/);
  });

  it("compares with SQuAD normalisation when the task gives no score function", () => {
    const task = defineTask({ ...base, expected: (fields) => fields.answer as string, metrics: [accuracyMetric(), meanMetric("mean_score", (record) => record.score)] });
    const evaluation = evaluate(task, [
      resultRow("a", { answer: "The Eiffel Tower" }, "eiffel tower!"),
      resultRow("b", { answer: "Louvre" }, "Orsay"),
    ]);
    expect(evaluation.records.map((record) => record.outcome)).toEqual(["correct", "wrong"]);
    expect(evaluation.metrics.mean_score.value).toBe(0.5);
  });

  it("says which task, row and key failed when an extractor throws", () => {
    const task = defineTask({ ...base, extract: () => { throw new Error("boom"); } });
    expect(() => evaluate(task, [resultRow("bad", {}, "x", { row: 7 })])).toThrow('task "t" extract failed on row 7 (key "bad"): boom');
  });

  it("renders the built-in multiple-choice prompt with lettered options", () => {
    const prompt = getTask("mcq").renderPrompt({ question: "Capital of France?", options: { A: "London", B: "Paris", C: "Berlin", D: "Madrid" } });
    expect(prompt.user).toBe("Capital of France?\n\nA) London\nB) Paris\nC) Berlin\nD) Madrid\n\nAnswer with the letter of the correct option (A, B, C or D).");
    expect(prompt.system).toMatch(/multiple-choice/);
  });

  it("renders the built-in NER prompt with literal JSON braces", () => {
    const prompt = getTask("ner").renderPrompt({ text: "Ada Lovelace lived in London." });
    expect(prompt.user).toContain('[{"text": "Ada Lovelace", "type": "PER"}]');
    expect(prompt.user).toMatch(/Sentence: Ada Lovelace lived in London\.$/);
  });
});
