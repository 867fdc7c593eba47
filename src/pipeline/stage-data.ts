import { dirname } from "node:path";
import type { ResolvedStep } from "../data/config.js";
import { readLines } from "../util/jsonl.js";
import { AtomicFileWriter } from "../util/atomic-write.js";
import { RunStateError } from "../errors.js";
import type { ResultRow } from "../run/result-row.js";
import { parseOutput } from "./parse-output.js";
import { meetsCondition } from "./when.js";
import type { Stage } from "./pipeline-state.js";

/** The column every pipeline row carries: its key, fixed at the start, so steps join on it. */
export const KEY_FIELD = "_key";
/** Rounds of a dialogue step are appended here, for later templates to use. */
export const HISTORY_FIELD = "dialog_history";
/** The round being asked, as a template field. */
export const ROUND_FIELD = "dialog_round";

/**
 * The rows of a pipeline data file, streamed. A line that is not JSON, or a row count other
 * than `expected` (a file damaged after it was written), is a RunStateError naming the file:
 * never fewer rows passed on in silence.
 */
export async function* readRows(path: string, expected: number | undefined): AsyncGenerator<Record<string, unknown>> {
  let count = 0;
  for await (const { line, text } of readLines(path)) {
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw damaged(path, `line ${line} is not JSON (${(error as Error).message})`);
    }
    count++;
    yield row;
  }
  if (expected !== undefined && count !== expected) throw damaged(path, `it has ${count} rows, the pipeline's input has ${expected}`);
}

/** Write the rows this stage sends (those meeting the step's `when`), streamed. Returns how many. */
export async function writeStageInput(rowsFile: string, target: string, step: ResolvedStep, stage: Stage, expectedRows?: number): Promise<number> {
  const writer = new AtomicFileWriter(target);
  let count = 0;
  try {
    for await (const row of readRows(rowsFile, expectedRows)) {
      if (!meetsCondition(row, step.when)) continue;
      await writer.write(`${JSON.stringify({ ...row, [ROUND_FIELD]: stage.round, [HISTORY_FIELD]: row[HISTORY_FIELD] ?? "" })}\n`);
      count++;
    }
    await writer.commit();
    return count;
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/**
 * Merge a stage's results into the rows, streamed: rows that were sent get the parsed output
 * (or an `<response_key>_error`), the rest pass through unchanged. Results come in the same
 * order as the stage's input, and each is checked by key: never joined by position alone.
 */
export async function mergeStageResults(rowsFile: string, results: AsyncIterable<ResultRow> | undefined, target: string, step: ResolvedStep, stage: Stage, expectedRows?: number): Promise<void> {
  const iterator = results?.[Symbol.asyncIterator]();
  const writer = new AtomicFileWriter(target);
  try {
    for await (const row of readRows(rowsFile, expectedRows)) {
      if (iterator && meetsCondition(row, step.when)) {
        const next = await iterator.next();
        if (next.done || next.value.key !== row[KEY_FIELD]) {
          throw new RunStateError(`stage ${stage.runId}: the results do not line up with the rows at key ${String(row[KEY_FIELD])}; the run's results.jsonl may have been edited`);
        }
        applyResult(row, next.value, step, stage);
      }
      await writer.write(`${JSON.stringify(row)}\n`);
    }
    if (iterator && !(await iterator.next()).done) {
      throw damaged(rowsFile, `stage ${stage.runId} has results for rows the file does not hold`);
    }
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

function damaged(path: string, what: string): RunStateError {
  return new RunStateError(
    `the pipeline data file ${path} is damaged: ${what}. Start the pipeline over by removing its folder ${dirname(path)}, or restore the file from a backup`,
  );
}

function applyResult(row: Record<string, unknown>, result: ResultRow, step: ResolvedStep, stage: Stage): void {
  const key = step.responseKey;
  const errorKey = `${key}_error`;
  const parsed = result.status === "succeeded" ? parseOutput(result.text ?? "", step.parse) : { ok: false as const, error: `${result.error?.code ?? result.status}: ${result.error?.message ?? ""}`.trim() };
  if (parsed.ok) {
    row[key] = parsed.value;
    delete row[errorKey];
  } else {
    row[key] = null;
    row[errorKey] = parsed.error;
  }
  if (stage.rounds > 1) {
    const turn = parsed.ok ? formatTurn(parsed.value) : `(no answer: ${parsed.error})`;
    row[HISTORY_FIELD] = `${row[HISTORY_FIELD] ? `${String(row[HISTORY_FIELD])}\n` : ""}Round ${stage.round}: ${turn}`;
  }
}

/** A dialogue turn as text: a `{question, answer}` object reads as Q/A, anything else as JSON or text. */
function formatTurn(value: unknown): string {
  if (typeof value === "string") return value;
  const turn = value as { question?: unknown; answer?: unknown };
  if (turn && typeof turn === "object" && "question" in turn && "answer" in turn) return `Q: ${String(turn.question)} A: ${String(turn.answer)}`;
  return JSON.stringify(value);
}
