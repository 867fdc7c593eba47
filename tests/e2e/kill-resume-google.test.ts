import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GoogleGenAI } from "@google/genai";
import { runCli, startCli, startEmulatorProcess } from "../support/cli.js";
import { writePromptFile } from "../support/datasets.js";

/** The same kill -9 and resume guarantees as OpenAI, for the Google providers. */
const ROWS = 18;
const CONFIG = `models:
  flash:
    provider: gemini
    model_name: gemini-2.5-flash
  vertex-flash:
    provider: vertex
    model_name: gemini-2.5-flash
    project_id: kill-project
    location: us-central1
    batch_config:
      gcs_bucket: kill-bucket
steps:
  gemini:
    model: flash
    user: "{prompt}"
    data_key: prompt_id
  vertex:
    model: vertex-flash
    user: "{prompt}"
    data_key: prompt_id
`;

const cases = [
  { provider: "gemini", points: ["after-create#2", "after-record#1", "while-polling#3", "while-collecting#1"], delays: [700, 1600] },
  { provider: "vertex", points: ["after-upload#2", "after-create#1", "after-record#3", "while-polling#2", "after-download#1", "while-collecting#2"], delays: [700, 1600] },
];

describe.each(cases)("$provider: kill -9 and resume", ({ provider, points, delays }) => {
  let emulator: Awaited<ReturnType<typeof startEmulatorProcess>>;
  let dir: string;
  let dataset: string;
  let config: string;
  beforeAll(async () => {
    emulator = await startEmulatorProcess(["--batch-ms", "1200", "--buckets", "kill-bucket"]);
    dir = mkdtempSync(join(tmpdir(), `batchlab-kill-${provider}-`));
    dataset = writePromptFile(dir, ROWS);
    config = join(dir, "config.yaml");
    writeFileSync(config, CONFIG);
  });
  afterAll(async () => {
    await emulator?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string> = {}) => ({ BATCHLAB_EMULATOR_URL: emulator.url, ...extra });
  const runArgs = (runId: string) => ["run", dataset, "--config", config, "--step", provider, "--run-dir", join(dir, "runs"), "--run-id", runId, "--max-requests", "6", "--poll-ms", "100"];

  async function expectCompleteAndCreatedOnce(runId: string) {
    let resumed = await runCli(["resume", runId, "--run-dir", join(dir, "runs"), "--poll-ms", "100"], env());
    if (resumed.code !== 0 && /no run "[^"]+" in|nothing was sent/.test(resumed.stderr)) resumed = await runCli(runArgs(runId), env());
    expect(resumed.code, resumed.stderr).toBe(0);
    const lines = readFileSync(join(dir, "runs", runId, "results.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line));
    expect(lines.map((line) => line.key)).toEqual(Array.from({ length: ROWS }, (_, index) => `p${index}`));
    expect(lines.every((line) => line.status === "succeeded")).toBe(true);
    const created = new Map<string, number>();
    for (const name of await jobDisplayNames(emulator.url, provider)) {
      const match = /^batchlab:([^:]+):([^:]+)/.exec(name);
      if (match?.[1] === runId) created.set(match[2], (created.get(match[2]) ?? 0) + 1);
    }
    expect(Object.fromEntries(created)).toEqual({ "chunk-0000": 1, "chunk-0001": 1, "chunk-0002": 1 });
  }

  it.each(points)("completes every row exactly once after a kill at %s", async (point) => {
    const runId = `${provider}-${point.replace("#", "-")}`;
    const killed = await runCli(runArgs(runId), env({ BATCHLAB_CRASH_AT: point }));
    expect(killed.signal, killed.stderr).toBe("SIGKILL");
    await expectCompleteAndCreatedOnce(runId);
  });

  it.each(delays)("completes every row exactly once after a kill at %i ms", async (delay) => {
    const runId = `${provider}-at-${delay}`;
    const child = startCli(runArgs(runId), env());
    const closed = new Promise((resolve) => child.once("close", resolve));
    await new Promise((resolve) => setTimeout(resolve, delay));
    child.kill("SIGKILL");
    await closed;
    await expectCompleteAndCreatedOnce(runId);
  });
});

/** Every batch job's display name on the emulator, through the official SDK. */
async function jobDisplayNames(url: string, provider: string): Promise<string[]> {
  const ai =
    provider === "gemini"
      ? new GoogleGenAI({ apiKey: "test", httpOptions: { baseUrl: `${url}/gemini` } })
      : new GoogleGenAI({
          vertexai: true,
          project: "kill-project",
          location: "us-central1",
          googleAuthOptions: { authClient: { getRequestHeaders: async () => new Headers({ Authorization: "Bearer test" }) } as never },
          httpOptions: { baseUrl: `${url}/vertex` },
        });
  const names: string[] = [];
  for await (const job of await ai.batches.list({ config: { pageSize: 100 } })) names.push(job.displayName ?? "");
  return names;
}
