import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run the built CLI to the end (Node 24: the same binary running the tests). */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = startCli(args, env, cwd);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (data) => (stdout += data));
    child.stderr!.on("data", (data) => (stderr += data));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export function startCli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): ChildProcess {
  const clean = { ...process.env };
  delete clean.BATCHLAB_EMULATOR_URL;
  delete clean.OPENAI_API_KEY;
  delete clean.BATCHLAB_CRASH_AT;
  return spawn(process.execPath, [CLI, ...args], { cwd, env: { ...clean, ...env }, stdio: ["ignore", "pipe", "pipe"] });
}

/** Start `batchlab emulator` in its own process; resolves with its URL once it listens. */
export async function startEmulatorProcess(args: string[] = []): Promise<{ url: string; stop(): Promise<void>; stats(): Promise<Record<string, Record<string, number>>> }> {
  const child = startCli(["emulator", "--port", "0", ...args]);
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (data) => {
      output += data;
      const line = output.split("\n")[0];
      if (output.includes("\n")) resolve(line.trim());
    });
    child.on("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
    stats: async () => (await fetch(`${url}/_emulator/stats`)).json() as Promise<Record<string, Record<string, number>>>,
  };
}
