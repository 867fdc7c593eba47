/** Types of pipeline-processes.js (plain JS, shared by the chaos test and bench). */
import type { ChildProcessWithoutNullStreams } from "node:child_process";

export const CLI: string;

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function startCli(args: string[], env?: Record<string, string>): ChildProcessWithoutNullStreams;
export function finished(child: ChildProcessWithoutNullStreams): Promise<CliResult>;
export function runCli(args: string[], env?: Record<string, string>): Promise<CliResult>;
export function startEmulatorProcess(args?: string[]): Promise<{
  url: string;
  stats(): Promise<Record<string, Record<string, number>>>;
  stop(): Promise<void>;
}>;
export function lastStageLine(stderr: string): string;
