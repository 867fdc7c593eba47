/** The data layer: datasets (JSON, JSONL, CSV), config (YAML), templates and row keys. */
export { inspectDataset, readDataset, type DatasetInfo, type DatasetRow } from "./read-dataset.js";
export { formatOf, SUPPORTED_EXTENSIONS, type DatasetFormat } from "./dataset-file.js";
export {
  configHash,
  defaultConfig,
  expandEnv,
  loadConfig,
  parseConfig,
  PROVIDER_NAMES,
  resolveStep,
  RUN_MODES,
  validateConfig,
  type Config,
  type LoadedConfig,
  type ModelConfig,
  type ProviderName,
  type ResolvedStep,
  type RunMode,
  type StepConfig,
} from "./config.js";
export { compileTemplate, missingFields, type Template } from "./template.js";
export { contentKey, keyOf } from "./keys.js";
export { canonicalJson } from "./canonical-json.js";
