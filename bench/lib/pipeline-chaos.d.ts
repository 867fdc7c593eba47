/** Types of pipeline-chaos.js (plain JS, shared by the chaos test and bench). */
export const CHAOS_CONFIG: string;
export const CHAOS_STAGES: number;
export const CHAOS_FAULTS: string;

export interface ChaosRow {
  id: string;
  name: string;
  hint: "keep" | "drop";
}

export function writeChaosInput(path: string, rows: number, seed?: number): ChaosRow[];

export interface ChaosOptions {
  /** Scratch folder (config, input, both state folders and outputs). */
  dir: string;
  rows: number;
  /** SIGKILLs to survive before the final uninterrupted run. */
  kills: number;
  /** Seed of the kill schedule and the chaos emulator's faults (default 1). */
  seed?: number;
  /** Rows per batch (default 50). */
  maxRequests?: number;
  /** How long an emulated batch takes (default 1200). */
  batchMs?: number;
  /** The chaos emulator's faults (default CHAOS_FAULTS). */
  faults?: string;
  /** Pipeline retries of failed rows per stage (default 4). */
  retries?: number;
  /** Range of the random kill delay after the target stage's first progress line. */
  delayMs?: [number, number];
  /** Share of kills also aimed at a crash point (default 0.5). */
  crashPointShare?: number;
  log?: (line: string) => void;
}

export interface ChaosFigures {
  rows: number;
  kills: number;
  kills_at_crash_points: number;
  /** Kills per stage number ("start": before the first progress line). */
  kills_by_stage: Record<string, number>;
  stages: number;
  requests_planned: number;
  requests_sent: number;
  requests_first: number;
  requests_retried: number;
  reference_requests_sent: number;
  batches_planned: number;
  batches_created: number;
  duplicate_successes: number;
  output_rows: number;
  output_equal: boolean;
  faults_injected: number;
  reference_seconds: number;
  chaos_seconds: number;
}

export function runChaosDrill(options: ChaosOptions): Promise<{
  figures: ChaosFigures;
  problems: string[];
  killLog: { how: string; atCrashPoint: boolean; at: string }[];
  referenceOutput: Record<string, unknown>[];
  chaosOutput: Record<string, unknown>[];
}>;
