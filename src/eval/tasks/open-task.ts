/** Open prompts: no ground truth, so the metrics describe the answers (length, tokens, cost). */
import { cleanText } from "../extract/clean-text.js";
import { meanMetric, sumMetric, type Metric } from "../metric.js";
import { defineTask, type PromptTemplates, type Task } from "../task.js";
import { shippedDataset } from "./shipped-dataset.js";

/** Options of {@link openTask}; defaults fit `datasets/prompts/prompts.jsonl`. */
export interface OpenTaskOptions {
  /** Default `open`. */
  name?: string;
  /** Default: the shipped `datasets/prompts/prompts.jsonl`. */
  file?: string;
  /** Default `prompt_id`. */
  key?: string;
  /** Default `category`. */
  groupBy?: string | readonly string[];
  /** Default `{prompt}`. */
  prompt?: string | PromptTemplates;
}

/** A task without ground truth; `openTask()` is the built-in `open` over the shipped prompts. */
export function openTask(options: OpenTaskOptions = {}): Task<string, unknown> {
  return defineTask<string, unknown>({
    name: options.name ?? "open",
    description: "Open prompts without ground truth: answer lengths, tokens and cost (when the results carry one).",
    load: {
      file: options.file ?? shippedDataset("prompts", "prompts.jsonl"),
      key: options.key ?? "prompt_id",
      name: options.file ? undefined : "prompts",
    },
    prompt: options.prompt ?? "{prompt}",
    extract: (text) => {
      const answer = text.trim();
      return answer === "" ? { answer: null, reason: "empty response" } : { answer };
    },
    metrics: openMetrics(),
    groupBy: options.groupBy ?? "category",
  });
}

/** Length, token and cost metrics, usable by any task. */
export function openMetrics(): Metric[] {
  return [
    meanMetric("mean_chars", (record) => (record.text ?? "").trim().length, "mean answer length in characters"),
    meanMetric("mean_words", (record) => wordCount(record.text ?? ""), "mean answer length in words"),
    meanMetric("mean_input_tokens", (record) => record.input_tokens, "mean input tokens per row"),
    meanMetric("mean_output_tokens", (record) => record.output_tokens, "mean output tokens per row"),
    sumMetric("total_input_tokens", (record) => record.input_tokens, "input tokens of all answered rows"),
    sumMetric("total_output_tokens", (record) => record.output_tokens, "output tokens of all answered rows"),
    sumMetric("total_cost_usd", (record) => record.cost, "summed cost in USD of the priced rows (null when none is priced)"),
    meanMetric("empty_rate", (record) => (record.unparseable ? 1 : 0), "share of empty answers"),
  ];
}

function wordCount(text: string): number {
  const words = cleanText(text).match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu);
  return words ? words.length : 0;
}
