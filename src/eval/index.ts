/** Evaluation: tasks, answer extraction, metrics with bootstrap intervals, paired comparison. */
export { defineTask, type Task, type TaskDefinition, type Extracted, type RowScore, type PromptTemplates } from "./task.js";
export { registerTask, getTask, listTasks, unregisterTask, type TaskInfo, type RegisterOptions } from "./task-registry.js";
export { loadDatasetItems, type DatasetSource } from "./load-items.js";
export { evaluate, type EvaluateOptions } from "./evaluate.js";
export {
  toEvaluationJson,
  metricsTable,
  failureRecords,
  type EvaluationJson,
  type EvaluationJsonOptions,
  type MetricRow,
  type FailureOptions,
} from "./evaluation-json.js";
export { recordTable, type RecordCell } from "./record-table.js";
export { compareEvaluations, type CompareOptions, type PairedComparison, type PairCounts } from "./compare.js";
export type { Evaluation, EvaluationMetadata, ScoredRecord, Outcome, OutcomeCounts, MetricResult, GroupMetrics } from "./evaluation-types.js";
export {
  defineMetric,
  accuracyMetric,
  parsedAccuracyMetric,
  unparseableRateMetric,
  meanMetric,
  sumMetric,
  type Metric,
} from "./metric.js";
export { bootstrapInterval, bootstrapMeanInterval, DEFAULT_BOOTSTRAP, type BootstrapOptions, type BootstrapSettings, type Interval } from "./bootstrap.js";
export { mulberry32, type Random } from "./random.js";
export { binomialDraw, multinomialDraw } from "./binomial.js";
export { accuracy, mean } from "./metrics/accuracy.js";
export { normalizeAnswer, exactMatch, tokenF1 } from "./metrics/text-match.js";
export { entityCounts, entityScores, entityF1, type EntitySpan, type EntityCounts, type EntityScores } from "./metrics/entity-f1.js";
export { iou, meanIou, type Box } from "./metrics/iou.js";
export { mcnemarExact } from "./metrics/mcnemar.js";
export { confusionMatrix, confusionCells, UNPARSEABLE_LABEL, type ConfusionMatrix } from "./metrics/confusion-matrix.js";
export { extractChoice } from "./extract/choice-answer.js";
export { extractEntities, normalizeEntityType, ENTITY_TYPES } from "./extract/entities.js";
export { extractBox } from "./extract/box.js";
export { extractShortAnswer } from "./extract/short-answer.js";
export { mcqTask, MCQ_PROMPT, type McqTaskOptions } from "./tasks/mcq-task.js";
export { nerTask, entityF1Metrics, NER_PROMPT, type NerTaskOptions } from "./tasks/ner-task.js";
export { openTask, openMetrics, type OpenTaskOptions } from "./tasks/open-task.js";
export { vqaTask, VQA_PROMPT, type VqaTaskOptions, type VqaExpected } from "./tasks/vqa-task.js";
export { shippedDataset } from "./tasks/shipped-dataset.js";
