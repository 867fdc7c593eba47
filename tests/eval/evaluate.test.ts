import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/eval/evaluate.js";
import { failureRecords, metricsTable, toEvaluationJson } from "../../src/eval/evaluation-json.js";
import { recordTable } from "../../src/eval/record-table.js";
import { nerTask } from "../../src/eval/tasks/ner-task.js";
import { openTask } from "../../src/eval/tasks/open-task.js";
import { vqaTask } from "../../src/eval/tasks/vqa-task.js";
import { question, resultRow } from "./fixtures.js";

const resultRowFor = (key: string, answer: string, reply: string) => resultRow(key, question(key, "geography", answer), reply);

// geography: 2 right, 1 wrong; science: 1 right, 1 unparseable, 1 failed; math: 2 right.
const rows = [
  resultRow("g1", question("g1", "geography", "B"), "B"),
  resultRow("g2", question("g2", "geography", "C"), "The answer is (C)."),
  resultRow("g3", question("g3", "geography", "A"), "D"),
  resultRow("s1", question("s1", "science", "D"), "Final answer: D"),
  resultRow("s2", question("s2", "science", "A"), "I am not sure."),
  resultRow("s3", question("s3", "science", "B"), null),
  resultRow("m1", question("m1", "math", "C"), "Berlin"),
  resultRow("m2", question("m2", "math", "A"), '{"answer": "A"}'),
];

describe("evaluate on multiple choice", () => {
  const evaluation = evaluate("mcq", rows, { model: "sim-small", runId: "run-1", mode: "batch", createdAt: "2025-01-02T03:04:05.000Z" });

  it("records each row's outcome, answer and expected letter", () => {
    const byKey = Object.fromEntries(evaluation.records.map((record) => [record.key, record]));
    expect(byKey.g2).toMatchObject({ outcome: "correct", answer: "C", expected: "C", correct: true, score: 1, groups: { category: "geography" } });
    expect(byKey.g3).toMatchObject({ outcome: "wrong", answer: "D", expected: "A", correct: false, score: 0 });
    expect(byKey.s2).toMatchObject({ outcome: "unparseable", answer: null, unparseable: true, correct: false });
    expect(byKey.s2.reason).toMatch(/no option letter/);
    expect(byKey.s3).toMatchObject({ outcome: "failed", status: "failed", correct: null, reason: "server_error: the model failed" });
    expect(byKey.m1).toMatchObject({ outcome: "correct", method: "option-text" });
  });

  it("counts failed rows apart from wrong and unparseable ones", () => {
    expect(evaluation.counts).toEqual({ total: 8, succeeded: 7, failed: 1, correct: 5, wrong: 1, unparseable: 1, unscored: 0 });
  });

  it("computes accuracy over answered rows and parsed accuracy over readable ones", () => {
    expect(evaluation.metrics.accuracy).toMatchObject({ value: 5 / 7, n: 7 });
    expect(evaluation.metrics.parsed_accuracy).toMatchObject({ value: 5 / 6, n: 6 });
    expect(evaluation.metrics.unparseable_rate).toMatchObject({ value: 1 / 7, n: 7 });
    const { low, high, value } = evaluation.metrics.accuracy;
    expect(low).toBeLessThanOrEqual(value!);
    expect(high).toBeGreaterThanOrEqual(value!);
  });

  it("gives the expected per-category table", () => {
    const table = evaluation.groups.category.map(({ group, counts, metrics }) => ({
      group,
      total: counts.total,
      failed: counts.failed,
      unparseable: counts.unparseable,
      accuracy: metrics.accuracy.value,
      parsed: metrics.parsed_accuracy.value,
    }));
    expect(table).toEqual([
      { group: "geography", total: 3, failed: 0, unparseable: 0, accuracy: 2 / 3, parsed: 2 / 3 },
      { group: "math", total: 2, failed: 0, unparseable: 0, accuracy: 1, parsed: 1 },
      { group: "science", total: 3, failed: 1, unparseable: 1, accuracy: 0.5, parsed: 1 },
    ]);
  });

  it("builds the confusion matrix with an unparseable column and without failed rows", () => {
    expect(evaluation.confusion).toEqual({
      expected: ["A", "B", "C", "D"],
      predicted: ["A", "B", "C", "D", "unparseable"],
      counts: [
        [1, 0, 0, 1, 1],
        [0, 1, 0, 0, 0],
        [0, 0, 2, 0, 0],
        [0, 0, 0, 1, 0],
      ],
    });
  });

  it("writes metrics.json with metadata, counts, metrics and groups, safe for JSON", () => {
    const json = toEvaluationJson(evaluation);
    expect(json).toMatchObject({
      format: "batchlab.evaluation",
      version: 1,
      task: "mcq",
      label: "sim-small",
      model: "sim-small",
      provider: null,
      run_id: "run-1",
      mode: "batch",
      dataset: "mcq-mini",
      created_at: "2025-01-02T03:04:05.000Z",
      examples: 8,
      bootstrap: { resamples: 1000, seed: 42, confidence: 0.95 },
    });
    expect(json.bootstrap).toEqual({ resamples: 1000, seed: 42, confidence: 0.95 });
    expect(json.records).toBeUndefined();
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(toEvaluationJson(evaluation, { records: true }).records).toHaveLength(8);
  });

  it("lists the rows that went wrong, optionally only some outcomes and a few", () => {
    expect(failureRecords(evaluation).map((record) => [record.key, record.outcome])).toEqual([
      ["g3", "wrong"],
      ["s2", "unparseable"],
      ["s3", "failed"],
    ]);
    expect(failureRecords(evaluation, { outcomes: ["unparseable"], limit: 5 }).map((record) => record.key)).toEqual(["s2"]);
    expect(failureRecords(evaluation, { limit: 1 })).toHaveLength(1);
  });

  it("flattens records into scalar rows with a column per grouping field", () => {
    const rows = recordTable(evaluation);
    expect(rows).toHaveLength(8);
    expect(rows[1]).toMatchObject({ label: "sim-small", key: "g2", outcome: "correct", category: "geography", answer: "C", expected: "C", correct: true });
    expect(Object.values(rows[0]).every((cell) => cell === null || typeof cell !== "object")).toBe(true);
    // A grouping field named like a record column gets a prefix instead of overwriting it.
    const [row] = recordTable(evaluate("mcq", [resultRowFor("g9", "B", "C")], { groupBy: "answer", resamples: 0 }));
    expect(row).toMatchObject({ answer: "C", group_answer: "B", expected: "B" });
  });

  it("describes each metric", () => {
    expect(evaluation.descriptions.accuracy).toMatch(/unparseable answers count as not correct/);
    expect(toEvaluationJson(evaluation).metric_descriptions).toEqual(evaluation.descriptions);
  });

  it("flattens metrics into tidy rows, overall first", () => {
    const table = metricsTable(evaluation);
    expect(table[0]).toMatchObject({ label: "sim-small", grouping: "all", group: "all", metric: "accuracy", value: 5 / 7, n: 7 });
    expect(table.filter((row) => row.metric === "accuracy").map((row) => row.group)).toEqual(["all", "geography", "math", "science"]);
  });

  it("gives the same intervals for the same seed and other intervals for another seed", () => {
    const again = evaluate("mcq", rows, { seed: 42 });
    const other = evaluate("mcq", rows, { seed: 7 });
    expect(again.metrics).toEqual(evaluation.metrics);
    expect(again.groups).toEqual(evaluation.groups);
    expect(other.metrics.accuracy.value).toBe(evaluation.metrics.accuracy.value);
    expect([other.metrics.accuracy.low, other.metrics.accuracy.high]).not.toEqual([evaluation.metrics.accuracy.low, evaluation.metrics.accuracy.high]);
  });

  it("groups by another field when asked", () => {
    const byAnswer = evaluate("mcq", rows, { groupBy: "answer", resamples: 0 });
    expect(byAnswer.groups.answer.map((group) => group.group)).toEqual(["A", "B", "C", "D"]);
    expect(byAnswer.metrics.accuracy).toEqual({ value: 5 / 7, low: null, high: null, n: 7 });
  });
});

describe("evaluate on named entities", () => {
  const sentence = (id: string, entities: { text: string; type: string }[]) => ({ sentence_id: id, text: "...", entities, domain: "politics" });
  const rows = [
    resultRow("n1", sentence("n1", [{ text: "Angela Merkel", type: "PER" }, { text: "Berlin", type: "LOC" }, { text: "Siemens", type: "ORG" }]),
      '[{"text": "Angela Merkel", "type": "PER"}, {"text": "Berlin", "type": "LOC"}, {"text": "Siemens", "type": "LOC"}]'),
    resultRow("n2", sentence("n2", [{ text: "German", type: "MISC" }, { text: "Olaf Scholz", type: "PER" }]), "MISC: german\nORG: Bundestag"),
    resultRow("n3", sentence("n3", [{ text: "Paris", type: "LOC" }]), "I cannot help with that."),
  ];
  const evaluation = evaluate(nerTask(), rows);

  it("micro-averages entity F1 and counts an unparseable answer's entities as missed", () => {
    // n1 + n2: tp 3, fp 2, fn 2; n3 unparseable adds fn 1.
    expect(evaluation.metrics.entity_precision.value).toBeCloseTo(3 / 5, 12);
    expect(evaluation.metrics.entity_recall.value).toBeCloseTo(3 / 6, 12);
    expect(evaluation.metrics.entity_f1.value).toBeCloseTo(6 / 11, 12);
    expect(evaluation.metrics.f1_ORG.value).toBe(0);
    expect(evaluation.metrics.unparseable_rate.value).toBeCloseTo(1 / 3, 12);
    expect(evaluation.counts).toMatchObject({ correct: 0, wrong: 2, unparseable: 1 });
  });

  it("scores each row by its own entity F1", () => {
    expect(evaluation.records[0].score).toBeCloseTo(2 / 3, 12);
    expect(evaluation.records[2].score).toBe(0);
  });
});

describe("evaluate on open prompts", () => {
  it("reports lengths, tokens and cost without ground truth", () => {
    const rows = [
      resultRow("p1", { prompt_id: "p1", category: "facts" }, "Paris is the capital.", { output_tokens: 5, cost_usd: 0.002 }),
      resultRow("p2", { prompt_id: "p2", category: "facts" }, "Yes", { output_tokens: 1, cost_usd: 0.001 }),
      resultRow("p3", { prompt_id: "p3", category: "math" }, null),
    ];
    const evaluation = evaluate(openTask(), rows);
    expect(evaluation.counts).toMatchObject({ succeeded: 2, failed: 1, unscored: 2 });
    expect(evaluation.metrics.mean_words.value).toBe(2.5);
    expect(evaluation.metrics.mean_chars.value).toBe((21 + 3) / 2);
    expect(evaluation.metrics.mean_output_tokens.value).toBe(3);
    expect(evaluation.metrics.total_output_tokens).toEqual({ value: 6, low: null, high: null, n: 2 });
    expect(evaluation.metrics.total_cost_usd.value).toBeCloseTo(0.003, 12);
    expect(evaluation.confusion).toBeNull();
  });
});

describe("evaluate on visual QA", () => {
  it("scores boxes by IoU and texts by exact match and token F1", () => {
    const task = vqaTask();
    const rows = [
      resultRow("v1", { question: "Where is the dog?", answer: [0, 0, 10, 10], category: "where" }, "[5, 5, 15, 15]"),
      resultRow("v2", { question: "Where is the cat?", answer: [0, 0, 10, 10], category: "where" }, "[0, 0, 10, 8]"),
      resultRow("v3", { question: "What colour?", answer: ["red", "dark red"], category: "what" }, "Dark red."),
      resultRow("v4", { question: "How many?", answer: "two dogs", category: "what" }, "two cats"),
      resultRow("v5", { question: "Where is the bird?", answer: [0, 0, 4, 4], category: "where" }, "top left"),
    ];
    const evaluation = evaluate(task, rows);
    expect(evaluation.records.map((record) => record.outcome)).toEqual(["wrong", "correct", "correct", "wrong", "unparseable"]);
    expect(evaluation.metrics.mean_iou.value).toBeCloseTo((1 / 7 + 0.8 + 0) / 3, 12);
    expect(evaluation.metrics.exact_match.value).toBe(0.5);
    expect(evaluation.metrics.token_f1.value).toBeCloseTo((1 + 0.5) / 2, 12);
    expect(evaluation.metrics.accuracy.value).toBeCloseTo(2 / 5, 12);
  });

  it("says how to give the vqa task a dataset when none is shipped", async () => {
    await expect(vqaTask().load()).rejects.toThrow(/no dataset yet — use vqaTask\(\{ file/);
  });
});
