import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RunStateError } from "../errors.js";
import { writeFileAtomic } from "../util/atomic-write.js";

/** One unit of a pipeline: a step, or one round of a dialogue step. */
export interface Stage {
  step: string;
  round: number;
  rounds: number;
  /** The run id of this stage's batch (deterministic, so a rerun finds it). */
  runId: string;
}

/** `pipeline.json`: what the pipeline is, and how far it got. Written atomically. */
export interface PipelineState {
  version: 1;
  /** This pipeline's own id, the prefix of its stages' run ids (batch tags are per account). */
  id: string;
  configFile: string;
  configHash: string;
  inputFile: string;
  inputSha256: string;
  output: string;
  stages: Stage[];
  /** Index of the next stage to run; `data-<next>.jsonl` holds the rows so far. */
  next: number;
  /** Rows of the input: every `data-<n>.jsonl` has exactly these many (checked on reading). */
  rows?: number;
  startedAt: string;
  finishedAt?: string;
}

export const STATE_FILE = "pipeline.json";

export function readState(dir: string): PipelineState | undefined {
  const path = join(dir, STATE_FILE);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as PipelineState;
  } catch (error) {
    throw new RunStateError(
      `the pipeline state ${path} is damaged (${(error as Error).message}); remove the folder ${dir} to start the pipeline over`,
    );
  }
}

export async function writeState(dir: string, state: PipelineState): Promise<void> {
  await writeFileAtomic(join(dir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}

export function dataFile(dir: string, stage: number): string {
  return join(dir, `data-${String(stage).padStart(3, "0")}.jsonl`);
}

/**
 * A rerun must continue the same pipeline: the same config and the same input. Anything
 * else is refused, saying what changed and how to start over.
 */
export function checkSameRequest(state: PipelineState, now: Pick<PipelineState, "configHash" | "inputSha256" | "stages">, dir: string): void {
  const changed: string[] = [];
  if (state.configHash !== now.configHash) changed.push(`the config ${state.configFile} changed`);
  if (state.inputSha256 !== now.inputSha256) changed.push(`the input ${state.inputFile} changed`);
  const stages = (list: Stage[]) => list.map((stage) => stage.runId).join(",");
  if (changed.length === 0 && stages(state.stages) !== stages(now.stages)) changed.push("the steps to run changed (--steps or rounds)");
  if (changed.length > 0) {
    throw new RunStateError(
      `this pipeline was started on ${state.startedAt} and ${changed.join(" and ")} since then; ` +
        `its ${state.next} finished stage(s) would no longer match. Restore them, or start over by removing ${dir} (or writing to another --output)`,
    );
  }
}
