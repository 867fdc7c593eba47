/**
 * Typed errors. Messages read well in a notebook cell and a terminal:
 * `[batchlab] [openai] POST /v1/batches: 400 ... — what to do`.
 */

export class BatchlabError extends Error {
  override name = "BatchlabError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message.startsWith("[batchlab]") ? message : `[batchlab] ${message}`, options);
  }
}

/** One problem in the user's input: file, row (1-based) and field. */
export interface InputProblem {
  file: string;
  row?: number;
  column?: number;
  field?: string;
  message: string;
}

/** Every problem found in the input, reported at once. Nothing was sent. */
export class ValidationError extends BatchlabError {
  override name = "ValidationError";
  constructor(readonly problems: InputProblem[]) {
    super(formatProblems(problems));
  }
}

/** A provider call failed in transport, auth or request validation. */
export class ProviderError extends BatchlabError {
  override name = "ProviderError";
  constructor(
    readonly provider: string,
    readonly operation: string,
    readonly status: number | undefined,
    detail: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(
      `[${provider}] ${operation}: ${status ?? "network error"} ${detail}${hint ? ` — ${hint}` : ""}`,
      options,
    );
  }
}

/** The run directory or journal is missing, locked, changed or damaged. */
export class RunStateError extends BatchlabError {
  override name = "RunStateError";
}

/** The estimate is over the budget (nothing was sent), or a realtime run reached it. */
export class BudgetError extends BatchlabError {
  override name = "BudgetError";
}

/** Configuration is missing or wrong (provider, model, key, option). */
export class ConfigError extends BatchlabError {
  override name = "ConfigError";
}

const MAX_LISTED_PROBLEMS = 50;

function formatProblems(problems: InputProblem[]): string {
  const lines = problems.slice(0, MAX_LISTED_PROBLEMS).map(formatProblem);
  const more = problems.length - lines.length;
  if (more > 0) lines.push(`... and ${more} more`);
  const noun = problems.length === 1 ? "problem" : "problems";
  return `${problems.length} ${noun} in the input; nothing was sent. Fix them and run again:\n${lines.join("\n")}`;
}

export function formatProblem(problem: InputProblem): string {
  let where = problem.file;
  if (problem.row !== undefined) where += `:${problem.row}`;
  if (problem.column !== undefined) where += `:${problem.column}`;
  const field = problem.field ? ` field "${problem.field}"` : "";
  return `  ${where}${field}: ${problem.message}`;
}
