import { describe, expect, it } from "vitest";
import { compareEvaluations } from "../../src/eval/compare.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { question, resultRow } from "./fixtures.js";

// Ten shared rows, all with answer B. A is right on 1–7, B on 1–4 and 8:
// both right 4, only A 3, only B 1, both wrong 2. Plus one row only A has, and one B failed.
const rightA = new Set([1, 2, 3, 4, 5, 6, 7]);
const rightB = new Set([1, 2, 3, 4, 8]);
const rowsFor = (right: Set<number>) =>
  Array.from({ length: 10 }, (_, index) => {
    const key = `k${index + 1}`;
    return resultRow(key, question(key, "geography", "B"), right.has(index + 1) ? "B" : "C");
  });
const rowsA = [...rowsFor(rightA), resultRow("k11", question("k11", "math", "B"), "B"), resultRow("k12", question("k12", "math", "B"), "B")];
const rowsB = [...rowsFor(rightB), resultRow("k12", question("k12", "math", "B"), null)];
const a = evaluate("mcq", rowsA, { model: "model-a" });
const b = evaluate("mcq", rowsB, { model: "model-b" });

describe("paired comparison of two evaluations", () => {
  const comparison = compareEvaluations(a, b);

  it("matches rows by key and counts the 2×2 table", () => {
    expect(comparison.n).toBe(10);
    expect(comparison.counts).toEqual({ bothRight: 4, onlyA: 3, onlyB: 1, bothWrong: 2 });
    expect(comparison.excluded).toEqual({ onlyInA: 1, onlyInB: 0, notScored: 1 });
  });

  it("gives the accuracy difference A − B with a paired-bootstrap interval", () => {
    expect([comparison.a, comparison.b]).toEqual(["model-a", "model-b"]);
    expect(comparison.valueA).toBeCloseTo(0.7, 12);
    expect(comparison.valueB).toBeCloseTo(0.5, 12);
    expect(comparison.difference).toBeCloseTo(0.2, 12);
    expect(comparison.low).toBeLessThan(0.2);
    expect(comparison.high).toBeGreaterThan(0.2);
    expect(comparison.low).toBeGreaterThanOrEqual(-0.3);
    expect(comparison.high).toBeLessThanOrEqual(0.6);
  });

  it("gives McNemar's exact p-value for 3 against 1 discordant rows", () => {
    expect(comparison.mcnemarP).toBeCloseTo(0.625, 12);
  });

  it("is reproducible with the seed and mirrored when A and B swap", () => {
    expect(compareEvaluations(a, b)).toEqual(comparison);
    const swapped = compareEvaluations(b, a);
    expect(swapped.difference).toBeCloseTo(-0.2, 12);
    expect(swapped.counts).toEqual({ bothRight: 4, onlyA: 1, onlyB: 3, bothWrong: 2 });
    // Ten rows give few distinct resampled means: some other seed must move an end.
    const intervals = [1, 2, 3, 4, 5].map((seed) => compareEvaluations(a, b, { seed })).map(({ low, high }) => `${low},${high}`);
    expect(new Set([`${comparison.low},${comparison.high}`, ...intervals]).size).toBeGreaterThan(1);
  });

  it("compares per-row scores when asked", () => {
    expect(compareEvaluations(a, b, { on: "score" })).toMatchObject({ on: "score", n: 10 });
  });
});
