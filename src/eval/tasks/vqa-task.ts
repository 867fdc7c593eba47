/**
 * Visual QA: the answer is a short text (scored by normalised exact match and token F1) or a
 * box `[x1, y1, x2, y2]` (scored by IoU; correct when IoU >= the threshold). No dataset ships
 * yet: pass `file` (rows with `question`, `answer` and an image field).
 */
import { ConfigError } from "../../errors.js";
import { readField } from "../../data/field-path.js";
import { extractBox, toBox } from "../extract/box.js";
import { extractShortAnswer } from "../extract/short-answer.js";
import { iou, type Box } from "../metrics/iou.js";
import { exactMatch, tokenF1 } from "../metrics/text-match.js";
import { accuracyMetric, meanMetric, unparseableRateMetric } from "../metric.js";
import { defineTask, type PromptTemplates, type Task } from "../task.js";

/** The ground truth of a VQA row: a box, or the accepted answer texts. */
export type VqaExpected = { box: Box } | { texts: string[] };

/** Options of {@link vqaTask}. */
export interface VqaTaskOptions {
  /** Default `vqa`. */
  name?: string;
  /** The dataset file; without it, `load()` throws (evaluating results still works). */
  file?: string;
  /** Default `question_id`. */
  key?: string;
  /** Field with the answer: a box `[x1, y1, x2, y2]`, a text, or a list of accepted texts. Default `answer`. */
  answerField?: string;
  /** IoU at or above which a box counts as correct. Default 0.5. */
  iouThreshold?: number;
  /** Default `category`. */
  groupBy?: string | readonly string[];
  prompt?: PromptTemplates;
}

export const VQA_PROMPT: PromptTemplates = {
  user: "{question}\n\nAnswer in a few words. If the question asks where something is, answer with its box [x1, y1, x2, y2] in pixels.",
};

/** A visual QA task (text or box answers). */
export function vqaTask(options: VqaTaskOptions = {}): Task<Box | string, VqaExpected> {
  const answerField = options.answerField ?? "answer";
  const threshold = options.iouThreshold ?? 0.5;
  const name = options.name ?? "vqa";
  const expected = (fields: Record<string, unknown>) => expectedOf(readField(fields, answerField));
  return defineTask<Box | string, VqaExpected>({
    name,
    description: `Visual QA: text answers by normalised exact match and token F1; box answers by IoU (correct when IoU >= ${threshold}).`,
    load: options.file
      ? { file: options.file, key: options.key ?? "question_id" }
      : () => {
          throw new ConfigError(`task "${name}" has no dataset yet — use vqaTask({ file: "my-vqa.jsonl", key: "question_id" })`);
        },
    prompt: options.prompt ?? VQA_PROMPT,
    extract: (text, fields) => {
      const truth = expected(fields);
      return truth && "box" in truth ? extractBox(text) : extractShortAnswer(text);
    },
    expected,
    score: (answer, truth) => {
      if ("box" in truth) {
        const overlap = typeof answer === "string" ? 0 : iou(answer, truth.box);
        return { correct: overlap >= threshold, score: overlap };
      }
      const text = typeof answer === "string" ? answer : JSON.stringify(answer);
      return { correct: exactMatch(text, truth.texts) === 1, score: tokenF1(text, truth.texts) };
    },
    metrics: [
      accuracyMetric(),
      meanMetric("exact_match", (record) => (isText(record.expected) ? (record.correct ? 1 : 0) : undefined), "normalised exact match (text answers)"),
      meanMetric("token_f1", (record) => (isText(record.expected) ? record.score : undefined), "SQuAD token F1 (text answers)"),
      meanMetric("mean_iou", (record) => (isBox(record.expected) ? record.score : undefined), "mean IoU (box answers; unparseable counts as 0)"),
      unparseableRateMetric(),
    ],
    groupBy: options.groupBy ?? "category",
  });
}

function expectedOf(value: unknown): VqaExpected | null {
  const box = Array.isArray(value) && value.length === 4 ? toBox(value) : typeof value === "string" && /^\s*\[/.test(value) ? toBox(value) : null;
  if (box) return { box };
  if (typeof value === "string" || typeof value === "number") return { texts: [String(value)] };
  if (Array.isArray(value) && value.length > 0 && value.every((entry) => typeof entry === "string")) return { texts: value as string[] };
  return null;
}

function isText(expected: VqaExpected | null): boolean {
  return expected !== null && "texts" in expected;
}

function isBox(expected: VqaExpected | null): boolean {
  return expected !== null && "box" in expected;
}
