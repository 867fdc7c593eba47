/**
 * A task: where its rows come from, how a prompt is written, how an answer is read from a
 * model's text, what it is compared with, and which metrics (by which groups) to report.
 */
import { ConfigError } from "../errors.js";
import { compileTemplate } from "../data/template.js";
import type { Item } from "../types.js";
import { loadDatasetItems, type DatasetSource } from "./load-items.js";
import type { Metric } from "./metric.js";

/** What `extract` read from a model's text. A null answer means unparseable; say why in `reason`. */
export interface Extracted<A> {
  answer: A | null;
  /** Why nothing could be read (e.g. "ambiguous: A and C"). */
  reason?: string;
  /** Which rule found the answer, for debugging extraction. */
  method?: string;
}

/** How one answer compares with the expected one. */
export interface RowScore {
  correct: boolean;
  /** 0..1. Default: 1 when correct, else 0. */
  score?: number;
}

/** Prompt templates in batchlab's syntax (`{field}`, `{options.A}`), as a config step uses them. */
export interface PromptTemplates {
  system?: string;
  user: string;
}

/** What {@link defineTask} takes. */
export interface TaskDefinition<A = unknown, E = unknown> {
  /** Registry name: letters, digits, `_`, `-`, `.`. */
  name: string;
  description?: string;
  /** The dataset: a file (JSON, JSONL, CSV), a file with its key field, or a function giving keyed items. */
  load: string | DatasetSource | (() => Promise<Item[]> | Item[]);
  /** Step templates over the dataset's fields, or a function writing the user prompt for a row. */
  prompt: string | PromptTemplates | ((fields: Record<string, unknown>) => string);
  /** Read the answer from the model's text. Return `{answer: null, reason}` when there is none. */
  extract(text: string, fields: Record<string, unknown>): Extracted<A>;
  /** The ground truth of a row; null/undefined when it has none. Leave out for tasks without one. */
  expected?(fields: Record<string, unknown>): E | null | undefined;
  /** Compare an extracted answer with the expected one. Default: equal after SQuAD normalisation. */
  score?(answer: A, expected: E, fields: Record<string, unknown>): RowScore;
  /** The metrics to report, in order. */
  metrics: readonly Metric<any, A, E>[];
  /** Fields to break metrics down by (e.g. `category`); dotted names read nested fields. */
  groupBy?: string | readonly string[];
  /** Build an expected × predicted matrix (answers are labels, e.g. letters). Default false. */
  confusion?: boolean;
}

/** A defined task: the definition with its parts normalised. */
export interface Task<A = unknown, E = unknown> {
  readonly name: string;
  readonly description: string;
  /** The dataset file (and key field) when the task loads from a file. */
  readonly dataset: DatasetSource | null;
  /** The prompt templates when the prompt is written as templates (usable as a config step). */
  readonly templates: PromptTemplates | null;
  readonly groupBy: readonly string[];
  readonly confusion: boolean;
  readonly metrics: readonly Metric<any, A, E>[];
  /** The dataset's rows, keyed. Throws ValidationError listing every bad row. */
  load(): Promise<Item[]>;
  /** The user (and system) prompt for one row. */
  renderPrompt(fields: Record<string, unknown>): PromptTemplates;
  extract(text: string, fields: Record<string, unknown>): Extracted<A>;
  expected(fields: Record<string, unknown>): E | null;
  /** Null when the task has no ground truth. */
  readonly score: ((answer: A, expected: E, fields: Record<string, unknown>) => RowScore) | null;
  /** True when the task defines `expected` (it has ground truth). */
  readonly hasExpected: boolean;
}

const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** Check and normalise a task definition. Throws ConfigError naming the task and the problem. */
export function defineTask<A = unknown, E = unknown>(definition: TaskDefinition<A, E>): Task<A, E> {
  const { name } = definition;
  if (typeof name !== "string" || !NAME.test(name)) {
    throw new ConfigError(`task name ${JSON.stringify(name)} is invalid — use letters, digits, _, - and . only`);
  }
  checkMetrics(name, definition.metrics);
  const dataset = datasetOf(definition.load);
  const templates = templatesOf(name, definition.prompt);
  const render = templates ? compileTemplates(templates) : null;
  const groupBy = definition.groupBy === undefined ? [] : typeof definition.groupBy === "string" ? [definition.groupBy] : [...definition.groupBy];
  const { load, prompt, expected } = definition;
  return {
    name,
    description: definition.description ?? "",
    dataset,
    templates,
    groupBy,
    confusion: definition.confusion ?? false,
    metrics: [...definition.metrics],
    load: async () => (dataset ? loadDatasetItems(dataset) : (load as () => Promise<Item[]> | Item[])()),
    renderPrompt: (fields) => (typeof prompt === "function" ? { user: prompt(fields) } : render!(fields)),
    extract: definition.extract,
    expected: (fields) => expected?.(fields) ?? null,
    score: definition.score ?? null,
    hasExpected: expected !== undefined,
  };
}

function checkMetrics(task: string, metrics: readonly Metric<any>[] | undefined): void {
  if (!Array.isArray(metrics) || metrics.length === 0) {
    throw new ConfigError(`task "${task}" has no metrics — give at least one, e.g. accuracyMetric()`);
  }
  const seen = new Set<string>();
  for (const metric of metrics) {
    if (seen.has(metric.name)) throw new ConfigError(`task "${task}" has two metrics named "${metric.name}" — rename one`);
    seen.add(metric.name);
  }
}

function datasetOf(load: TaskDefinition["load"]): DatasetSource | null {
  if (typeof load === "string") return { file: load };
  if (typeof load === "function") return null;
  return load;
}

function templatesOf(task: string, prompt: TaskDefinition["prompt"]): PromptTemplates | null {
  if (typeof prompt === "function") return null;
  const templates = typeof prompt === "string" ? { user: prompt } : prompt;
  try {
    compileTemplate(templates.user);
    if (templates.system) compileTemplate(templates.system);
  } catch (error) {
    throw new ConfigError(`task "${task}" prompt: ${(error as Error).message.replace(/^\[batchlab\] /, "")}`, { cause: error });
  }
  return templates;
}

function compileTemplates(templates: PromptTemplates): (fields: Record<string, unknown>) => PromptTemplates {
  const user = compileTemplate(templates.user);
  const system = templates.system ? compileTemplate(templates.system) : undefined;
  return (fields) => (system ? { system: system.render(fields), user: user.render(fields) } : { user: user.render(fields) });
}
