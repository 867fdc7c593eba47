import { RUN_DIR_OPTION, parseCommand, text } from "../args.js";

export const EVAL_USAGE = "batchlab eval <run-id> --task mcq|ner|open|vqa [--run-dir D] [--json]";
export const REPORT_USAGE = "batchlab report <run-id> [--task T] [-o report.html] [--run-dir D]";

/** Score a finished run with a task; print the metrics and write metrics.json. */
export async function evalCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, { task: { type: "string" }, json: { type: "boolean" }, ...RUN_DIR_OPTION }, ["run-id"]);
  const { evaluateRun } = await import("../../api/evaluate-run.js");
  const { metricsTable } = await import("../../eval/evaluation-json.js");
  const task = text(values.task);
  if (!task) throw new (await import("../args.js")).UsageError(`--task is required; ${EVAL_USAGE}`);
  const { evaluation, metricsPath } = await evaluateRun(positionals[0], task, { runDir: text(values["run-dir"]) });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(metricsTable(evaluation), null, 2)}\n`);
    return 0;
  }
  const counts = evaluation.counts as unknown as Record<string, number>;
  process.stdout.write(`${evaluation.task} on ${evaluation.metadata.label}: ${Object.entries(counts).map(([name, count]) => `${count} ${name}`).join(", ")}\n`);
  for (const row of metricsTable(evaluation)) {
    const interval = row.low === null || row.low === undefined ? "" : ` [${format(row.low)}, ${format(row.high)}]`;
    const where = row.grouping === "all" ? "" : ` ${row.grouping}=${row.group}`;
    process.stdout.write(`  ${row.metric}${where}: ${format(row.value)}${interval} (n=${row.n})\n`);
  }
  process.stdout.write(`wrote ${metricsPath}\n`);
  return 0;
}

/** Write a finished run's self-contained report.html. */
export async function reportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, { task: { type: "string" }, output: { type: "string", short: "o" }, ...RUN_DIR_OPTION }, ["run-id"]);
  const { reportRun } = await import("../../api/report-run.js");
  const path = await reportRun(positionals[0], { runDir: text(values["run-dir"]), task: text(values.task), output: text(values.output) });
  process.stdout.write(`wrote ${path}\n`);
  return 0;
}

function format(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}
