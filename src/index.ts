/**
 * batchlab: run LLM prompts and evaluations in bulk through provider batch APIs.
 * Notebook helpers live in `batchlab/notebook`, the local emulator in `batchlab/emulator`.
 */
export { previewRun, type RunPreview } from "./api/preview-run.js";
export { runBatch, submitRun, type RunInfo } from "./api/run-batch.js";
export { resumeRun, waitForRun, removeRun, type RunLocation } from "./api/resume-run.js";
export { retryRun } from "./api/retry-run.js";
export { runStatus, listRuns, type RunStatusReport } from "./api/run-status.js";
export { readResults, writeResultsCsv } from "./api/read-results.js";
export { cancelRun } from "./api/cancel-run.js";
export { listRemoteBatches } from "./api/list-remote.js";
export type { RunOptions } from "./run/create-run.js";
export type { DriveOptions } from "./run/drive-run.js";
export type { RunSummary } from "./run/run-summary.js";
export type { ResultRow } from "./run/result-row.js";
export { loadConfig, parseConfig, defaultConfig, resolveStep } from "./data/config.js";
export type { Config, ResolvedStep } from "./data/config.js";
export { readDataset, inspectDataset } from "./data/read-dataset.js";
export { createProvider, PROVIDER_NAMES } from "./providers/registry.js";
export { resolveConnection, type ProviderConnection } from "./providers/connection.js";
export { BatchlabError, ValidationError, ProviderError, RunStateError, ConfigError, type InputProblem } from "./errors.js";
export type * from "./types.js";
export { estimateRun } from "./api/estimate-run.js";
export type { CostEstimate } from "./cost/estimate.js";
export { loadPriceTable, type PriceTable, type ModelPrice } from "./cost/price-table.js";
export {
  defineTask,
  registerTask,
  getTask,
  listTasks,
  evaluate,
  toEvaluationJson,
  metricsTable,
  failureRecords,
  recordTable,
  compareEvaluations,
  mcqTask,
  nerTask,
  openTask,
  vqaTask,
  shippedDataset,
  extractChoice,
  extractEntities,
  extractBox,
  accuracy,
  exactMatch,
  normalizeAnswer,
  tokenF1,
  entityF1,
  iou,
  meanIou,
  bootstrapInterval,
  confusionMatrix,
  defineMetric,
  type Task,
  type TaskDefinition,
  type Evaluation,
  type EvaluateOptions,
  type EvaluationJson,
  type PairedComparison,
  type ScoredRecord,
  type Metric,
} from "./eval/index.js";
export { runPipeline, type PipelineOptions, type PipelineSummary, type PipelineProgress } from "./pipeline/run-pipeline.js";
