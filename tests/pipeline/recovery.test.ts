import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/index.js";
import { RunStateError, ValidationError, runPipeline, type PipelineOptions } from "../../src/index.js";
import { Journal } from "../../src/run/journal.js";
import { CHAOS_CONFIG, writeChaosInput } from "../../bench/lib/pipeline-chaos.js";
import { finished, startCli } from "../../bench/lib/pipeline-processes.js";

/**
 * Damaged state and misuse: a corrupt or truncated journal, a damaged pipeline.json, a
 * half-written output or data file, a changed input or config, two drivers at once, and rows
 * missing a template field. Each ends in a clear error that names the file and what to do,
 * or in a safe recovery — never in silently lost or wrong rows.
 */
const ROWS = 8;
let emulator: EmulatorHandle;
let root: string;
let counter = 0;

beforeAll(async () => {
  emulator = await startEmulator({ batchMs: 300 });
  root = mkdtempSync(join(tmpdir(), "batchlab-recovery-"));
});
afterAll(async () => {
  await emulator?.close();
  rmSync(root, { recursive: true, force: true });
});

/** A fresh folder with the chaos config (caption → triage → 3 qa rounds) and 8 rows. */
function setup() {
  const dir = join(root, `case-${++counter}`);
  const state = join(dir, "state");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "config.yaml"), CHAOS_CONFIG);
  const rows = writeChaosInput(join(dir, "input.json"), ROWS);
  const options: PipelineOptions = {
    config: join(dir, "config.yaml"),
    input: join(dir, "input.json"),
    output: join(dir, "out.json"),
    stateDir: state,
    emulatorUrl: emulator.url,
    pollIntervalMs: 50,
    maxRequests: 3,
  };
  return { dir, state, rows, options, runs: join(state, "runs") };
}

/** Run until stage `stage` is waiting for its batches, then abort (as a lost kernel would stop it). */
async function stopAtStage(options: PipelineOptions, stage: number): Promise<void> {
  const controller = new AbortController();
  await expect(
    runPipeline({ ...options, signal: controller.signal, onProgress: (progress) => progress.stage === stage && progress.run?.phase === "waiting" && controller.abort() }),
  ).rejects.toThrow();
}

/** What the pipeline writes for the chaos config (the echo responder repeats each prompt). */
/** A stage's run folder: run ids are `<pipeline id>-<stage>`. */
function stageRun(runs: string, stage: string): string {
  const name = readdirSync(runs).find((entry) => entry.endsWith(`-${stage}`));
  if (!name) throw new Error(`no run for stage ${stage} in ${runs}`);
  return join(runs, name);
}

function expectedOutput(rows: { id: string; name: string; hint: string }[]) {
  return rows.map((row) => {
    const out: Record<string, unknown> = { ...row, caption: `Echo: Describe ${row.name}. [system: You describe things in one line.]` };
    out.decision = row.hint;
    if (row.hint !== "keep") return out;
    const turns = [1, 2, 3].map((round) => ({ question: `Q${round} on ${row.name}?`, answer: `A${round} for ${row.id}` }));
    out.turn = turns[2];
    out.dialog_history = turns.map((turn, index) => `Round ${index + 1}: Q: ${turn.question} A: ${turn.answer}`).join("\n");
    return out;
  });
}

function readOutput(path: string): Record<string, unknown>[] {
  return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>[];
}

function batchesCreated(): number {
  return (emulator.stats() as unknown as { openai: { batches_created: number } }).openai.batches_created;
}

describe("damaged journals", () => {
  it("a stage's journal overwritten with garbage stops the pipeline with a RunStateError naming the file and what to do", async () => {
    const { options, state, runs } = setup();
    await stopAtStage(options, 3);
    const journal = join(stageRun(runs, "03-qa-r1"), "journal.sqlite");
    writeFileSync(journal, Buffer.alloc(8192, 0x5a));
    rmSync(`${journal}-wal`, { force: true });
    rmSync(`${journal}-shm`, { force: true });
    const before = readFileSync(join(state, "pipeline.json"), "utf8");
    const error = await runPipeline(options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunStateError);
    expect((error as Error).message).toContain(journal);
    expect((error as Error).message).toMatch(/damaged.*(move it aside|restore it)/i);
    // Nothing was given up on: the finished stages and the state are as they were, no output.
    expect(readFileSync(join(state, "pipeline.json"), "utf8")).toBe(before);
    expect(existsSync(options.output)).toBe(false);
  });

  it("a truncated journal stops the pipeline with a RunStateError naming the file", async () => {
    const { options, runs } = setup();
    await stopAtStage(options, 2);
    const journal = join(stageRun(runs, "02-triage"), "journal.sqlite");
    truncateSync(journal, Math.floor(statSync(journal).size / 2));
    rmSync(`${journal}-wal`, { force: true });
    rmSync(`${journal}-shm`, { force: true });
    const error = await runPipeline(options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunStateError);
    expect((error as Error).message).toContain(journal);
    expect(existsSync(options.output)).toBe(false);
  });

  it("a journal left without its run record (killed as the run was being created) is prepared again: nothing had been sent", async () => {
    const { options, runs, rows, state } = setup();
    await stopAtStage(options, 2);
    // What a kill between creating the journal and recording the run leaves: an empty journal.
    const id = (JSON.parse(readFileSync(join(state, "pipeline.json"), "utf8")) as { id: string }).id;
    const stageDir = join(runs, `${id}-03-qa-r1`);
    rmSync(stageDir, { recursive: true, force: true });
    mkdirSync(stageDir, { recursive: true });
    Journal.open(join(stageDir, "journal.sqlite")).close();
    await runPipeline(options);
    expect(readOutput(options.output)).toEqual(expectedOutput(rows));
  });
});

describe("damaged pipeline state and files", () => {
  it("a damaged pipeline.json is refused with a RunStateError naming it", async () => {
    const { options, state } = setup();
    await stopAtStage(options, 2);
    const path = join(state, "pipeline.json");
    writeFileSync(path, readFileSync(path, "utf8").slice(0, 40));
    const error = await runPipeline(options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunStateError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toMatch(/damaged/);
  });

  it("a half-written output and a leftover temp file are rewritten from the rows, sending nothing", async () => {
    const { options, dir, rows } = setup();
    await runPipeline(options);
    const whole = readFileSync(options.output, "utf8");
    writeFileSync(options.output, whole.slice(0, Math.floor(whole.length / 2)));
    writeFileSync(`${options.output}.tmp-99999-abcdef`, whole.slice(0, 100));
    const before = batchesCreated();
    const summary = await runPipeline(options);
    expect(readFileSync(options.output, "utf8")).toBe(whole);
    expect(readOutput(options.output)).toEqual(expectedOutput(rows));
    expect(summary.stages.every((stage) => stage.sent === -1)).toBe(true);
    expect(batchesCreated()).toBe(before);
    // The stranger's temp file is left alone (it may be another process's).
    expect(readdirSync(dir)).toContain("out.json.tmp-99999-abcdef");
  });

  it("half-written data and stage-input temp files are ignored: the rerun finishes with every row right", async () => {
    const { options, state, rows } = setup();
    await stopAtStage(options, 3);
    const data = readFileSync(join(state, "data-002.jsonl"), "utf8");
    writeFileSync(join(state, "data-003.jsonl.tmp-99999-abcdef"), data.slice(0, data.length / 2));
    writeFileSync(join(state, "stage-003-input.jsonl.tmp-99999-abcdef"), data.slice(0, 30));
    await runPipeline(options);
    expect(readOutput(options.output)).toEqual(expectedOutput(rows));
  });

  // What a power cut can leave of a file renamed but never flushed: nothing, or zeros.
  it.each([
    ["left empty", (_data: string) => ""],
    ["filled with zero bytes", (data: string) => "\0".repeat(data.length)],
  ])("a data file of a finished stage %s is refused with a RunStateError naming it, not passed on with fewer rows", async (_how, cut) => {
    const { options, state } = setup();
    await stopAtStage(options, 3);
    const path = join(state, "data-002.jsonl");
    writeFileSync(path, cut(readFileSync(path, "utf8")));
    const error = await runPipeline(options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunStateError);
    expect((error as Error).message).toContain(`data file ${path} is damaged`);
    expect((error as Error).message).toMatch(/removing its folder .*state|restore/);
    expect(existsSync(options.output)).toBe(false);
  });
});

describe("changed requests and two drivers", () => {
  it("refuses a changed config, saying what changed and how to start over", async () => {
    const { options, state } = setup();
    await stopAtStage(options, 2);
    writeFileSync(options.config, CHAOS_CONFIG.replace("Describe {name}.", "Describe {name} briefly."));
    await expect(runPipeline(options)).rejects.toThrow(new RegExp(`the config .*config\\.yaml changed.*remov(e|ing) ${state.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&")}`));
  });

  it("refuses a changed step list", async () => {
    const { options } = setup();
    await stopAtStage(options, 2);
    await expect(runPipeline({ ...options, steps: ["caption", "triage"] })).rejects.toThrow(/the steps to run changed/);
  });

  it("refuses a second process while one drives the pipeline, naming the other's pid", async () => {
    const { options } = setup();
    const slow = await startEmulator({ batchMs: 60_000 });
    const args = ["pipeline", options.config, "--input", options.input, "--output", options.output, "--state-dir", options.stateDir!, "--poll-ms", "100"];
    const first = startCli(args, { BATCHLAB_EMULATOR_URL: slow.url });
    const firstDone = finished(first);
    try {
      await new Promise<void>((resolve) => first.stderr.on("data", (data) => String(data).includes("waiting") && resolve()));
      const second = await finished(startCli(args, { BATCHLAB_EMULATOR_URL: slow.url }));
      expect(second.code).not.toBe(0);
      expect(second.stderr).toContain(`another process (pid ${first.pid})`);
      await expect(runPipeline({ ...options, emulatorUrl: slow.url })).rejects.toThrow(new RegExp(`another process \\(pid ${first.pid}\\)`));
    } finally {
      first.kill("SIGKILL");
      await firstDone;
      await slow.close();
    }
  });

  it("refuses a second driver in the same process (a notebook cell run again while the first still runs)", async () => {
    const { options } = setup();
    const controller = new AbortController();
    let waiting!: () => void;
    const started = new Promise<void>((resolve) => (waiting = resolve));
    const first = runPipeline({ ...options, signal: controller.signal, onProgress: (progress) => progress.run?.phase === "waiting" && waiting() }).catch((error: unknown) => error);
    await started;
    const second = await runPipeline(options).catch((error: unknown) => error);
    controller.abort();
    await first;
    expect(second).toBeInstanceOf(RunStateError);
    expect((second as Error).message).toMatch(/already|another/);
  });
});

describe("starting over", () => {
  // BUG, reported: stage run ids ("01-caption") are the batches' tags and are the same for
  // every pipeline, so after "remove the state folder and start over" a chunk caught between
  // `submitting` and create is reconciled with the OLD pipeline's batch: its answers, to the
  // old input, land in the new rows without a word. Remove `.fails` once run ids (or the
  // provider's `find`) tell two pipelines apart.
  it("a pipeline started over on a changed input never takes the answers of its earlier life", async () => {
    const { options, state } = setup();
    const own = await startEmulator({ batchMs: 300 });
    try {
      const run = { ...options, emulatorUrl: own.url, steps: ["caption"] };
      await runPipeline(run);
      // The input changes; the refusal says to remove the state folder, and the user does.
      rmSync(state, { recursive: true, force: true });
      writeChaosInput(options.input, ROWS);
      const input = JSON.parse(readFileSync(options.input, "utf8")) as { name: string }[];
      writeFileSync(options.input, JSON.stringify(input.map((row) => ({ ...row, name: row.name.replace("item", "thing") }))));
      const args = ["pipeline", options.config, "--input", options.input, "--output", options.output, "--state-dir", state, "--steps", "caption", "--max-requests", "3", "--poll-ms", "50"];
      const killed = await finished(startCli(args, { BATCHLAB_EMULATOR_URL: own.url, BATCHLAB_CRASH_AT: "after-upload#1" }));
      expect(killed.signal).toBe("SIGKILL");
      await runPipeline(run);
      const captions = readOutput(options.output).map((row) => row.caption);
      expect(captions).toEqual(input.map((row) => `Echo: Describe ${row.name.replace("item", "thing")}. [system: You describe things in one line.]`));
    } finally {
      await own.close();
    }
  });
});

describe("missing template fields", () => {
  it("reports every row missing a field of a later step's template before that step sends anything", async () => {
    const { options, rows } = setup();
    const input = rows.map((row, index) => (index % 3 === 1 ? { id: row.id, name: row.name } : row));
    writeFileSync(options.input, JSON.stringify(input));
    const before = batchesCreated();
    const error = await runPipeline(options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    const problems = (error as ValidationError).problems;
    expect(problems.map((problem) => problem.field)).toEqual(["hint", "hint", "hint"]);
    expect((error as Error).message).toMatch(/3 problems/);
    // Stage 1 (caption) ran; the triage stage sent nothing.
    expect(batchesCreated() - before).toBe(Math.ceil(ROWS / 3));
  });

  it("reports every row missing a field of the first step before anything is sent", async () => {
    const { options, rows } = setup();
    writeFileSync(options.input, JSON.stringify(rows.map((row, index) => (index % 2 === 0 ? { id: row.id, hint: row.hint } : row))));
    const before = batchesCreated();
    const error = await runPipeline(options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toHaveLength(ROWS / 2);
    expect((error as ValidationError).problems.every((problem) => problem.field === "name")).toBe(true);
    expect(batchesCreated()).toBe(before);
  });
});
