/**
 * Child processes for the pipeline chaos drill: the built CLI (`dist/cli/main.js`, run by the
 * same Node binary) and `batchlab emulator` in its own process, so the emulator outlives
 * every `kill -9` of the runner. Used by tests/pipeline/chaos.test.ts and
 * bench/pipeline-chaos.bench.js.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The built CLI: `npm run build` first. */
export const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

/**
 * Start the CLI with `args`. Provider keys, emulator URL and crash points of the calling
 * environment are removed, so only `env` decides them.
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 * @returns {import("node:child_process").ChildProcessWithoutNullStreams}
 */
export function startCli(args, env = {}) {
  const clean = { ...process.env };
  for (const name of ["BATCHLAB_EMULATOR_URL", "OPENAI_API_KEY", "BATCHLAB_CRASH_AT"]) delete clean[name];
  return spawn(process.execPath, [CLI, ...args], { env: { ...clean, ...env }, stdio: ["ignore", "pipe", "pipe"] });
}

/**
 * @typedef {{ code: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string }} CliResult
 */

/**
 * Wait for a started CLI to end, collecting its output.
 * @param {import("node:child_process").ChildProcessWithoutNullStreams} child
 * @returns {Promise<CliResult>}
 */
export function finished(child) {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (data) => (stdout += data));
    child.stderr.on("data", (data) => (stderr += data));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * Run the CLI to the end.
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 */
export function runCli(args, env = {}) {
  return finished(startCli(args, env));
}

/**
 * Start `batchlab emulator --port 0 ...args` in its own process; resolves once it listens.
 * @param {string[]} [args] e.g. `["--batch-ms", "800", "--faults", "429:0.05"]`
 */
export async function startEmulatorProcess(args = []) {
  const child = startCli(["emulator", "--port", "0", ...args]);
  let log = "";
  child.stderr.on("data", (data) => (log += data));
  const url = await new Promise((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (data) => {
      output += data;
      if (output.includes("\n")) resolve(output.split("\n")[0].trim());
    });
    child.on("exit", (code) => reject(new Error(`the emulator exited with ${code} before listening:\n${log}`)));
  });
  return {
    /** @type {string} */
    url,
    /** Its stats (`GET /_emulator/stats`). */
    async stats() {
      return /** @type {Promise<Record<string, Record<string, number>>>} */ ((await fetch(`${url}/_emulator/stats`)).json());
    },
    /** @returns {Promise<void>} */
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
    },
  };
}

/** Last `[batchlab] stage N/M ...` progress line in a CLI's stderr (where it was when it died). */
export function lastStageLine(stderr) {
  const lines = stderr.split("\n").filter((line) => line.startsWith("[batchlab] stage "));
  return lines.at(-1)?.replace("[batchlab] ", "") ?? "(starting)";
}
