import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/index.js";
import { runPipeline } from "../../src/index.js";

let emulator: EmulatorHandle;
let dir: string;

export const PIPELINE_CONFIG = `models:
  m:
    provider: openai
    model_name: gpt-4o-mini
steps:
  caption:
    user: "Describe {name} in one line."
    response_key: caption
  keep:
    user: "Is this about an even item? {caption} Hint: {hint}"
    response_key: decision
    parse: { type: label, labels: [keep, drop] }
  qa:
    when: { field: decision, equals: keep }
    user: "Ask and answer one question about: {caption}. So far: {dialog_history}"
    response_key: turn
    rounds: 3
`;

function writeInput(count: number): string {
  const path = join(dir, "input.json");
  // The echo responder repeats the prompt, so the hint decides the label.
  writeFileSync(path, JSON.stringify(Array.from({ length: count }, (_, index) => ({ id: `r${index}`, name: `item ${index}`, hint: index % 2 === 0 ? "keep" : "drop" }))));
  return path;
}

beforeAll(async () => {
  emulator = await startEmulator({ batchMs: 200 });
  dir = mkdtempSync(join(tmpdir(), "batchlab-pipeline-"));
  writeFileSync(join(dir, "config.yaml"), PIPELINE_CONFIG);
});
afterAll(async () => {
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("pipelines", () => {
  it("runs caption, a label filter and three dialogue rounds, writing every step's output into the rows", async () => {
    const input = writeInput(10);
    const output = join(dir, "out.json");
    const summary = await runPipeline({ config: join(dir, "config.yaml"), input, output, stateDir: join(dir, "state"), emulatorUrl: emulator.url, pollIntervalMs: 50 });
    // Stage run ids: this pipeline's own id, then the stage (batch tags are per account).
    const id = summary.stages[0].runId.split("-")[0];
    expect(id).toMatch(/^[0-9a-f]{8}$/);
    expect(summary.stages.map((stage) => stage.runId)).toEqual(["01-caption", "02-keep", "03-qa-r1", "04-qa-r2", "05-qa-r3"].map((stage) => `${id}-${stage}`));
    const rows = JSON.parse(readFileSync(output, "utf8"));
    expect(rows).toHaveLength(10);
    rows.forEach((row: Record<string, unknown>, index: number) => {
      expect(row.caption).toContain(`Describe item ${index}`);
      expect(row.decision).toBe(index % 2 === 0 ? "keep" : "drop");
      if (index % 2 === 0) {
        // Each round saw the rounds before it in its prompt (the echo repeats the prompt).
        expect(String(row.dialog_history)).toMatch(/^Round 1: Echo: .*So far: $/m);
        expect(String(row.dialog_history)).toMatch(/\nRound 2: Echo: .*So far: Round 1: /);
        expect(String(row.dialog_history)).toMatch(/\nRound 3: Echo: .*So far: Round 1: /);
      } else {
        expect(row.turn).toBeUndefined();
      }
    });
    expect(summary.stages.filter((stage) => stage.step === "qa").every((stage) => stage.sent === 5)).toBe(true);
  });

  it("continues a finished pipeline without sending anything, and refuses a changed input", async () => {
    const output = join(dir, "out.json");
    const before = (emulator.stats() as unknown as { openai: { batches_created: number } }).openai.batches_created;
    const again = await runPipeline({ config: join(dir, "config.yaml"), input: join(dir, "input.json"), output, stateDir: join(dir, "state"), emulatorUrl: emulator.url });
    expect(again.stages.every((stage) => stage.sent === -1)).toBe(true);
    expect((emulator.stats() as unknown as { openai: { batches_created: number } }).openai.batches_created).toBe(before);
    writeInput(11);
    await expect(runPipeline({ config: join(dir, "config.yaml"), input: join(dir, "input.json"), output, stateDir: join(dir, "state"), emulatorUrl: emulator.url })).rejects.toThrow(
      /the input .*input\.json changed.*remov(e|ing) .*state/,
    );
  });
});
