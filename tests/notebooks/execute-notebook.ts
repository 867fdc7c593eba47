/**
 * Executes a notebook with `jupyter nbconvert --execute` under the tslab kernel and reads
 * back what each code cell did.
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { kernelName, projectRoot } from "./jupyter-env.js";

/** One output of a code cell, as nbformat stores it. */
export interface CellOutput {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

export interface CodeCell {
  index: number;
  source: string;
  /** The kernel's execute_reply status, recorded by nbconvert-config.py: ok | error | abort. */
  status: string | undefined;
  outputs: CellOutput[];
}

export interface ExecutedNotebook {
  exitCode: number | null;
  /** nbconvert's stderr, for when it failed before writing the notebook. */
  log: string;
  outputPath: string;
  cells: CodeCell[];
}

/** The nbconvert command line (without the `jupyter` program) used for `notebook`. */
export function nbconvertArguments(notebook: string, outputDir: string, timeoutSeconds = 300): string[] {
  return [
    "nbconvert",
    "--to", "notebook",
    "--execute",
    `--ExecutePreprocessor.kernel_name=${kernelName}`,
    `--ExecutePreprocessor.timeout=${timeoutSeconds}`,
    "--config", path.join(projectRoot, "tests", "notebooks", "nbconvert-config.py"),
    "--output-dir", outputDir,
    notebook,
  ];
}

/** Runs nbconvert on `notebook`, writing the executed copy into `outputDir`. */
export async function executeNotebook(
  notebook: string,
  options: { outputDir: string; env: NodeJS.ProcessEnv; timeoutSeconds?: number },
): Promise<ExecutedNotebook> {
  const jupyter = process.env.BATCHLAB_JUPYTER ?? "jupyter";
  const args = nbconvertArguments(notebook, options.outputDir, options.timeoutSeconds);
  const { exitCode, log } = await run(jupyter, args, options.env);
  const outputPath = path.join(options.outputDir, path.basename(notebook));
  const cells = exitCode === 0 ? await readCodeCells(outputPath) : [];
  return { exitCode, log, outputPath, cells };
}

/** Code cells that did not run cleanly: a status other than "ok", an error output or stderr. */
export function failedCells(cells: readonly CodeCell[]): CodeCell[] {
  return cells.filter(
    (cell) =>
      cell.status !== "ok" ||
      cell.outputs.some((output) => output.output_type === "error" || output.name === "stderr"),
  );
}

/** A failure report: each failed cell's source and the text of its error output. */
export function describeFailures(notebook: string, failed: readonly CodeCell[]): string {
  return failed
    .map((cell) => {
      const errors = cell.outputs
        .filter((output) => output.output_type === "error" || output.name === "stderr")
        .map((output) => (output.traceback ? output.traceback.join("\n") : joinText(output.text)))
        .join("\n");
      return (
        `${notebook}: cell ${cell.index + 1} ended with status "${cell.status ?? "not recorded"}"\n` +
        `--- source ---\n${cell.source}\n--- error output ---\n${errors || "(none)"}`
      );
    })
    .join("\n\n");
}

/** All the text a cell showed (stream text and text/plain or text/html data). */
export function cellText(cell: CodeCell): string {
  return cell.outputs
    .map((output) => joinText(output.text) + joinText(output.data?.["text/plain"]) + joinText(output.data?.["text/html"]))
    .join("\n");
}

async function readCodeCells(file: string): Promise<CodeCell[]> {
  const notebook = JSON.parse(await readFile(file, "utf8")) as {
    cells: { cell_type: string; source: string | string[]; metadata?: { batchlab_test?: { status?: string } }; outputs?: CellOutput[] }[];
  };
  return notebook.cells.flatMap((cell, index) =>
    cell.cell_type === "code"
      ? [{ index, source: joinText(cell.source), status: cell.metadata?.batchlab_test?.status, outputs: cell.outputs ?? [] }]
      : [],
  );
}

function joinText(text: string | string[] | undefined): string {
  return Array.isArray(text) ? text.join("") : (text ?? "");
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ exitCode: number | null; log: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.on("error", (error) =>
      reject(new Error(`could not start \`${command} nbconvert\` (${error.message}); install Jupyter (nbconvert, jupyter-client) or set BATCHLAB_JUPYTER.`)),
    );
    child.on("close", (exitCode) => resolve({ exitCode, log }));
  });
}
