import { describe, expect, it } from "vitest";
import { extractChoice } from "../../src/eval/extract/choice-answer.js";

const options = { A: "London", B: "Paris", C: "Berlin", D: "Madrid" };

const formats: [string, string, string][] = [
  ["a bare letter", "B", "B"],
  ["a lowercase letter in parentheses", "(b)", "B"],
  ["a lowercase letter with a closing parenthesis", "b)", "B"],
  ["a letter with a full stop", "B.", "B"],
  ["an answer label with the option text", "Answer: B) Paris", "B"],
  ["a sentence naming the letter", "The answer is B", "B"],
  ["a bold markdown letter", "**B**", "B"],
  ["the word option and a letter", "Option B", "B"],
  ["a hedged letter in parentheses with a reason", "I think it's (C) because Berlin is large.", "C"],
  ["a final answer line", "Final answer: D", "D"],
  ["the option text itself", "Paris", "B"],
  ["a lowercase sentence", "the answer is b.", "B"],
  ["a markdown heading and bold option", "## Answer\n\n**B) Paris**\n\nParis has been the capital for centuries.", "B"],
  ["a leading letter with a trailing explanation", "B. Paris is the capital of France; it is also its largest city.", "B"],
  ["a first committed answer with a negated one", "B and not C", "B"],
  ["a JSON object", '{"answer": "B"}', "B"],
  ["fenced JSON with a lowercase letter", 'Here you go:\n```json\n{"answer": "b"}\n```', "B"],
  ["JSON holding the option text", '{"answer": "Paris"}', "B"],
  ["reasoning that mentions other options before a final answer", "London is in the UK and Berlin is in Germany. Final answer: B", "B"],
  ["a correct-answer sentence with a parenthesised letter", "The correct answer is (B) Paris.", "B"],
  ["a LaTeX boxed letter", "$\\boxed{B}$", "B"],
  ["a letter on its own line before an explanation", "B\n\nExplanation: Paris is the capital.", "B"],
  ["the option text inside a sentence", "The capital of France is Paris.", "B"],
  ["a choice phrase", "I'd go with B.", "B"],
  ["an answer followed by a rejected letter", "The answer is B, not C.", "B"],
  ["a rejected letter before the answer", "C is wrong; the answer is A.", "A"],
  ["a lowercase article-like letter when it is the whole answer", "a", "A"],
  ["a lowercase letter after an answer label", "The answer is: (a)", "A"],
  ["a capital A after a label", "Answer: A", "A"],
  ["a letter with a colon and the text", "D: Madrid", "D"],
  ["a letter in brackets", "[C]", "C"],
  ["an uppercase answer label", "ANSWER: B", "B"],
  ["a correct-option label with a lowercase letter", "Correct option: (d)", "D"],
  [
    "reasoning that walks through the lettered options before concluding",
    "Let's analyze each option:\nA) London - capital of the UK\nB) Paris - capital of France\nC) Berlin\nD) Madrid\n\nTherefore, the answer is B.",
    "B",
  ],
  ["a rejected option before the chosen one", "Option A is wrong; option B is right.", "B"],
];

describe("multiple-choice letter extraction", () => {
  it("covers at least 15 distinct answer formats", () => {
    expect(new Set(formats.map(([, text]) => text)).size).toBeGreaterThanOrEqual(15);
  });

  for (const [name, text, letter] of formats) {
    it(`reads ${letter} from ${name}: ${JSON.stringify(text)}`, () => {
      const result = extractChoice(text, options);
      expect(result.reason).toBeUndefined();
      expect(result.answer).toBe(letter);
    });
  }

  it("treats a leading lowercase article as prose, not the letter A", () => {
    expect(extractChoice("a city on the Seine, Paris", options).answer).toBe("B");
  });

  it("reads letters of options given as a list", () => {
    expect(extractChoice("The answer is (E).", ["1", "2", "3", "4", "5"]).answer).toBe("E");
  });

  it("ignores letters that are not among the options", () => {
    expect(extractChoice("E", options)).toEqual({ answer: null, reason: "no option letter or option text found" });
  });

  it("tells apart options that differ only in punctuation", () => {
    const contractions = { A: "doesn't", B: "do'nt", C: "don't", D: "dont'" };
    expect(extractChoice("don't", contractions).answer).toBe("C");
    expect(extractChoice("The answer is don't.", contractions).answer).toBe("C");
  });

  it("reads an option text that starts with a capital letter as that option, not as the letter", () => {
    const bloodTypes = { A: "AB positive", B: "O negative", C: "A positive", D: "B negative" };
    expect(extractChoice("The answer is A positive.", bloodTypes)).toEqual({ answer: "C", method: "option-text" });
    expect(extractChoice("The answer is A.", bloodTypes).answer).toBe("A");
  });

  it("prefers the longest option text over one it contains", () => {
    expect(extractChoice("New York", { A: "York", B: "New York", C: "Boston", D: "Leeds" }).answer).toBe("B");
  });
});

describe("unparseable multiple-choice answers", () => {
  const unparseable: [string, string, RegExp][] = [
    ["an empty reply", "   ", /empty/],
    ["a refusal without a letter", "I don't know.", /no option letter/],
    ["two letters joined by or", "A or C", /ambiguous: A and C/],
    ["an answer sentence with two letters", "The answer is B or C.", /ambiguous: B and C/],
    ["a comma-separated pair", "B, D", /ambiguous: B and D/],
    ["two letters in parentheses", "Either (A) or (D) could be right.", /ambiguous: A and D/],
    ["two option texts", "Paris or London", /ambiguous/],
    ["a JSON answer that is not an option", '{"answer": "maybe"}', /no option letter/],
    ["an echoed option list without a conclusion", "A) London\nB) Paris\nC) Berlin\nD) Madrid", /ambiguous/],
  ];
  for (const [name, text, reason] of unparseable) {
    it(`reports ${name} as unparseable with a reason`, () => {
      const result = extractChoice(text, options);
      expect(result.answer).toBeNull();
      expect(result.reason).toMatch(reason);
    });
  }
});
