/** Named entities: read (type, text) spans from the model's text; entity-level micro P/R/F1. */
import { readField } from "../../data/field-path.js";
import { ENTITY_TYPES, extractEntities, normalizeEntityType } from "../extract/entities.js";
import { addCounts, entityCounts, entityScores, type EntityCounts, type EntitySpan } from "../metrics/entity-f1.js";
import { defineMetric, unparseableRateMetric, type Metric } from "../metric.js";
import { defineTask, type PromptTemplates, type Task } from "../task.js";
import { shippedDataset } from "./shipped-dataset.js";

/** The prompt the shipped `datasets/ner-mini/config.yaml` uses. */
export const NER_PROMPT: PromptTemplates = {
  system: "You extract named entities. Types: PER (people), ORG (organisations), LOC (places), MISC (nationalities, events, works, products, languages and other names).",
  user: 'Find the named entities in the sentence below. Reply with only a JSON list like [{{"text": "Ada Lovelace", "type": "PER"}}], using each entity\'s exact words from the sentence; reply [] when there are none.\n\nSentence: {text}',
};

/** Options of {@link nerTask}; defaults fit `datasets/ner-mini`. */
export interface NerTaskOptions {
  /** Default `ner`. */
  name?: string;
  /** Default: the shipped `datasets/ner-mini/sentences.json`. */
  file?: string;
  /** Default `sentence_id`. */
  key?: string;
  /** Field with the gold entities, a list of `{text, type}`. Default `entities`. */
  entitiesField?: string;
  /** Types that get their own F1 metric. Default PER, ORG, LOC, MISC. */
  types?: readonly string[];
  /** Default `domain`. */
  groupBy?: string | readonly string[];
  /** Default {@link NER_PROMPT}. */
  prompt?: PromptTemplates;
}

/** A named-entity task; `nerTask()` is the built-in `ner` over ner-mini. */
export function nerTask(options: NerTaskOptions = {}): Task<EntitySpan[], EntitySpan[]> {
  const entitiesField = options.entitiesField ?? "entities";
  return defineTask<EntitySpan[], EntitySpan[]>({
    name: options.name ?? "ner",
    description: "Named entities (PER, ORG, LOC, MISC): entity-level precision, recall and F1, micro-averaged and per type.",
    load: {
      file: options.file ?? shippedDataset("ner-mini", "sentences.json"),
      key: options.key ?? "sentence_id",
      name: options.file ? undefined : "ner-mini",
    },
    prompt: options.prompt ?? NER_PROMPT,
    extract: (text) => extractEntities(text),
    expected: (fields) => goldEntities(readField(fields, entitiesField)),
    score: (answer, expected) => {
      const counts = entityCounts(answer, expected);
      const f1 = entityScores(counts).f1;
      return { correct: counts.falsePositives === 0 && counts.falseNegatives === 0, score: f1 ?? 1 };
    },
    metrics: [...entityF1Metrics(options.types ?? ENTITY_TYPES), unparseableRateMetric()],
    groupBy: options.groupBy ?? "domain",
  });
}

/**
 * `entity_precision`, `entity_recall`, `entity_f1` (micro over all types) and `f1_<TYPE>` for
 * each type. An unparseable answer counts as predicting nothing (its entities are missed).
 */
export function entityF1Metrics(types: readonly string[]): Metric<EntityCounts, EntitySpan[], EntitySpan[]>[] {
  const overall = (pick: "precision" | "recall" | "f1", name: string, description: string) =>
    entityMetric(name, description, undefined, (counts) => entityScores(counts)[pick]);
  return [
    overall("precision", "entity_precision", "micro precision: matched / predicted entities"),
    overall("recall", "entity_recall", "micro recall: matched / expected entities"),
    overall("f1", "entity_f1", "micro F1 over all types (type and text must match)"),
    ...types.map((type) => entityMetric(`f1_${type}`, `F1 for ${type} entities`, type, (counts) => entityScores(counts).f1)),
  ];
}

function entityMetric(
  name: string,
  description: string,
  type: string | undefined,
  score: (counts: EntityCounts) => number | null,
): Metric<EntityCounts, EntitySpan[], EntitySpan[]> {
  return defineMetric<EntityCounts, EntitySpan[], EntitySpan[]>({
    name,
    description,
    value: (record) => (record.expected === null ? undefined : entityCounts(record.answer ?? [], record.expected, type)),
    aggregate: (values) => score(addCounts(values)),
  });
}

/** Gold entities from the row: a list of `{text, type}` (offsets, if any, are not needed). */
function goldEntities(value: unknown): EntitySpan[] | null {
  const list = typeof value === "string" ? parseList(value) : value;
  if (!Array.isArray(list)) return null;
  const spans: EntitySpan[] = [];
  for (const entry of list) {
    if (entry === null || typeof entry !== "object") continue;
    const { text, type } = entry as Record<string, unknown>;
    if (typeof text !== "string" || typeof type !== "string") continue;
    spans.push({ type: normalizeEntityType(type) ?? type, text });
  }
  return spans;
}

function parseList(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
