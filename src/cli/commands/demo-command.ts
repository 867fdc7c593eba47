import { fileURLToPath } from "node:url";
import { readResults } from "../../api/read-results.js";
import { runBatch } from "../../api/run-batch.js";
import { parseCommand, text } from "../args.js";
import { formatSummary } from "../print-summary.js";
import { createProgressReporter } from "../progress-reporter.js";
import { withEmulator } from "../with-emulator.js";

const DATASETS = fileURLToPath(new URL("../../../datasets/prompts/", import.meta.url));

/**
 * The main job end to end on the built-in emulator: no key, no network. Validates the
 * shipped prompts, writes chunk files, uploads them with the real OpenAI SDK, waits for the
 * batch, joins results by key and writes results.jsonl / results.csv / summary.json.
 */
export async function demoCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, { "run-dir": { type: "string" } }, []);
  return withEmulator(true, async (emulatorUrl) => {
    const progress = createProgressReporter();
    const summary = await runBatch({
      dataset: `${DATASETS}prompt-objects.json`,
      config: `${DATASETS}config.yaml`,
      step: "answer",
      runDir: text(values["run-dir"]),
      emulatorUrl,
      onProgress: progress.update,
    });
    progress.stop();
    const rows = await readResults(summary.runId, { runDir: text(values["run-dir"]) });
    process.stdout.write(`${formatSummary(summary)}\n\nfirst results:\n`);
    for (const row of rows.slice(0, 3)) process.stdout.write(`  ${row.key}: ${row.text?.slice(0, 100)}\n`);
    process.stdout.write(`\n(emulated: the "echo" responder answers every prompt; set OPENAI_API_KEY and use \`batchlab run\` for real answers)\n`);
    return 0;
  });
}
