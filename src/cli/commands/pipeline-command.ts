import { EMULATOR_OPTION, UsageError, parseCommand, positiveInteger, text } from "../args.js";
import { interruptSignal, withEmulator } from "../with-emulator.js";

export const PIPELINE_USAGE = "batchlab pipeline <config> --input F --output F [--steps a,b] [--provider P] [--state-dir D] [--emulator]";

/** Run a config's steps in order over a dataset; rerun the same command to continue. */
export async function pipelineCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    {
      input: { type: "string" },
      output: { type: "string" },
      steps: { type: "string" },
      provider: { type: "string" },
      "state-dir": { type: "string" },
      "max-requests": { type: "string" },
      "poll-ms": { type: "string" },
      retries: { type: "string" },
      ...EMULATOR_OPTION,
    },
    ["config"],
  );
  const input = text(values.input);
  const output = text(values.output);
  if (!input || !output) throw new UsageError(`--input and --output are required; ${PIPELINE_USAGE}`);
  const { runPipeline } = await import("../../pipeline/run-pipeline.js");
  return withEmulator(Boolean(values.emulator), async (emulatorUrl) => {
    const interrupt = interruptSignal();
    let last = "";
    try {
      const summary = await runPipeline({
        config: positionals[0],
        input,
        output,
        steps: text(values.steps)?.split(",").map((step) => step.trim()).filter(Boolean),
        provider: text(values.provider),
        stateDir: text(values["state-dir"]),
        maxRequests: positiveInteger(values["max-requests"], "--max-requests"),
        pollIntervalMs: positiveInteger(values["poll-ms"], "--poll-ms"),
        retries: values.retries === "0" ? 0 : positiveInteger(values.retries, "--retries"),
        emulatorUrl,
        signal: interrupt.signal,
        onProgress: (progress) => {
          const line = `[batchlab] stage ${progress.stage}/${progress.stages} ${progress.step}${progress.round > 1 ? ` round ${progress.round}` : ""}` +
            (progress.run ? `: ${progress.run.phase} ${progress.run.done}/${progress.run.total}` : "");
          if (line !== last) process.stderr.write(`${line}\n`);
          last = line;
        },
      });
      process.stdout.write(`wrote ${summary.rows} rows to ${summary.output}\n`);
      for (const stage of summary.stages) process.stdout.write(`  ${stage.runId}: ${stage.sent < 0 ? "done before" : `${stage.sent} rows sent`}\n`);
      return 0;
    } catch (error) {
      if ((error as Error).name === "Interrupted") {
        process.stderr.write(`\n[batchlab] stopped. Run the same command again to continue where it stopped.\n`);
        return 130;
      }
      throw error;
    } finally {
      interrupt.dispose();
    }
  });
}
