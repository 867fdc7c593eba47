/** Multiple choice: read the chosen letter from free text and compare it with the answer key. */
import { readField } from "../../data/field-path.js";
import { choiceOptions } from "../extract/choice-options.js";
import { extractChoice } from "../extract/choice-answer.js";
import { normalizeAnswer } from "../metrics/text-match.js";
import { accuracyMetric, parsedAccuracyMetric, unparseableRateMetric } from "../metric.js";
import { defineTask, type PromptTemplates, type Task } from "../task.js";
import { shippedDataset } from "./shipped-dataset.js";

/** The prompt the shipped `datasets/mcq-mini/config.yaml` uses. */
export const MCQ_PROMPT: PromptTemplates = {
  system: "You answer multiple-choice questions. Reply with the letter of the correct option.",
  user: "{question}\n\nA) {options.A}\nB) {options.B}\nC) {options.C}\nD) {options.D}\n\nAnswer with the letter of the correct option (A, B, C or D).",
};

/** Options of {@link mcqTask}; every one has a default that fits `datasets/mcq-mini`. */
export interface McqTaskOptions {
  /** Default `mcq`. */
  name?: string;
  /** Dataset file. Default: the shipped `datasets/mcq-mini/questions.json`. */
  file?: string;
  /** Key field. Default `question_id`. */
  key?: string;
  /** Field with the options (`{A: ..., B: ...}` or a list). Default `options`. */
  optionsField?: string;
  /** Field with the answer letter (or the option's text). Default `answer`. */
  answerField?: string;
  /** Default `category`. */
  groupBy?: string | readonly string[];
  /** Default {@link MCQ_PROMPT}. */
  prompt?: PromptTemplates;
}

/** A multiple-choice task; `mcqTask()` is the built-in `mcq` over mcq-mini. */
export function mcqTask(options: McqTaskOptions = {}): Task<string, string> {
  const optionsField = options.optionsField ?? "options";
  const answerField = options.answerField ?? "answer";
  return defineTask<string, string>({
    name: options.name ?? "mcq",
    description: "Multiple choice: the option letter is read from free text; unparseable and ambiguous answers are their own category.",
    load: {
      file: options.file ?? shippedDataset("mcq-mini", "questions.json"),
      key: options.key ?? "question_id",
      name: options.file ? undefined : "mcq-mini",
    },
    prompt: options.prompt ?? MCQ_PROMPT,
    extract: (text, fields) => extractChoice(text, readField(fields, optionsField)),
    expected: (fields) => expectedLetter(readField(fields, answerField), readField(fields, optionsField)),
    score: (answer, expected) => ({ correct: answer === expected }),
    metrics: [accuracyMetric(), parsedAccuracyMetric(), unparseableRateMetric()],
    groupBy: options.groupBy ?? "category",
    confusion: true,
  });
}

/** The answer key as a letter: a letter among the options, or the text of one option. */
function expectedLetter(answer: unknown, options: unknown): string | null {
  if (typeof answer !== "string" || answer.trim() === "") return null;
  const choices = choiceOptions(options);
  const letter = answer.trim().toUpperCase();
  if (choices.has(letter)) return letter;
  const text = normalizeAnswer(answer);
  for (const [key, option] of choices) if (option && normalizeAnswer(option) === text) return key;
  return null;
}
