import { describe, expect, it } from "vitest";
import { extractBox } from "../../src/eval/extract/box.js";
import { extractEntities, normalizeEntityType } from "../../src/eval/extract/entities.js";
import { extractShortAnswer } from "../../src/eval/extract/short-answer.js";

const merkel = [
  { type: "PER", text: "Angela Merkel" },
  { type: "LOC", text: "Berlin" },
];

describe("named-entity extraction", () => {
  const formats: [string, string][] = [
    ["a JSON list of {text, type}", '[{"text": "Angela Merkel", "type": "PER"}, {"text": "Berlin", "type": "LOC"}]'],
    ["JSON in a fenced block after prose", 'Sure:\n```json\n[{"entity": "Angela Merkel", "label": "person"}, {"entity": "Berlin", "label": "location"}]\n```'],
    ["an object with an entities list", '{"entities": [{"text": "Angela Merkel", "type": "PER"}, {"text": "Berlin", "type": "GPE"}]}'],
    ["an object keyed by type", '{"PER": ["Angela Merkel"], "LOC": ["Berlin"], "ORG": []}'],
    ["a list of [text, type] pairs", '[["Angela Merkel", "PER"], ["Berlin", "LOC"]]'],
    ["type-first lines", "PER: Angela Merkel\nLOC: Berlin"],
    ["bulleted text-first lines with parentheses", "- Angela Merkel (PER)\n- Berlin (LOC)"],
    ["a markdown table", "| Entity | Type |\n|---|---|\n| Angela Merkel | PER |\n| Berlin | LOC |"],
    ["lines with dashes and full type names", "1. Angela Merkel - Person\n2. Berlin - Location"],
  ];
  for (const [name, text] of formats) {
    it(`reads PER and LOC spans from ${name}`, () => {
      const result = extractEntities(text);
      expect(result.reason).toBeUndefined();
      expect(result.answer).toEqual(merkel);
    });
  }

  it("splits several names after one type label", () => {
    expect(extractEntities("ORG: Siemens, BMW; Airbus").answer).toEqual([
      { type: "ORG", text: "Siemens" },
      { type: "ORG", text: "BMW" },
      { type: "ORG", text: "Airbus" },
    ]);
  });

  it("reads an empty list or a 'none' reply as no entities, not as unparseable", () => {
    expect(extractEntities("[]")).toEqual({ answer: [], method: "json" });
    expect(extractEntities("No entities found.")).toEqual({ answer: [], method: "none" });
  });

  it("reports prose without any entity list as unparseable", () => {
    const result = extractEntities("The sentence talks about a politician visiting a city.");
    expect(result.answer).toBeNull();
    expect(result.reason).toMatch(/no entity list/);
    expect(extractEntities("  ").reason).toMatch(/empty/);
  });

  it("maps type names onto PER, ORG, LOC and MISC and keeps other types uppercased", () => {
    expect(["person", "Organisation", "GPE", "nationality", "date"].map(normalizeEntityType)).toEqual(["PER", "ORG", "LOC", "MISC", "DATE"]);
  });
});

describe("box extraction", () => {
  const formats: [string, string][] = [
    ["a bare list", "[10, 20, 110, 220]"],
    ["a JSON object with box", '{"box": [10, 20, 110, 220]}'],
    ["a JSON object with corner keys", '{"x1": 10, "y1": 20, "x2": 110, "y2": 220}'],
    ["prose with parentheses", "The dog is at (10, 20, 110, 220) in the image."],
    ["decimals", "bbox: [10.0, 20.0, 110.0, 220.0]"],
    ["swapped corners", "[110, 220, 10, 20]"],
  ];
  for (const [name, text] of formats) {
    it(`reads [x1, y1, x2, y2] from ${name}`, () => {
      expect(extractBox(text).answer).toEqual([10, 20, 110, 220]);
    });
  }

  it("reports text without four numbers as unparseable", () => {
    expect(extractBox("left side, near the top")).toEqual({ answer: null, reason: "no box [x1, y1, x2, y2] found" });
    expect(extractBox("[1, 2, 3]").answer).toBeNull();
  });
});

describe("short answers", () => {
  it("takes the JSON answer, or the first line without an answer label", () => {
    expect(extractShortAnswer('{"answer": "two dogs"}').answer).toBe("two dogs");
    expect(extractShortAnswer("Answer: **Two dogs.**\nThey are playing.").answer).toBe("Two dogs");
    expect(extractShortAnswer("").answer).toBeNull();
  });
});
