import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import { runCli, startCli, startEmulatorProcess } from "../support/cli.js";
import { writePromptFile } from "../support/datasets.js";

/**
 * `kill -9` at every dangerous moment, then `batchlab resume`: results complete, and the
 * emulator (its own process, so it outlives the kills) shows each chunk's batch created once.
 */
const ROWS = 24;
const MAX_REQUESTS = 8; // three chunks
let emulator: Awaited<ReturnType<typeof startEmulatorProcess>>;
let dir: string;
let dataset: string;

beforeAll(async () => {
  emulator = await startEmulatorProcess(["--batch-ms", "1500"]);
});
afterAll(async () => emulator?.stop());

function env(extra: Record<string, string> = {}) {
  return { BATCHLAB_EMULATOR_URL: emulator.url, ...extra };
}

function runArgs(runId: string) {
  return ["run", dataset, "--run-dir", join(dir, "runs"), "--run-id", runId, "--max-requests", String(MAX_REQUESTS), "--poll-ms", "100"];
}

async function expectCompleteAndCreatedOnce(runId: string) {
  let resumed = await runCli(["resume", runId, "--run-dir", join(dir, "runs"), "--poll-ms", "100"], env());
  if (resumed.code !== 0 && /no run "[^"]+" in|nothing was sent/.test(resumed.stderr)) {
    // Killed before the run was recorded: nothing was sent, and running it again starts it.
    resumed = await runCli(runArgs(runId), env());
  }
  expect(resumed.stderr).not.toMatch(/unexpected error/);
  expect(resumed.code, resumed.stderr).toBe(0);
  const lines = readFileSync(join(dir, "runs", runId, "results.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line));
  expect(lines.map((line) => line.key)).toEqual(Array.from({ length: ROWS }, (_, index) => `p${index}`));
  expect(lines.every((line) => line.status === "succeeded")).toBe(true);
  const client = new OpenAI({ apiKey: "test", baseURL: `${emulator.url}/openai/v1` });
  const created = new Map<string, number>();
  for await (const batch of client.batches.list({ limit: 100 })) {
    if (batch.metadata?.batchlab_run !== runId) continue;
    const chunk = batch.metadata.batchlab_chunk;
    created.set(chunk, (created.get(chunk) ?? 0) + 1);
  }
  expect(Object.fromEntries(created)).toEqual({ "chunk-0000": 1, "chunk-0001": 1, "chunk-0002": 1 });
}

describe("kill -9 and resume", () => {
  beforeAll(() => {
    // One folder for the whole file (the per-test temp dirs are removed after each test).
    dir = mkdtempSync(join(tmpdir(), "batchlab-kill-"));
    dataset = writePromptFile(dir, ROWS);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const points = [
    "after-upload#2",
    "after-create#1",
    "after-create#3",
    "after-record#2",
    "while-polling#4",
    "after-download#1",
    "while-collecting#2",
  ];
  it.each(points)("completes every row exactly once after a kill at %s", async (point) => {
    const runId = `kill-${point.replace("#", "-")}`;
    const killed = await runCli(runArgs(runId), env({ BATCHLAB_CRASH_AT: point }));
    expect(killed.signal, killed.stderr).toBe("SIGKILL");
    await expectCompleteAndCreatedOnce(runId);
  });

  it.each([150, 300, 900, 1700, 2600])("completes every row exactly once after a kill at %i ms", async (delay) => {
    const runId = `kill-at-${delay}`;
    const child = startCli(runArgs(runId), env());
    const closed = new Promise((resolve) => child.once("close", resolve));
    await new Promise((resolve) => setTimeout(resolve, delay));
    child.kill("SIGKILL"); // a no-op if the run already finished
    await closed;
    await expectCompleteAndCreatedOnce(runId);
  });

  it("prints the run id and the exact resume command with --no-wait", async () => {
    const result = await runCli(["run", dataset, "--run-dir", join(dir, "runs"), "--run-id", "later", "--no-wait", "--max-requests", String(MAX_REQUESTS)], env());
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe("later");
    expect(result.stderr).toContain(`batchlab resume later --run-dir ${join(dir, "runs")}`);
    await expectCompleteAndCreatedOnce("later");
  });
});
