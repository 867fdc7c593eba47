import type { LineRanges } from "../util/line-ranges.js";
import { sinkLines } from "./openai-output.js";
import type { ResultSink } from "./stored-results.js";

/**
 * Output-line parsers a worker thread can load by name (a provider's `lineParser`), reading
 * each line exactly as the provider's `results()` does, so threads change speed only.
 */
export const THREAD_PARSERS: Readonly<Record<string, (lines: LineRanges, sink: ResultSink) => void>> = {
  openai: sinkLines,
};
