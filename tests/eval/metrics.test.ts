import { describe, expect, it } from "vitest";
import { accuracy, mean } from "../../src/eval/metrics/accuracy.js";
import { entityF1, entityScores } from "../../src/eval/metrics/entity-f1.js";
import { iou, meanIou } from "../../src/eval/metrics/iou.js";
import { mcnemarExact } from "../../src/eval/metrics/mcnemar.js";
import { exactMatch, normalizeAnswer, tokenF1 } from "../../src/eval/metrics/text-match.js";

describe("accuracy and means", () => {
  it("gives the share of true values and null for no values", () => {
    expect(accuracy([true, false, true, true])).toBe(0.75);
    expect(accuracy([])).toBeNull();
    expect(mean([0.5, 1, 0])).toBe(0.5);
    expect(mean([])).toBeNull();
  });
});

describe("SQuAD-style normalisation, exact match and token F1", () => {
  it("lowercases and strips punctuation, articles and extra whitespace", () => {
    expect(normalizeAnswer("The  Eiffel Tower!")).toBe("eiffel tower");
    expect(normalizeAnswer("An apple, a day.")).toBe("apple day");
    expect(normalizeAnswer("  Rock-'n'-roll ")).toBe("rocknroll");
  });

  it("matches exactly after normalisation, against the best of several references", () => {
    expect(exactMatch("the Eiffel tower.", "Eiffel Tower")).toBe(1);
    expect(exactMatch("Tower", "Eiffel Tower")).toBe(0);
    expect(exactMatch("NYC", ["New York City", "nyc"])).toBe(1);
  });

  it("computes token F1 as in the SQuAD script", () => {
    // pred [cat sat on mat], gold [cat sat on red mat]: P = 4/4, R = 4/5, F1 = 8/9
    expect(tokenF1("the cat sat on the mat", "a cat sat on a red mat")).toBeCloseTo(8 / 9, 12);
    // shared tokens count once per occurrence: P = R = 2/3
    expect(tokenF1("cat cat dog", "cat dog dog")).toBeCloseTo(2 / 3, 12);
    expect(tokenF1("dog", "cat")).toBe(0);
    expect(tokenF1("the", "a")).toBe(1);
    expect(tokenF1("", "cat")).toBe(0);
    expect(tokenF1("cat", ["dog", "the cat"])).toBe(1);
  });
});

describe("intersection over union", () => {
  it("matches hand-computed overlaps", () => {
    expect(iou([0, 0, 10, 10], [5, 5, 15, 15])).toBeCloseTo(25 / 175, 12);
    expect(iou([0, 0, 10, 10], [0, 0, 10, 10])).toBe(1);
    expect(iou([0, 0, 10, 10], [0, 0, 5, 10])).toBe(0.5);
    expect(iou([0, 0, 10, 10], [10, 0, 20, 10])).toBe(0);
    expect(iou([0, 0, 10, 10], [20, 20, 30, 30])).toBe(0);
    expect(iou([3, 3, 3, 3], [3, 3, 3, 3])).toBe(1);
  });

  it("averages IoU with a missing prediction counted as 0", () => {
    const pairs = [
      { predicted: [0, 0, 10, 10] as const, expected: [5, 5, 15, 15] as const },
      { predicted: [1, 2, 3, 4] as const, expected: [1, 2, 3, 4] as const },
      { predicted: null, expected: [0, 0, 1, 1] as const },
    ];
    expect(meanIou(pairs)).toBeCloseTo((1 / 7 + 1 + 0) / 3, 12);
    expect(meanIou([])).toBeNull();
  });
});

describe("entity-level precision, recall and F1", () => {
  const rows = [
    {
      expected: [
        { type: "PER", text: "Angela Merkel" },
        { type: "LOC", text: "Berlin" },
        { type: "ORG", text: "Siemens" },
      ],
      predicted: [
        { type: "PER", text: "Angela Merkel" },
        { type: "LOC", text: "Berlin" },
        { type: "LOC", text: "Siemens" },
      ],
    },
    {
      expected: [
        { type: "MISC", text: "German" },
        { type: "PER", text: "Olaf Scholz" },
      ],
      predicted: [
        { type: "MISC", text: "german" },
        { type: "ORG", text: "Bundestag" },
      ],
    },
  ];

  it("micro-averages over rows: 3 matched, 2 spurious, 2 missed", () => {
    const { overall } = entityF1(rows);
    expect(overall.counts).toEqual({ truePositives: 3, falsePositives: 2, falseNegatives: 2 });
    expect(overall.precision).toBeCloseTo(0.6, 12);
    expect(overall.recall).toBeCloseTo(0.6, 12);
    expect(overall.f1).toBeCloseTo(0.6, 12);
  });

  it("scores each type on its own (a right text with the wrong type is wrong twice)", () => {
    const { byType } = entityF1(rows);
    expect(byType.PER).toMatchObject({ precision: 1, recall: 0.5 });
    expect(byType.PER.f1).toBeCloseTo(2 / 3, 12);
    expect(byType.LOC).toMatchObject({ precision: 0.5, recall: 1 });
    expect(byType.LOC.f1).toBeCloseTo(2 / 3, 12);
    expect(byType.ORG).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    expect(byType.MISC).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });

  it("counts a repeated entity only as often as it is expected", () => {
    const { overall } = entityF1([
      { expected: [{ type: "LOC", text: "Paris" }], predicted: [{ type: "LOC", text: "Paris" }, { type: "LOC", text: "Paris." }] },
    ]);
    expect(overall.counts).toEqual({ truePositives: 1, falsePositives: 1, falseNegatives: 0 });
  });

  it("leaves scores undefined (null) when nothing was expected or predicted", () => {
    expect(entityScores({ truePositives: 0, falsePositives: 0, falseNegatives: 0 })).toMatchObject({ precision: null, recall: null, f1: null });
  });
});

describe("McNemar's exact test", () => {
  it("matches hand-computed binomial tails", () => {
    // n = 7 discordant, min = 1: 2 * (C(7,0) + C(7,1)) / 2^7 = 16/128
    expect(mcnemarExact(1, 6)).toBeCloseTo(0.125, 12);
    expect(mcnemarExact(6, 1)).toBeCloseTo(0.125, 12);
    // n = 4, min = 1: 2 * (1 + 4) / 16
    expect(mcnemarExact(3, 1)).toBeCloseTo(0.625, 12);
    expect(mcnemarExact(0, 10)).toBeCloseTo(2 / 1024, 12);
    expect(mcnemarExact(5, 5)).toBe(1);
    expect(mcnemarExact(0, 0)).toBe(1);
  });

  it("stays finite for large counts", () => {
    const p = mcnemarExact(4000, 6000);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-50);
    expect(mcnemarExact(50_000, 50_000)).toBe(1);
  });
});
