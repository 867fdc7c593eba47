#!/usr/bin/env node
import { BatchlabError } from "../errors.js";
import { UsageError } from "./args.js";
import { demoCommand } from "./commands/demo-command.js";
import { EMULATOR_USAGE, emulatorCommand } from "./commands/emulator-command.js";
import { KERNEL_USAGE, kernelCommand } from "./commands/kernel-command.js";
import { ESTIMATE_USAGE, estimateCommand } from "./commands/estimate-command.js";
import { EVAL_USAGE, REPORT_USAGE, evalCommand, reportCommand } from "./commands/eval-commands.js";
import { PIPELINE_USAGE, pipelineCommand } from "./commands/pipeline-command.js";
import { RUN_USAGE, runCommand } from "./commands/run-command.js";
import { cancelCommand, driveCommand, listCommand, resultsCommand, statusCommand } from "./commands/run-commands.js";

const USAGE = `usage:
  ${RUN_USAGE}
  ${ESTIMATE_USAGE}
  batchlab status <run-id> [--refresh] [--json] [--run-dir D]
  batchlab resume <run-id> [--budget USD] [--run-dir D] [--emulator]
  batchlab retry <run-id> [--mode batch|realtime] [--no-wait] [--run-dir D]
  batchlab results <run-id> [--format csv|jsonl] [-o FILE] [--run-dir D]
  batchlab list [--remote] [--provider P] [--limit N] [--run-dir D]
  batchlab cancel <run-id> [--run-dir D]
  ${PIPELINE_USAGE}
  ${EVAL_USAGE}
  ${REPORT_USAGE}
  ${EMULATOR_USAGE}
  ${KERNEL_USAGE}
  batchlab demo            (a whole batch job on the built-in emulator)

Runs live in .batchlab/runs/<run-id>/ unless --run-dir says otherwise.
With BATCHLAB_EMULATOR_URL set, every provider talks to that emulator.`;

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  run: runCommand,
  estimate: estimateCommand,
  status: statusCommand,
  resume: (argv) => driveCommand("resume", argv),
  retry: (argv) => driveCommand("retry", argv),
  results: resultsCommand,
  list: listCommand,
  cancel: cancelCommand,
  pipeline: pipelineCommand,
  eval: evalCommand,
  report: reportCommand,
  emulator: emulatorCommand,
  kernel: kernelCommand,
  demo: demoCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`batchlab: unknown command "${name}"\n${USAGE}\n`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof BatchlabError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`[batchlab] unexpected error: ${(error as Error)?.stack ?? error}\n`);
    process.exit(1);
  },
);
